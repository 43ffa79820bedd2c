package io.rtx.gateway.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** A resting limit order's new price (it loses its time priority). */
public record AmendPriceRequest(@Schema(example = "10001.00") @NotBlank String price) {
}
