package io.rtx.gateway.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Gateway settings ({@code rtx.gateway.*}).
 *
 * @param nodeId          a fixed order-id node (0..1023) for this instance; it must then differ between every
 *                        two gateway processes that run at the same time. Unset: the node id is leased from
 *                        PostgreSQL ({@code nodeLease}), which is what Kubernetes uses
 * @param nodeLease       how the node id is leased when {@code nodeId} is not set
 * @param ackTimeout      how long order placement waits for the first execution report before 202
 * @param accountCommandTimeout how long an admin account command waits for its account event
 * @param keyCacheTtl     a verified API key is trusted this long without asking PostgreSQL again
 * @param keyCacheMaxStale a verified key keeps working this long while PostgreSQL cannot be asked
 * @param rateLimit       requests per {@code rateLimitPeriod} per API key
 * @param keyRateLimits   a different {@code rateLimit} for individual keys, by key id (e.g. a market maker)
 */
@Validated
@ConfigurationProperties("rtx.gateway")
public record GatewayProperties(
        @Min(0) @Max(1023) Integer nodeId,
        @Valid @DefaultValue NodeLease nodeLease,
        @DefaultValue("2s") Duration ackTimeout,
        @DefaultValue("2s") Duration accountCommandTimeout,
        @DefaultValue("30s") Duration keyCacheTtl,
        @DefaultValue("15m") Duration keyCacheMaxStale,
        @DefaultValue("50") int rateLimit,
        @DefaultValue("1s") Duration rateLimitPeriod,
        @DefaultValue Map<String, @Min(1) Integer> keyRateLimits) {

    /**
     * The order-id node lease ({@code rtx.gateway.node-lease.*}). Ids stop {@code safetyMargin} before the
     * lease could expire in PostgreSQL, counted from the start of the last renewal that succeeded; so
     * order entry survives any PostgreSQL outage shorter than {@link #toleratedOutage()} (22 min 50 s with
     * the defaults).
     *
     * @param ttl            how long a claim or renewal holds the node id (PostgreSQL's clock)
     * @param renewInterval  how often the lease is renewed while renewals succeed
     * @param safetyMargin   ids stop this long before the lease could expire: covers clock-rate differences
     *                       between this host and PostgreSQL, and a renewal's own duration
     * @param retryInterval  how often a failed renewal or a lost lease is retried (and the start-up claim)
     * @param startupTimeout start-up fails if no node id could be claimed within this
     * @param queryTimeout   longest wait for one lease statement
     */
    public record NodeLease(
            @NotNull @DefaultValue("30m") Duration ttl,
            @NotNull @DefaultValue("5m") Duration renewInterval,
            @NotNull @DefaultValue("2m") Duration safetyMargin,
            @NotNull @DefaultValue("10s") Duration retryInterval,
            @NotNull @DefaultValue("2m") Duration startupTimeout,
            @NotNull @DefaultValue("5s") Duration queryTimeout) {

        public NodeLease {
            if (ttl != null && renewInterval != null && safetyMargin != null && retryInterval != null
                    && ttl.compareTo(safetyMargin.plus(renewInterval).plus(retryInterval)) <= 0) {
                throw new IllegalArgumentException("rtx.gateway.node-lease.ttl (" + ttl + ") must exceed "
                        + "safety-margin (" + safetyMargin + ") + renew-interval (" + renewInterval
                        + ") + retry-interval (" + retryInterval + ")");
            }
        }

        /**
         * The shortest PostgreSQL outage that can stop order entry: the outage may begin just before a
         * renewal was due (up to {@code renewInterval} plus one {@code retryInterval} tick after the last
         * success), and ids stop {@code ttl - safetyMargin} after that success.
         */
        public Duration toleratedOutage() {
            return ttl.minus(safetyMargin).minus(renewInterval).minus(retryInterval);
        }
    }
}
