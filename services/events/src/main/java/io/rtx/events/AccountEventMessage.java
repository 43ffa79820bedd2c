package io.rtx.events;

import java.util.List;

/**
 * The state of an account after something changed it: an account command (kind = the command's
 * kind, {@code accepted} false with a {@code reason} if refused: a core {@code ReasonCode}'s name) or
 * an order's hold, fill or release (kind BALANCE, {@code commandId} naming the order).
 * {@code sequence} counts the account's events (1, 2, 3, ...) so projections apply each exactly once
 * and in order.
 */
@SchemaVersion(major = 1, minor = 0)
public record AccountEventMessage(
        long sequence,
        String commandId,
        long accountId,
        String kind,
        boolean accepted,
        String reason,
        boolean suspended,
        List<BalanceMessage> balances,
        long timestamp) implements Message {

    public record BalanceMessage(String asset, String available, String reserved) {
    }
}
