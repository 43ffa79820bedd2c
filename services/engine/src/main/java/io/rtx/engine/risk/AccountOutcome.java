package io.rtx.engine.risk;

import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ReasonCode;
import java.util.List;

/**
 * What an account command came to.
 *
 * @param account the account after the command; null if none exists (unknown, or its opening refused)
 * @param refusal why the command was refused (nothing changed), or null if it was applied
 * @param cancels the kill switch's cancels, one per live order, for the books
 */
public record AccountOutcome(Account account, ReasonCode refusal, List<CancelOrder> cancels) {

    public boolean accepted() {
        return refusal == null;
    }
}
