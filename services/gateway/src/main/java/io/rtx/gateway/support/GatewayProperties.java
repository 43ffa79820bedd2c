package io.rtx.gateway.support;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Gateway settings ({@code rtx.gateway.*}).
 *
 * @param nodeId          this instance's order-id node (0..1023); must differ between every two gateway
 *                        processes that run at the same time, preview pods included
 * @param ackTimeout      how long order placement waits for the first execution report before 202
 * @param accountCommandTimeout how long an admin account command waits for its account event
 * @param keyCacheTtl     a verified API key is trusted this long without asking PostgreSQL again
 * @param keyCacheMaxStale a verified key keeps working this long while PostgreSQL cannot be asked
 * @param idempotencyTtl  how long Redis keeps a client order id (PostgreSQL keeps it for ever)
 * @param rateLimit       requests per {@code rateLimitPeriod} per API key
 */
@Validated
@ConfigurationProperties("rtx.gateway")
public record GatewayProperties(
        @NotNull @Min(0) @Max(1023) Integer nodeId,
        @DefaultValue("2s") Duration ackTimeout,
        @DefaultValue("2s") Duration accountCommandTimeout,
        @DefaultValue("30s") Duration keyCacheTtl,
        @DefaultValue("15m") Duration keyCacheMaxStale,
        @DefaultValue("7d") Duration idempotencyTtl,
        @DefaultValue("50") int rateLimit,
        @DefaultValue("1s") Duration rateLimitPeriod) {
}
