package io.rtx.events;

import java.util.List;

/**
 * The outcome of an account command and the account's state after it: kind = the command's kind,
 * {@code accepted} false with a {@code reason} if refused (a core {@code ReasonCode}'s name).
 * {@code sequence} counts the account's events (1, 2, 3, ...) so projections apply each exactly once
 * and in order. Orders' holds, fills and releases publish no event: they reach readers as the account's
 * state on {@link Topics#ACCOUNTS_CHANGELOG} ({@link AccountStateMessage}).
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
