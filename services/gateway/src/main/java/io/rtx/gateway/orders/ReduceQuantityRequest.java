package io.rtx.gateway.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** The order's new total quantity (what is already filled counts); it keeps its time priority. */
public record ReduceQuantityRequest(@Schema(example = "0.2500") @NotBlank String quantity) {
}
