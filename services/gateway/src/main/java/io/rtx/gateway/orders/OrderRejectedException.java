package io.rtx.gateway.orders;

import io.rtx.events.ExecutionReportMessage;
import io.rtx.gateway.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Pre-trade risk (or the book) rejected the order: 422 with the reason code. */
public class OrderRejectedException extends ErrorResponseException {

    public OrderRejectedException(String orderId, String clientOrderId, String reason, boolean replay) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, problem(orderId, clientOrderId, reason, replay), null);
    }

    public static OrderRejectedException of(ExecutionReportMessage report, boolean replay) {
        return new OrderRejectedException(Long.toString(report.orderId()), report.clientOrderId(), report.reason(), replay);
    }

    private static ProblemDetail problem(String orderId, String clientOrderId, String reason, boolean replay) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, Problems.ORDER_REJECTED, "Order rejected",
                "the order was rejected: " + reason);
        problem.setProperty("reason", reason);
        problem.setProperty("orderId", orderId);
        if (clientOrderId != null) {
            problem.setProperty("clientOrderId", clientOrderId);
        }
        if (replay) {
            problem.setProperty("replay", true);
        }
        return problem;
    }
}
