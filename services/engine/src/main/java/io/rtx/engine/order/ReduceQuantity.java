package io.rtx.engine.order;

/**
 * Lowers a resting order's total quantity to {@code newQuantity} (which counts what is already
 * filled). It keeps its time priority. {@code newQuantity} must stay above the filled quantity.
 */
public record ReduceQuantity(long orderId, long accountId, String symbol, long newQuantity, long timestamp)
        implements OrderCommand {
}
