package io.rtx.gateway.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A new order. Prices and quantities are decimal strings in the instrument's scales. */
public record PlaceOrderRequest(
        @Schema(description = "Your id for this order, unique per account; a retry with the same id returns the original order",
                example = "my-order-0001")
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may only contain letters, digits and . _ : -")
        String clientOrderId,
        @Schema(example = "BTC-USD") @NotBlank @Size(max = 25) String symbol,
        @Schema(allowableValues = {"BUY", "SELL"}) @NotNull @Pattern(regexp = "BUY|SELL", message = "must be BUY or SELL")
        String side,
        @Schema(allowableValues = {"LIMIT", "MARKET"}) @NotNull
        @Pattern(regexp = "LIMIT|MARKET", message = "must be LIMIT or MARKET")
        String type,
        @Schema(allowableValues = {"GTC", "IOC", "FOK", "GTD"}, defaultValue = "GTC")
        @Pattern(regexp = "GTC|IOC|FOK|GTD", message = "must be GTC, IOC, FOK or GTD")
        String timeInForce,
        @Schema(description = "Required for GTD, absent otherwise (ISO-8601)") Instant expiresAt,
        @Schema(defaultValue = "false") Boolean postOnly,
        @Schema(description = "Limit price; required for LIMIT, absent for MARKET", example = "10000.25") String price,
        @Schema(example = "0.5000") @NotBlank String quantity) {

    public String timeInForceOrDefault() {
        return timeInForce == null ? "GTC" : timeInForce;
    }
}
