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

    /** Runs of missing numbers above each symbol's checkpoint. */
    private static final String HOLES = """
            SELECT symbol, previous + 1 AS missing_from, sequence - 1 AS missing_to
            FROM (SELECT e.symbol, e.sequence,
                         COALESCE(LAG(e.sequence) OVER (PARTITION BY e.symbol ORDER BY e.sequence),
                                  c.checked_through, 0) AS previous
                  FROM order_events e LEFT JOIN report_sequence_checkpoints c ON c.symbol = e.symbol
                  WHERE e.source = 'MATCHING' AND e.sequence > COALESCE(c.checked_through, 0)) pending
            WHERE sequence > previous + 1
            ORDER BY symbol, missing_from
            """;

    private static final String HIGHEST = """
            SELECT e.symbol, MAX(e.sequence) AS highest
            FROM order_events e LEFT JOIN report_sequence_checkpoints c ON c.symbol = e.symbol
            WHERE e.source = 'MATCHING' AND e.sequence > COALESCE(c.checked_through, 0)
            GROUP BY e.symbol
            """;

    private static final String CHECKPOINT = """
            INSERT INTO report_sequence_checkpoints (symbol, checked_through) VALUES (:symbol, :through)
            ON CONFLICT (symbol) DO UPDATE SET checked_through = GREATEST(report_sequence_checkpoints.checked_through,
                EXCLUDED.checked_through)
            """;

    private record Hole(String symbol, long from, long to) {
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
                .flatMap(locked -> Mono.zip(holes().collectList(), highest()))
                .flatMapMany(found -> Flux.fromIterable(advance(found.getT1(), found.getT2())))
                .concatMap(checkpoint -> db.sql(CHECKPOINT).bind("symbol", checkpoint.getKey())
                        .bind("through", checkpoint.getValue()).fetch().rowsUpdated())
                .then();
        return tx.transactional(work);
    }

    private Flux<Hole> holes() {
        return db.sql(HOLES).map(row -> new Hole(row.get("symbol", String.class),
                row.get("missing_from", Long.class), row.get("missing_to", Long.class))).all();
    }

    private Mono<Map<String, Long>> highest() {
        return db.sql(HIGHEST).map(row -> Map.entry(row.get("symbol", String.class), row.get("highest", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Counts the holes whose grace has run out and returns each symbol's new checkpoint. */
    private List<Map.Entry<String, Long>> advance(List<Hole> holes, Map<String, Long> highest) {
        Instant now = clock.instant();
        Map<String, Long> checkpoints = new HashMap<>(highest);
        Set<String> blocked = new HashSet<>();
        Set<String> open = new HashSet<>();
        for (Hole hole : holes) {
            String key = hole.symbol() + "/" + hole.from();
            open.add(key);
            Instant seen = firstSeen.computeIfAbsent(key, k -> now);
            if (blocked.contains(hole.symbol())) {
                continue; // holes are counted in order; this one waits for the one below it
            }
            if (Duration.between(seen, now).compareTo(grace) >= 0) {
                metrics.sequenceGap(LedgerMetrics.STREAM_EXECUTION_REPORTS);
                log.warn("Execution-report sequence gap on {}: expected {}, got {} ({} report(s) missing for {})",
                        hole.symbol(), hole.from(), hole.to() + 1, hole.to() - hole.from() + 1, grace);
                firstSeen.remove(key);
                open.remove(key);
            } else {
                // Still within grace: the checkpoint stays just below the hole and we look again later.
                checkpoints.put(hole.symbol(), hole.from() - 1);
                blocked.add(hole.symbol());
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
