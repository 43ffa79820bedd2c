package io.rtx.benchmarks;

/**
 * The matching benchmarks' states ({@code @Param state}), each changing one thing from the baseline. Each
 * benchmark lists the ones its harness can set up in reasonable time.
 */
record MatchingScenario(int symbols, int restingPerBook) {

    static MatchingScenario named(String name) {
        return switch (name) {
            case "baseline" -> new MatchingScenario(3, 1_000);
            case "book-100000" -> new MatchingScenario(3, 100_000);
            case "book-1000000" -> new MatchingScenario(3, 1_000_000);
            // Books of 100 orders: 100,000 resting orders over a thousand books.
            case "symbols-1000" -> new MatchingScenario(1_000, 100);
            default -> throw new IllegalArgumentException("unknown state " + name);
        };
    }
}
