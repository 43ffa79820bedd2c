package io.rtx.engine.risk;

/**
 * A change to an account. {@code asset} and {@code amount} are set for DEPOSIT, WITHDRAW and
 * CREDIT_FEE: the amount as given, a decimal in the asset's scale (parsed by the rule, which knows
 * the asset). CREDIT_FEE moves fees to the fee account.
 */
public record AccountCommand(Kind kind, long accountId, String asset, String amount, long timestamp) {

    public enum Kind { OPEN, DEPOSIT, WITHDRAW, SUSPEND, RESUME, CREDIT_FEE }
}
