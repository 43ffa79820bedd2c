package io.rtx.ledger.accounts;

import io.rtx.events.AccountEventMessage;
import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.support.Amounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies an account event: the account's flags and the balances it lists are the state after the
 * event, written only if its sequence is above the stored one, so a duplicate or stale event changes
 * nothing. Account events are keyed by account and arrive in order; a jump in the sequence means
 * events were lost (the listed balances are still current, balances of other assets may not be) and is
 * counted as a gap.
 */
@Component
public class AccountProjection {

    private static final Logger log = LoggerFactory.getLogger(AccountProjection.class);

    private static final String UPSERT_ACCOUNT = """
            INSERT INTO accounts AS a (account_id, suspended, last_sequence, updated_at)
            VALUES (:accountId, :suspended, :sequence, :time)
            ON CONFLICT (account_id) DO UPDATE SET suspended = EXCLUDED.suspended,
                last_sequence = EXCLUDED.last_sequence, updated_at = EXCLUDED.updated_at
            WHERE a.last_sequence < EXCLUDED.last_sequence
            """;

    private static final String UPSERT_BALANCE = """
            INSERT INTO balances AS b (account_id, asset, available, reserved, last_sequence, updated_at)
            VALUES (:accountId, :asset, :available, :reserved, :sequence, :time)
            ON CONFLICT (account_id, asset) DO UPDATE SET available = EXCLUDED.available,
                reserved = EXCLUDED.reserved, last_sequence = EXCLUDED.last_sequence, updated_at = EXCLUDED.updated_at
            WHERE b.last_sequence < EXCLUDED.last_sequence
            """;

    private static final String INSERT_EVENT = """
            INSERT INTO account_events (account_id, sequence, command_id, kind, accepted, reason, suspended, event_time)
            VALUES (:accountId, :sequence, :commandId, :kind, :accepted, :reason, :suspended, :time)
            ON CONFLICT (account_id, sequence) DO NOTHING
            """;

    private record Balance(String asset, BigDecimal available, BigDecimal reserved) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final LedgerMetrics metrics;

    public AccountProjection(DatabaseClient db, TransactionalOperator tx, LedgerMetrics metrics) {
        this.db = db;
        this.tx = tx;
        this.metrics = metrics;
    }

    public Mono<Void> apply(AccountEventMessage m) {
        if (m.sequence() == 0 && !m.accepted()) {
            return Mono.empty(); // risk's refusal of a command for an account it does not know: no state to project
        }
        if (m.sequence() <= 0 || m.kind() == null) {
            throw new IllegalArgumentException("an account event needs a kind and a sequence above 0");
        }
        List<Balance> balances = (m.balances() == null ? List.<AccountEventMessage.BalanceMessage>of() : m.balances())
                .stream().map(AccountProjection::balance).toList();
        Instant time = Instant.ofEpochMilli(m.timestamp());

        // The row lock on the account serialises this with any other writer of the same account.
        Mono<Long> stored = db.sql("SELECT last_sequence FROM accounts WHERE account_id = :accountId FOR UPDATE")
                .bind("accountId", m.accountId()).map(row -> row.get("last_sequence", Long.class)).one()
                .defaultIfEmpty(0L);
        Mono<Long> work = stored.flatMap(before -> {
            if (m.sequence() <= before) {
                return Mono.just(-1L); // already applied
            }
            return event(m, time)
                    .then(account(m, time))
                    .thenMany(Flux.fromIterable(balances).concatMap(b -> balance(m, b, time)))
                    .then(Mono.just(before));
        });
        return tx.transactional(work).doOnNext(before -> {
            if (before >= 0 && m.sequence() > before + 1) {
                metrics.sequenceGap(LedgerMetrics.STREAM_ACCOUNT_EVENTS);
                log.warn("Account-event sequence gap on account {}: expected {}, got {}", m.accountId(), before + 1,
                        m.sequence());
            }
        }).then();
    }

    private Mono<Long> event(AccountEventMessage m, Instant time) {
        var spec = db.sql(INSERT_EVENT).bind("accountId", m.accountId()).bind("sequence", m.sequence())
                .bind("kind", m.kind()).bind("accepted", m.accepted()).bind("suspended", m.suspended())
                .bind("time", time);
        spec = m.commandId() == null ? spec.bindNull("commandId", String.class) : spec.bind("commandId", m.commandId());
        spec = m.reason() == null ? spec.bindNull("reason", String.class) : spec.bind("reason", m.reason());
        return spec.fetch().rowsUpdated();
    }

    private Mono<Long> account(AccountEventMessage m, Instant time) {
        return db.sql(UPSERT_ACCOUNT).bind("accountId", m.accountId()).bind("suspended", m.suspended())
                .bind("sequence", m.sequence()).bind("time", time).fetch().rowsUpdated();
    }

    private Mono<Long> balance(AccountEventMessage m, Balance b, Instant time) {
        return db.sql(UPSERT_BALANCE).bind("accountId", m.accountId()).bind("asset", b.asset())
                .bind("available", b.available()).bind("reserved", b.reserved())
                .bind("sequence", m.sequence()).bind("time", time).fetch().rowsUpdated();
    }

    private static Balance balance(AccountEventMessage.BalanceMessage b) {
        if (b == null || b.asset() == null || b.asset().isBlank()) {
            throw new IllegalArgumentException("balances: every balance needs an asset");
        }
        return new Balance(b.asset(), Amounts.nonNegative(b.available(), "balances." + b.asset() + ".available"),
                Amounts.nonNegative(b.reserved(), "balances." + b.asset() + ".reserved"));
    }
}
