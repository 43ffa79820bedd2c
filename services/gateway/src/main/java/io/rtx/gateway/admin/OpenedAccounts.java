package io.rtx.gateway.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.Message;
import io.rtx.events.Topics;
import io.rtx.gateway.kafka.TopicListener;
import io.rtx.gateway.support.Guarded;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether risk has opened an account: it has if any of its account events carries a sequence (a refusal
 * for an unknown account carries 0). Events seen since this gateway started answer at once, so a key can
 * be issued right after the account was opened; older accounts are found in the ledger's projection.
 */
@Component
public class OpenedAccounts implements TopicListener {

    private final Cache<Long, Boolean> seen = Caffeine.newBuilder().maximumSize(100_000).build();
    private final DatabaseClient db;
    private final Guarded guarded;

    public OpenedAccounts(DatabaseClient db, Guarded guarded) {
        this.db = db;
        this.guarded = guarded;
    }

    @Override
    public String topic() {
        return Topics.ACCOUNT_EVENTS;
    }

    @Override
    public void on(String key, Message message) {
        if (message instanceof AccountEventMessage event && event.sequence() > 0) {
            seen.put(event.accountId(), true);
        }
    }

    public Mono<Boolean> exists(long accountId) {
        if (seen.getIfPresent(accountId) != null) {
            return Mono.just(true);
        }
        return guarded.postgres(db.sql("SELECT EXISTS (SELECT 1 FROM accounts WHERE account_id = :a) AS known")
                .bind("a", accountId).map(row -> Boolean.TRUE.equals(row.get("known", Boolean.class))).one());
    }
}
