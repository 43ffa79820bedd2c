package io.rtx.gateway.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.rtx.gateway.problems.ProblemResponses;
import io.rtx.gateway.problems.Problems;
import io.rtx.gateway.support.GatewayProperties;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One Resilience4j rate limiter per API key ({@code rtx.gateway.rate-limit} requests per
 * {@code rate-limit-period}, or the key's own {@code key-rate-limits.<keyId>}); past it, 429 with
 * {@code Retry-After} in whole seconds. Runs after authentication, so only verified keys get a limiter
 * (the registry cannot be filled with made-up ids).
 */
public class RateLimitFilter implements WebFilter {

    private final RateLimiterRegistry registry;
    private final GatewayProperties properties;
    private final ProblemResponses problems;

    public RateLimitFilter(RateLimiterRegistry registry, GatewayProperties properties, ProblemResponses problems) {
        this.registry = registry;
        this.properties = properties;
        this.problems = problems;
    }

    private RateLimiterConfig config(String keyId) {
        return RateLimiterConfig.custom()
                .limitForPeriod(properties.keyRateLimits().getOrDefault(keyId, properties.rateLimit()))
                .limitRefreshPeriod(properties.rateLimitPeriod())
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(a -> a != null && a.getPrincipal() instanceof ApiKeyPrincipal)
                .map(a -> (ApiKeyPrincipal) a.getPrincipal())
                .flatMap(principal -> {
                    RateLimiter limiter = registry.rateLimiter("api-key:" + principal.keyId(),
                            () -> config(principal.keyId()));
                    if (limiter.acquirePermission()) {
                        return chain.filter(exchange).thenReturn(true);
                    }
                    return tooMany(exchange, limiter).thenReturn(true);
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, RateLimiter limiter) {
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : properties.rateLimitPeriod().toNanos();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "Too many requests",
                "rate limit of this API key exceeded; retry after " + seconds + " s");
        problem.setProperty("retryAfterSeconds", seconds);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problems.write(exchange, problem, headers);
    }
}
