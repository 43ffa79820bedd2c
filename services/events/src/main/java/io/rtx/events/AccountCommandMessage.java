package io.rtx.events;

/**
 * A change to an account. {@code commandId} names the request so its result can be matched;
 * {@code amount} is a decimal string in {@code asset}. CREDIT_FEE is emitted by risk itself to move
 * fees to the fee account's partition.
 */
@SchemaVersion(major = 1, minor = 0)
public record AccountCommandMessage(
        Kind kind,
        String commandId,
        long accountId,
        String asset,
        String amount,
        long timestamp) implements Message {

    public enum Kind { OPEN, DEPOSIT, WITHDRAW, SUSPEND, RESUME, CREDIT_FEE }
}
