package io.rtx.benchmarks;

/**
 * The risk benchmarks' states ({@code @Param state}), each changing one thing from the baseline. Each
 * benchmark lists the ones its harness can set up in reasonable time.
 *
 * @param maxOpenOrders the open-order limit of {@code RiskConfiguration}, raised above the open orders
 */
record RiskScenario(int accounts, int symbols, int openOrdersPerAccount, int maxOpenOrders) {

    /** Accounts that get the scenario's open orders before the stream starts. */
    private static final int ACCOUNTS_WITH_OPEN_ORDERS = 1_000;

    static RiskScenario named(String name) {
        return switch (name) {
            case "baseline" -> new RiskScenario(1_000, 3, 10, 1_000);
            case "open-orders-10000" -> new RiskScenario(10, 3, 10_000, 20_000);
            // Twice the recent accounts kept parsed: about half the records read the account from RocksDB.
            case "accounts-200000" -> new RiskScenario(200_000, 3, 10, 1_000);
            // Ten times the recent accounts kept parsed: most records read the account from RocksDB.
            case "accounts-1000000" -> new RiskScenario(1_000_000, 3, 10, 1_000);
            case "symbols-1000" -> new RiskScenario(1_000, 1_000, 10, 1_000);
            default -> throw new IllegalArgumentException("unknown state " + name);
        };
    }

    long accountsWithOpenOrders() {
        return Math.min(accounts, ACCOUNTS_WITH_OPEN_ORDERS);
    }

    String describe(String state) {
        return String.format("%n%s: %,d accounts, %d symbols, %,d open orders before the stream%n", state,
                accounts, symbols, openOrdersPerAccount * accountsWithOpenOrders());
    }
}
