package io.rtx.gateway.support;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.rtx.gateway.problems.ServiceUnavailableException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every PostgreSQL and Redis call goes through here: a time limiter (a hung store must not hold a
 * request) inside a circuit breaker (a store that is down is not asked again for a while). The
 * instances are configured under {@code resilience4j.*.instances.postgres|redis} in gateway.yml; only a
 * {@link StoreOutage} counts as a failure there, and only an outage (or an open breaker) answers 503.
 */
@Component
public class Guarded {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Guarded.class);

    private final CircuitBreaker postgresBreaker;
    private final TimeLimiter postgresLimiter;
    private final CircuitBreaker redisBreaker;
    private final TimeLimiter redisLimiter;

    public Guarded(CircuitBreakerRegistry breakers, TimeLimiterRegistry limiters) {
        this.postgresBreaker = breakers.circuitBreaker("postgres");
        this.postgresLimiter = limiters.timeLimiter("postgres");
        this.redisBreaker = breakers.circuitBreaker("redis");
        this.redisLimiter = limiters.timeLimiter("redis");
    }

    /**
     * A PostgreSQL call; the store being unavailable becomes a 503 problem. Any other failure is the
     * gateway's own fault (input reaches a query only after validation) and stays what it is.
     */
    public <T> Mono<T> postgres(Mono<T> call) {
        return postgresRaw(call).onErrorMap(e -> !(e instanceof ServiceUnavailableException)
                && (StoreOutage.isOutage(e) || e instanceof CallNotPermittedException), e -> {
            log.warn("PostgreSQL call failed: {}", e.toString());
            return new ServiceUnavailableException("PostgreSQL", e);
        });
    }

    /** A PostgreSQL call whose failure the caller handles itself (key cache, node lease). */
    public <T> Mono<T> postgresRaw(Mono<T> call) {
        return call.transformDeferred(TimeLimiterOperator.of(postgresLimiter))
                .transformDeferred(CircuitBreakerOperator.of(postgresBreaker));
    }

    /** A Redis call; the caller decides the fallback. */
    public <T> Mono<T> redis(Mono<T> call) {
        return call.transformDeferred(TimeLimiterOperator.of(redisLimiter))
                .transformDeferred(CircuitBreakerOperator.of(redisBreaker));
    }
}
