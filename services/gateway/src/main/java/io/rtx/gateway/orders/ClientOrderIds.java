package io.rtx.gateway.orders;

import io.rtx.gateway.problems.ServiceUnavailableException;
import io.rtx.gateway.support.GatewayProperties;
import io.rtx.gateway.support.Guarded;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Idempotent placement: one order per (account, clientOrderId), across every gateway instance.
 *
 * <ol>
 *   <li>Redis {@code SET NX} of {@code rtx:client-order:<account>:<clientOrderId>} → order id (fast path,
 *       expires after {@code rtx.gateway.idempotency-ttl}); if the key exists, its order id is the answer.</li>
 *   <li>The claim is then made durable in PostgreSQL {@code client_orders} (primary key (account,
 *       clientOrderId)): {@code INSERT ... ON CONFLICT DO NOTHING}. If a row already holds another order id
 *       (Redis lost the key, or another instance claimed through PostgreSQL while Redis was down) that
 *       order wins and Redis is corrected.</li>
 *   <li>Redis down: PostgreSQL alone decides, with the same insert.</li>
 *   <li>PostgreSQL down: Redis alone decides and the row is queued here and written when PostgreSQL is
 *       back (the Redis key covers the gap; it outlives any reasonable outage).</li>
 *   <li>Both down: an order with a clientOrderId is refused with 503, since no instance could recognise
 *       a retry; orders without one are still accepted.</li>
 * </ol>
 */
@Component
public class ClientOrderIds {

    private static final Logger log = LoggerFactory.getLogger(ClientOrderIds.class);
    private static final int MAX_BACKLOG = 100_000;

    /** {@code duplicate}: the id was already used and {@code orderId} is the original order. */
    public record Claim(long orderId, boolean duplicate) {
    }

    private record Row(long accountId, String clientOrderId, long orderId) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final DatabaseClient db;
    private final Guarded guarded;
    private final Duration ttl;
    private final Queue<Row> backlog = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlogSize = new AtomicInteger();

    public ClientOrderIds(ReactiveStringRedisTemplate redis, DatabaseClient db, Guarded guarded,
                          GatewayProperties properties) {
        this.redis = redis;
        this.db = db;
        this.guarded = guarded;
        this.ttl = properties.idempotencyTtl();
    }

    static String key(long accountId, String clientOrderId) {
        return "rtx:client-order:" + accountId + ":" + clientOrderId;
    }

    public Mono<Claim> claim(long accountId, String clientOrderId, long candidate) {
        String key = key(accountId, clientOrderId);
        return guarded.redis(redis.opsForValue().setIfAbsent(key, Long.toString(candidate), ttl))
                .flatMap(set -> set ? persistAfterRedis(accountId, clientOrderId, candidate)
                        : guarded.redis(redis.opsForValue().get(key)).map(v -> new Claim(Long.parseLong(v), true))
                                .switchIfEmpty(Mono.defer(() -> claim(accountId, clientOrderId, candidate))))
                .onErrorResume(e -> !(e instanceof ServiceUnavailableException), redisDown ->
                        guarded.postgresRaw(insertOrFind(accountId, clientOrderId, candidate))
                                .onErrorMap(e -> new ServiceUnavailableException("Redis and PostgreSQL", e)));
    }

    private Mono<Claim> persistAfterRedis(long accountId, String clientOrderId, long candidate) {
        return guarded.postgresRaw(insertOrFind(accountId, clientOrderId, candidate))
                .flatMap(claim -> claim.duplicate()
                        ? redis.opsForValue().set(key(accountId, clientOrderId), Long.toString(claim.orderId()), ttl)
                                .onErrorResume(e -> Mono.just(false)).thenReturn(claim)
                        : Mono.just(claim))
                .onErrorResume(postgresDown -> {
                    if (backlogSize.incrementAndGet() > MAX_BACKLOG) {
                        backlogSize.decrementAndGet();
                        return Mono.error(new ServiceUnavailableException("PostgreSQL", postgresDown));
                    }
                    backlog.add(new Row(accountId, clientOrderId, candidate));
                    return Mono.just(new Claim(candidate, false));
                });
    }

    private Mono<Claim> insertOrFind(long accountId, String clientOrderId, long candidate) {
        return db.sql("INSERT INTO client_orders (account_id, client_order_id, order_id) VALUES (:a, :c, :o) "
                        + "ON CONFLICT (account_id, client_order_id) DO NOTHING RETURNING order_id")
                .bind("a", accountId).bind("c", clientOrderId).bind("o", candidate)
                .map(row -> new Claim(row.get("order_id", Long.class), false)).one()
                .switchIfEmpty(Mono.defer(() -> db.sql("SELECT order_id FROM client_orders "
                                + "WHERE account_id = :a AND client_order_id = :c")
                        .bind("a", accountId).bind("c", clientOrderId)
                        .map(row -> new Claim(row.get("order_id", Long.class), true)).one()));
    }

    /** The order was never published: free the id so the client's retry can place it. Best effort. */
    public Mono<Void> release(long accountId, String clientOrderId, long orderId) {
        String key = key(accountId, clientOrderId);
        Mono<Void> fromRedis = guarded.redis(redis.opsForValue().get(key)
                        .filter(v -> v.equals(Long.toString(orderId)))
                        .flatMap(v -> redis.delete(key)))
                .onErrorResume(e -> Mono.empty()).then();
        Mono<Void> fromPostgres = guarded.postgresRaw(db.sql("DELETE FROM client_orders WHERE order_id = :o")
                        .bind("o", orderId).fetch().rowsUpdated())
                .onErrorResume(e -> Mono.empty()).then();
        backlog.removeIf(row -> row.orderId() == orderId);
        return fromRedis.then(fromPostgres);
    }

    /** Writes the claims made while PostgreSQL was down. */
    @Scheduled(fixedDelayString = "${rtx.gateway.idempotency-backlog-interval:5s}")
    void flushBacklog() {
        Row row;
        while ((row = backlog.peek()) != null) {
            Row current = row;
            try {
                Claim claim = guarded.postgresRaw(insertOrFind(row.accountId(), row.clientOrderId(), row.orderId()))
                        .block(Duration.ofSeconds(5));
                if (claim != null && claim.orderId() != current.orderId()) {
                    log.error("client order id {} of account {} was used for two orders ({} and {}) while Redis and "
                                    + "PostgreSQL were unavailable in turn", current.clientOrderId(),
                            current.accountId(), claim.orderId(), current.orderId());
                }
            } catch (RuntimeException e) {
                return; // still down; try again at the next tick
            }
            backlog.poll();
            backlogSize.decrementAndGet();
        }
    }
}
