package io.rtx.engine.risk;

import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.ReasonCode;

/**
 * The outcome of a pre-trade check: either the command to forward to the book (a MARKET order now
 * carries its protection price) or the reason it was refused.
 */
public record RiskDecision(OrderCommand command, ReasonCode reason) {

    public static RiskDecision accept(OrderCommand command) {
        return new RiskDecision(command, null);
    }

    public static RiskDecision reject(OrderCommand command, ReasonCode reason) {
        return new RiskDecision(command, reason);
    }

    public boolean accepted() {
        return reason == null;
    }
}
