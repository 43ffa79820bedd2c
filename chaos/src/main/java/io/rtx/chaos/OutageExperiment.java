package io.rtx.chaos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL (fast shutdown, data kept) or Redis (process stopped, comes back empty: no persistence)
 * down for the outage time, then back on the same port. The trading path does not use either, so
 * orders keep flowing; the ledger must hold its partitions, retry, and catch up without losing or
 * doubling a projection. Recovery: restore → the ledger has written something produced after the
 * restore (PostgreSQL: an order; Redis: a newer last trade).
 */
record OutageExperiment(boolean postgres) implements Experiment {

    @Override
    public String name() {
        return postgres ? "postgres-outage" : "redis-outage";
    }

    @Override
    public String fault() {
        return (postgres ? "PostgreSQL" : "Redis") + " down, back after outage";
    }

    @Override
    public long injectOnce(Environment env) throws Exception {
        if (postgres) {
            env.postgres.stop();
        } else {
            env.redis.stop();
        }
        Environment.log((postgres ? "PostgreSQL" : "Redis") + " stopped for " + env.options.outageSeconds() + " s");
        Sleep.millis(env.options.outageSeconds() * 1000L);
        long watermark = env.flow.watermark();
        Map<String, Long> trades = new LinkedHashMap<>();
        env.market.symbols().forEach(s -> trades.put(s, env.recorder.maxTradeId(s)));
        long restoredAt = System.currentTimeMillis();
        if (postgres) {
            env.postgres.start();
        } else {
            env.redis.start();
        }
        Environment.log((postgres ? "PostgreSQL" : "Redis") + " back");
        return postgres ? Recovery.ledgerOrders(env, watermark, restoredAt)
                : Recovery.redisLastTrade(env, trades, restoredAt);
    }
}
