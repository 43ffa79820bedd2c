package io.rtx.ledger.accounts;

import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.ledger.LedgerMetrics;
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
 * Projects an account from its two sources, each writing its own columns, so neither can undo the
 * other whatever order the two listeners run in:
 * <ul>
 *   <li><b>Account states</b> (risk's accounts changelog): the suspended flag and every balance, written
 *       only for a {@code version} above the stored one, so a repeated or older state changes nothing.
 *       The store coalesces changes per commit, so versions jump: that is not a gap.</li>
 *   <li><b>Account events</b> (one per account command): the history in {@code account_events} and
 *       {@code last_sequence}, applied once each. Their sequence counts events only (1, 2, 3, ...), so a
 *       jump means events were lost and is counted as a gap; balances are unaffected.</li>
 * </ul>
 */
@Component
public class AccountProjection {

    private static final Logger log = LoggerFactory.getLogger(AccountProjection.class);

    /** The state's own columns; an account first seen by its state has no event yet (last_sequence 0). */
    private static final String UPSERT_STATE = """
            INSERT INTO accounts AS a (account_id, suspended, last_sequence, version, updated_at)
            VALUES (:accountId, :suspended, 0, :version, :time)
            ON CONFLICT (account_id) DO UPDATE SET suspended = EXCLUDED.suspended, version = EXCLUDED.version,
                updated_at = EXCLUDED.updated_at
            WHERE a.version < EXCLUDED.version
            """;

    /** The event's own column; an account first seen by an event takes its flag until its state arrives. */
    private static final String UPSERT_EVENT_SEQUENCE = """
            INSERT INTO accounts AS a (account_id, suspended, last_sequence, version, updated_at)
            VALUES (:accountId, :suspended, :sequence, 0, :time)
            ON CONFLICT (account_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence
            WHERE a.last_sequence < EXCLUDED.last_sequence
            """;

    private static final String UPSERT_BALANCE = """
            INSERT INTO balances AS b (account_id, asset, available, reserved, version, updated_at)
            VALUES (:accountId, :asset, :available, :reserved, :version, :time)
            ON CONFLICT (account_id, asset) DO UPDATE SET available = EXCLUDED.available,
                reserved = EXCLUDED.reserved, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            WHERE b.version < EXCLUDED.version
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

    /** An account's state as risk saved it; {@code timestamp} is its changelog record's. */
    public Mono<Void> apply(AccountStateMessage s, long timestamp) {
        if (s.version() <= 0) {
            throw new IllegalArgumentException("an account state needs a version above 0");
        }
        List<Balance> balances = s.balances().stream().map(AccountProjection::balance).toList();
        Instant time = Instant.ofEpochMilli(timestamp);
        // Written only if the account row took this version: the row lock it holds serialises this with
        // the account's other writers, and a balance row is never newer than its account row.
        Mono<Long> work = db.sql(UPSERT_STATE).bind("accountId", s.id()).bind("suspended", s.suspended())
                .bind("version", s.version()).bind("time", time).fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.just(0L) : Flux.fromIterable(balances)
                        .concatMap(b -> db.sql(UPSERT_BALANCE).bind("accountId", s.id()).bind("asset", b.asset())
                                .bind("available", b.available()).bind("reserved", b.reserved())
                                .bind("version", s.version()).bind("time", time).fetch().rowsUpdated())
                        .count());
        return tx.transactional(work).then();
    }

    public Mono<Void> apply(AccountEventMessage m) {
        if (m.sequence() == 0 && !m.accepted()) {
            return Mono.empty(); // risk's refusal of a command for an account it does not know: no state to project
        }
        if (m.sequence() <= 0 || m.kind() == null) {
            throw new IllegalArgumentException("an account event needs a kind and a sequence above 0");
        }
        Instant time = Instant.ofEpochMilli(m.timestamp());

        // The row lock on the account serialises this with any other writer of the same account.
        Mono<Long> stored = db.sql("SELECT last_sequence FROM accounts WHERE account_id = :accountId FOR UPDATE")
                .bind("accountId", m.accountId()).map(row -> row.get("last_sequence", Long.class)).one()
                .defaultIfEmpty(0L);
        Mono<Long> work = stored.flatMap(before -> {
            if (m.sequence() <= before) {
                return Mono.just(-1L); // already applied
            }
            return event(m, time).then(sequence(m, time)).then(Mono.just(before));
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

    private Mono<Long> sequence(AccountEventMessage m, Instant time) {
        return db.sql(UPSERT_EVENT_SEQUENCE).bind("accountId", m.accountId()).bind("suspended", m.suspended())
                .bind("sequence", m.sequence()).bind("time", time).fetch().rowsUpdated();
    }

    private static Balance balance(AccountStateMessage.BalanceState b) {
        if (b == null || b.asset() == null || b.asset().isBlank()) {
            throw new IllegalArgumentException("balances: every balance needs an asset");
        }
        if (b.scale() < 0 || b.scale() > 18 || b.available() < 0 || b.reserved() < 0) {
            throw new IllegalArgumentException("balances." + b.asset() + ": scale " + b.scale() + ", available "
                    + b.available() + ", reserved " + b.reserved() + " (a scale of 0..18, amounts not negative)");
        }
        return new Balance(b.asset(), BigDecimal.valueOf(b.available(), b.scale()),
                BigDecimal.valueOf(b.reserved(), b.scale()));
    }
}
