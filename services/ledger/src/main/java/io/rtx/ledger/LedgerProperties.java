package io.rtx.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's own settings ({@code rtx.ledger.*}); connections use the standard Spring properties.
 *
 * @param rebuild      truncate every projection and replay all input topics from the earliest offset at start-up
 * @param bookDepth    levels per side in the Redis top-of-book view
 * @param writeTimeout longest wait for one record's database and Redis writes before it counts as failed
 */
@ConfigurationProperties("rtx.ledger")
public record LedgerProperties(
        @DefaultValue("false") boolean rebuild,
        @DefaultValue("20") int bookDepth,
        @DefaultValue("30s") Duration writeTimeout,
        @DefaultValue Retry retry,
        @DefaultValue ReportGaps reportGaps,
        @DefaultValue Ticker ticker) {

    /**
     * Retries of a record that failed for a reason that is neither bad content nor an infrastructure
     * outage, before it goes to the dead-letter topic.
     */
    public record Retry(@DefaultValue("3") int attempts, @DefaultValue("1s") Duration interval,
                        @DefaultValue("30s") Duration maxOutageBackOff) {
    }

    /** A missing report sequence is a gap once it stayed missing for {@code grace}. */
    public record ReportGaps(@DefaultValue("10s") Duration grace, @DefaultValue("2s") Duration scanInterval) {
    }

    /** Dirty tickers are recomputed every {@code refreshInterval}; all of them every {@code fullRefreshInterval}. */
    public record Ticker(@DefaultValue("1s") Duration refreshInterval,
                         @DefaultValue("60s") Duration fullRefreshInterval) {
    }
}
