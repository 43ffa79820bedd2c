package io.rtx.gateway.orders;

/**
 * The answer when the outcome is not known yet (202): the order or request was published; its result
 * arrives on the execution-report stream and in {@code GET /api/v1/orders/{orderId}}.
 */
public record OrderPending(String orderId, String clientOrderId, String requestId, String kind, String status) {

    public static final String PENDING = "PENDING";
}
