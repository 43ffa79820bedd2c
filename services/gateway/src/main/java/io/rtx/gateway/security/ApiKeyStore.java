package io.rtx.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rtx.gateway.support.GatewayProperties;
import io.rtx.gateway.support.Guarded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * API keys from PostgreSQL ({@code api_keys}) behind an in-memory cache. A row is trusted for
 * {@code key-cache-ttl} (so a revocation takes effect within it); after that it is read again, and if
 * PostgreSQL cannot answer, the cached row keeps serving for up to {@code key-cache-max-stale}: an
 * outage does not stop order entry for keys that were active. An unknown key is remembered briefly so
 * a flood of bad keys does not reach the database on every request.
 */
@Component
public class ApiKeyStore {

    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(5);

    public record StoredKey(String keyId, long accountId, String keyHash, Role role, boolean revoked) {
    }

    private record Cached(Optional<StoredKey> key, Instant loadedAt) {
    }

    private final DatabaseClient db;
    private final Guarded guarded;
    private final Duration ttl;
    private final Duration maxStale;
    private final Clock clock;
    private final Cache<String, Cached> cache;

    public ApiKeyStore(DatabaseClient db, Guarded guarded, GatewayProperties properties) {
        this.db = db;
        this.guarded = guarded;
        this.ttl = properties.keyCacheTtl();
        this.maxStale = properties.keyCacheMaxStale();
        this.clock = Clock.systemUTC();
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(maxStale.plus(ttl)).build();
    }

    /** The key's row, empty if there is none; fails only if PostgreSQL is down and nothing usable is cached. */
    public Mono<Optional<StoredKey>> find(String keyId) {
        Instant now = clock.instant();
        Cached cached = cache.getIfPresent(keyId);
        if (cached != null && isFresh(cached, now)) {
            return Mono.just(cached.key());
        }
        return guarded.postgresRaw(load(keyId))
                .doOnNext(key -> cache.put(keyId, new Cached(key, now)))
                .onErrorResume(e -> {
                    if (cached != null && cached.key().isPresent()
                            && Duration.between(cached.loadedAt(), now).compareTo(maxStale) <= 0) {
                        return Mono.just(cached.key());
                    }
                    return Mono.error(e);
                });
    }

    public void forget(String keyId) {
        cache.invalidate(keyId);
    }

    private boolean isFresh(Cached cached, Instant now) {
        Duration age = Duration.between(cached.loadedAt(), now);
        return age.compareTo(cached.key().isPresent() ? ttl : UNKNOWN_TTL) < 0;
    }

    private Mono<Optional<StoredKey>> load(String keyId) {
        return db.sql("SELECT key_id, account_id, key_hash, role, revoked_at IS NOT NULL AS revoked "
                        + "FROM api_keys WHERE key_id = :keyId")
                .bind("keyId", keyId)
                .map(row -> new StoredKey(row.get("key_id", String.class), row.get("account_id", Long.class),
                        row.get("key_hash", String.class), Role.valueOf(row.get("role", String.class)),
                        Boolean.TRUE.equals(row.get("revoked", Boolean.class))))
                .one()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** Stores a new key's hash; the secret itself is never stored. */
    public Mono<Void> insert(String keyId, long accountId, String keyHash, Role role) {
        return guarded.postgres(db.sql("INSERT INTO api_keys (key_id, account_id, key_hash, role) "
                        + "VALUES (:keyId, :accountId, :hash, :role)")
                .bind("keyId", keyId).bind("accountId", accountId).bind("hash", keyHash).bind("role", role.name())
                .fetch().rowsUpdated())
                .doOnSuccess(n -> forget(keyId))
                .then();
    }

    /** Revokes a key of the account; false if the account has no such active key. */
    public Mono<Boolean> revoke(String keyId, long accountId) {
        return guarded.postgres(db.sql("UPDATE api_keys SET revoked_at = now() "
                        + "WHERE key_id = :keyId AND account_id = :accountId AND revoked_at IS NULL")
                .bind("keyId", keyId).bind("accountId", accountId).fetch().rowsUpdated())
                .doOnSuccess(n -> forget(keyId))
                .map(n -> n > 0);
    }
}
