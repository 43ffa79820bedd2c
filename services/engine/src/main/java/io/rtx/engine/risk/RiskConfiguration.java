package io.rtx.engine.risk;

/**
 * Exchange-wide risk settings.
 *
 * @param maxOpenOrders most live orders one account may have at once
 * @param feeAccountId  the account fees are credited to
 */
public record RiskConfiguration(int maxOpenOrders, long feeAccountId) {

    public static final RiskConfiguration DEFAULT = new RiskConfiguration(1_000, 0L);

    public RiskConfiguration {
        if (maxOpenOrders <= 0) {
            throw new IllegalArgumentException("maxOpenOrders must be positive");
        }
    }
}
