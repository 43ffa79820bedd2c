package io.rtx.ledger.orders;

import io.rtx.ledger.LedgerMetrics;
import io.rtx.ledger.LedgerProperties;
import io.rtx.ledger.support.ProjectionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gap detection for the per-symbol sequence of execution reports from matching.
 *
 * <p>Reports are keyed by account, so one symbol's sequence is spread over every partition and a
 * number that is missing now usually just sits in a partition that has not been read yet. A number
 * only counts as a gap once it has stayed missing for {@code rtx.ledger.report-gaps.grace}. The scan
 * works on order_events in PostgreSQL rather than on memory, so it is right whichever ledger replica
 * read which partition, and across restarts: each symbol has a checkpoint below which every number is
 * either present or already reported, and each scan only looks above it. An advisory lock keeps two
 * replicas from scanning (and counting) at the same time.
 */
@Component
class ReportGapDetector implements ProjectionState {

    private static final Logger log = LoggerFactory.getLogger(ReportGapDetector.class);
    private static final long LOCK_KEY = 0x5254584c45444731L; // "RTXLEDG1"

    /**
     * Each symbol's highest number above its checkpoint, with the runs of missing numbers below it. One
     * statement, so one snapshot: asked in two, a report committed between them could raise the
     * checkpoint over a hole the first one had not seen, and that gap would never be counted.
     */
    private static final String PENDING = """
            SELECT symbol, highest, previous + 1 AS missing_from, sequence - 1 AS missing_to
            FROM (SELECT e.symbol, e.sequence,
                         COALESCE(LAG(e.sequence) OVER (PARTITION BY e.symbol ORDER BY e.sequence),
                                  c.checked_through, 0) AS previous,
                         MAX(e.sequence) OVER (PARTITION BY e.symbol) AS highest
                  FROM order_events e LEFT JOIN report_sequence_checkpoints c ON c.symbol = e.symbol
                  WHERE e.source = 'MATCHING' AND e.sequence > COALESCE(c.checked_through, 0)) pending
            WHERE sequence > previous + 1 OR sequence = highest
            ORDER BY symbol, sequence
            """;

    private static final String CHECKPOINT = """
            INSERT INTO report_sequence_checkpoints (symbol, checked_through) VALUES (:symbol, :through)
            ON CONFLICT (symbol) DO UPDATE SET checked_through = GREATEST(report_sequence_checkpoints.checked_through,
                EXCLUDED.checked_through)
            """;

    /** A row of {@link #PENDING}: a hole when {@code from <= to}, else just the symbol's highest number. */
    private record Pending(String symbol, long highest, long from, long to) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final LedgerMetrics metrics;
    private final Clock clock;
    private final Duration grace;
    /** When this replica first saw each hole ("symbol/from"); the grace period runs from there. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    ReportGapDetector(DatabaseClient db, TransactionalOperator tx, LedgerMetrics metrics, Clock clock,
                      LedgerProperties properties) {
        this.db = db;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
        this.grace = properties.reportGaps().grace();
    }

    @Scheduled(fixedDelayString = "${rtx.ledger.report-gaps.scan-interval:2s}")
    void scheduledScan() {
        try {
            scan().block(Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            log.warn("Execution-report gap scan failed; retrying on the next run: {}", e.toString());
        }
    }

    Mono<Void> scan() {
        Mono<Void> work = db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked").bind("key", LOCK_KEY)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .filter(Boolean::booleanValue)
                .flatMap(locked -> pending().collectList())
                .flatMapMany(pending -> Flux.fromIterable(advance(pending)))
                .concatMap(checkpoint -> db.sql(CHECKPOINT).bind("symbol", checkpoint.getKey())
                        .bind("through", checkpoint.getValue()).fetch().rowsUpdated())
                .then();
        return tx.transactional(work);
    }

    private Flux<Pending> pending() {
        return db.sql(PENDING).map(row -> new Pending(row.get("symbol", String.class), row.get("highest", Long.class),
                row.get("missing_from", Long.class), row.get("missing_to", Long.class))).all();
    }

    /** Counts the holes whose grace has run out and returns each symbol's new checkpoint. */
    private List<Map.Entry<String, Long>> advance(List<Pending> pending) {
        Instant now = clock.instant();
        Map<String, Long> checkpoints = new HashMap<>();
        Set<String> blocked = new HashSet<>();
        Set<String> open = new HashSet<>();
        for (Pending row : pending) {
            checkpoints.putIfAbsent(row.symbol(), row.highest());
            if (row.from() > row.to()) {
                continue; // not a hole: the row only carries the symbol's highest number
            }
            String key = row.symbol() + "/" + row.from();
            open.add(key);
            Instant seen = firstSeen.computeIfAbsent(key, k -> now);
            if (blocked.contains(row.symbol())) {
                continue; // holes are counted in order; this one waits for the one below it
            }
            if (Duration.between(seen, now).compareTo(grace) >= 0) {
                metrics.sequenceGap(LedgerMetrics.STREAM_EXECUTION_REPORTS);
                log.warn("Execution-report sequence gap on {}: expected {}, got {} ({} report(s) missing for {})",
                        row.symbol(), row.from(), row.to() + 1, row.to() - row.from() + 1, grace);
                firstSeen.remove(key);
                open.remove(key);
            } else {
                // Still within grace: the checkpoint stays just below the hole and we look again later.
                checkpoints.put(row.symbol(), row.from() - 1);
                blocked.add(row.symbol());
            }
        }
        firstSeen.keySet().retainAll(open);
        return new ArrayList<>(checkpoints.entrySet());
    }

    @Override
    public void reset() {
        firstSeen.clear();
    }
}
