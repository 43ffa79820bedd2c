package io.rtx.chaos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the system to rest and checks it. With the flow stopped, every order still live is
 * cancelled; then the full checks run once the system has stopped moving (no new record on the
 * topics, no new row in the ledger). While it still moves — a processor catching up after a
 * restore, the ledger draining a backlog after an outage, a starved machine — the wait goes on, up
 * to a hard cap; once it is idle for the settle timeout, whatever the checks find is reported.
 */
final class Verifier {

    private static final Duration HARD_CAP = Duration.ofMinutes(20);

    private Verifier() {
    }

    static Violations settleAndVerify(Environment env) {
        cancelLive(env);
        Duration idleLimit = Duration.ofSeconds(env.options.settleTimeoutSeconds());
        long start = System.nanoTime();
        long lastProgress = start;
        List<Long> last = progress(env);
        boolean resweep = true;
        while (true) {
            Sleep.millis(3_000);
            List<Long> now = progress(env);
            if (!now.equals(last)) {
                last = now;
                lastProgress = System.nanoTime();
                if (System.nanoTime() - start < HARD_CAP.toNanos()) {
                    continue;
                }
            }
            Violations v = verify(env);
            boolean idleTooLong = System.nanoTime() - lastProgress > idleLimit.toNanos();
            if (v.isEmpty() || idleTooLong || System.nanoTime() - start > HARD_CAP.toNanos()) {
                Environment.log("settled after " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
                return v;
            }
            // A cancel cannot overtake its order (same account key, same partition); one more sweep only
            // covers a cancel that raced the generator's own bookkeeping of an order's ending.
            if (resweep) {
                cancelLive(env);
                resweep = false;
            }
        }
    }

    static Violations verify(Environment env) {
        TopicRecorder.Snapshot topics = env.recorder.snapshot();
        Violations v = new Violations();
        KafkaInvariants kafka = new KafkaInvariants(env.market, topics);
        kafka.check(env.flow.acknowledgedIds(), v);
        new LedgerInvariants(env.market, kafka, topics).check(env.postgres, env.redis, v);
        return v;
    }

    /** Sizes of everything that moves while the system catches up: topics read and ledger rows. */
    private static List<Long> progress(Environment env) {
        TopicRecorder.Snapshot s = env.recorder.snapshot();
        long ledgerRows = -1;
        try (Connection c = env.postgres.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM order_events) + (SELECT count(*) FROM"
                     + " account_events) + (SELECT count(*) FROM trades) + (SELECT coalesce(sum(version), 0) FROM"
                     + " accounts)")) {
            ledgerRows = rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException unavailable) {
            // PostgreSQL still starting: counts as no ledger progress
        }
        return List.of((long) s.reports().size(), (long) s.accountEvents().size(), (long) s.accountStates().size(),
                (long) s.trades().size(), (long) s.acceptedOrders().size(), ledgerRows);
    }

    private static void cancelLive(Environment env) {
        Set<Long> live = new HashSet<>(env.flow.placedIds());
        live.removeAll(new KafkaInvariants(env.market, env.recorder.snapshot()).terminalReports().keySet());
        env.flow.cancelAll(live);
        Environment.log("cancelled " + live.size() + " live orders");
    }
}
