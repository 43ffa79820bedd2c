package io.rtx.gateway.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the admin API. */
public final class AdminRequests {

    private AdminRequests() {
    }

    public record OpenAccount(
            @Schema(description = "Optional account id (decimal string); generated if absent", example = "1001")
            @Pattern(regexp = "[1-9][0-9]{0,18}", message = "must be a positive integer as a string") String accountId) {
    }

    public record CreateApiKey(
            @Schema(allowableValues = {"TRADER", "ADMIN"}) @NotNull
            @Pattern(regexp = "TRADER|ADMIN", message = "must be TRADER or ADMIN") String role) {
    }

    public record Transfer(
            @Schema(example = "USD") @NotBlank @Pattern(regexp = "[A-Z0-9]{1,16}", message = "must be an asset code")
            String asset,
            @Schema(example = "1000.00") @NotBlank String amount) {
    }

    public record DefineInstrument(
            @Schema(example = "BTC") @NotBlank @Size(max = 12) String baseAsset,
            @Schema(example = "8") @NotNull @Min(0) @Max(18) Integer baseScale,
            @Schema(example = "USD") @NotBlank @Size(max = 12) String quoteAsset,
            @Schema(example = "8") @NotNull @Min(0) @Max(18) Integer quoteScale,
            @Schema(example = "2") @NotNull @Min(0) @Max(18) Integer priceScale,
            @Schema(example = "4") @NotNull @Min(0) @Max(18) Integer quantityScale,
            @Schema(example = "0.01") @NotBlank String tickSize,
            @Schema(example = "0.0010") @NotBlank String lotSize,
            @Schema(example = "0.0010") @NotBlank String minQuantity,
            @Schema(example = "100.0000") @NotBlank String maxQuantity,
            @Schema(example = "10.00") @NotBlank String priceBandPercent,
            @Schema(description = "Centre of the price band until the instrument first trades", example = "10000.00")
            @NotBlank String referencePrice,
            @Schema(example = "10000000.00000000") @NotBlank String maxNotional,
            @Schema(example = "10") @NotNull @Min(0) @Max(10_000) Integer makerFeeBps,
            @Schema(example = "20") @NotNull @Min(0) @Max(10_000) Integer takerFeeBps,
            @Schema(allowableValues = {"CANCEL_NEWEST", "CANCEL_OLDEST"}, defaultValue = "CANCEL_NEWEST")
            @Pattern(regexp = "CANCEL_NEWEST|CANCEL_OLDEST|CANCEL_BOTH",
                    message = "must be CANCEL_NEWEST, CANCEL_OLDEST or CANCEL_BOTH") String selfTradePolicy) {
    }
}
