package io.rtx.gateway.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtx.gateway.problems.ServiceUnavailableException;
import io.rtx.gateway.support.GatewayProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This gateway's order-id node (the 10 node bits of {@link OrderIds}): fixed by {@code rtx.gateway.node-id},
 * or, when that is not set, leased from PostgreSQL ({@code gateway_node_lease}, a row per node id 0..1023).
 *
 * <ul>
 *   <li><b>Claim</b> (start-up, and after a lease was lost): one statement inserts the lowest node id that
 *       has no row or whose row has expired, {@code ON CONFLICT ... DO UPDATE ... WHERE expires_at < now()},
 *       so two gateways can never both win the same id and PostgreSQL's clock alone decides expiry. A
 *       claim that lost a race returns nothing and is retried on the next free id.</li>
 *   <li><b>Renewal</b> every {@code renew-interval}: extends the row only if this holder still has it.</li>
 *   <li><b>Fencing</b>: ids are issued only until {@code ttl - safety-margin} after the <i>start</i> of the
 *       last renewal (or claim) that succeeded, measured on this host's monotonic clock. PostgreSQL sets
 *       {@code expires_at} later than that start, so this gateway stops at least {@code safety-margin}
 *       before anyone else may take its id over. A renewal that finds the row gone or held by someone else
 *       stops ids at once. Either way order entry answers 503 and readiness is DOWN until a lease is held
 *       again (renewals and claims are retried every {@code retry-interval}).</li>
 *   <li><b>Release</b>: the row is deleted on a graceful shutdown, after the web server has drained.</li>
 * </ul>
 *
 * A PostgreSQL outage shorter than {@link GatewayProperties.NodeLease#toleratedOutage()} therefore never
 * stops order entry. Without PostgreSQL and without a fixed node id, start-up waits up to
 * {@code startup-timeout} for a claim and then fails, naming both ways out.
 */
@Component
public class NodeLease implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    static final int NODES = 1024;
    private static final int CLAIM_ATTEMPTS = 16;
    private static final long FAILURE_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private static final String CLAIM = """
            INSERT INTO gateway_node_lease AS l (node_id, holder, acquired_at, expires_at)
            SELECT n, :holder, now(), now() + make_interval(secs => :ttl)
            FROM generate_series(0, 1023) AS n
            WHERE NOT EXISTS (SELECT 1 FROM gateway_node_lease f WHERE f.node_id = n AND f.expires_at >= now())
            ORDER BY n
            LIMIT 1
            ON CONFLICT (node_id) DO UPDATE
                SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
                WHERE l.expires_at < now()
            RETURNING node_id::int AS node_id""";
    private static final String RENEW = """
            UPDATE gateway_node_lease SET expires_at = now() + make_interval(secs => :ttl)
            WHERE node_id = :node AND holder = :holder
            RETURNING node_id::int AS node_id""";
    private static final String RELEASE = "DELETE FROM gateway_node_lease WHERE node_id = :node AND holder = :holder";

    /** A leased node id, usable until {@code validUntilNanos} unless renewed. */
    private record Held(int node, long renewedAtNanos, long validUntilNanos) {
        boolean valid(long now) {
            return now - validUntilNanos < 0;
        }
    }

    private final DatabaseClient db;
    private final Integer fixedNode;
    private final GatewayProperties.NodeLease settings;
    private final String holder;
    private final Counter renewalsOk;
    private final Counter renewalsFailed;
    private final Counter renewalsLost;
    private volatile Held held;
    private volatile boolean renewalFailing;
    private long lastFailureLogged;
    private volatile boolean expiryLogged;
    private volatile boolean running;

    @Autowired
    public NodeLease(DatabaseClient db, GatewayProperties properties, MeterRegistry meters) {
        this(db, properties.nodeId(), properties.nodeLease(), defaultHolder(), meters);
    }

    /**
     * @param fixedNode the configured node id, or null to lease one
     * @param holder    this process's name in the lease table: unique per process
     */
    public NodeLease(DatabaseClient db, Integer fixedNode, GatewayProperties.NodeLease settings, String holder,
                     MeterRegistry meters) {
        if (fixedNode != null && (fixedNode < 0 || fixedNode >= NODES)) {
            throw new IllegalArgumentException("rtx.gateway.node-id must be within 0..1023, was " + fixedNode);
        }
        this.db = db;
        this.fixedNode = fixedNode;
        this.settings = settings;
        this.holder = holder;
        this.renewalsOk = renewals(meters, "ok");
        this.renewalsFailed = renewals(meters, "failed");
        this.renewalsLost = renewals(meters, "lost");
        if (fixedNode == null) {
            Gauge.builder("rtx.gateway.node.lease.held", this, l -> l.available() ? 1 : 0)
                    .description("1 while this gateway holds a valid order-id node lease and issues ids")
                    .register(meters);
            Gauge.builder("rtx.gateway.node.lease.remaining", this, NodeLease::remainingSeconds)
                    .description("seconds until this gateway stops issuing ids unless a renewal succeeds")
                    .baseUnit("seconds")
                    .register(meters);
        }
    }

    private static Counter renewals(MeterRegistry meters, String outcome) {
        return Counter.builder("rtx.gateway.node.lease.renewals").tag("outcome", outcome)
                .description("order-id node lease renewals: ok, failed (PostgreSQL error), lost (taken over or deleted)")
                .register(meters);
    }

    /** The node id to put in an id now; 503 if this gateway holds no valid lease. */
    public int node() {
        if (fixedNode != null) {
            return fixedNode;
        }
        Held h = held;
        if (h == null) {
            throw unavailable("this gateway holds no order-id node lease");
        }
        if (!h.valid(System.nanoTime())) {
            throw unavailable("this gateway's order-id node lease (node " + h.node() + ") could not be renewed in time");
        }
        return h.node();
    }

    /** True if ids can be issued now. */
    public boolean available() {
        if (fixedNode != null) {
            return true;
        }
        Held h = held;
        return h != null && h.valid(System.nanoTime());
    }

    /** The node id held (fixed or leased, valid or not), for health details. */
    public Optional<Integer> currentNode() {
        if (fixedNode != null) {
            return Optional.of(fixedNode);
        }
        Held h = held;
        return h == null ? Optional.empty() : Optional.of(h.node());
    }

    public boolean leased() {
        return fixedNode == null;
    }

    public String holder() {
        return holder;
    }

    double remainingSeconds() {
        Held h = held;
        return h == null ? 0 : Math.max(0, (h.validUntilNanos() - System.nanoTime()) / 1e9);
    }

    /**
     * One claim of the lowest free (or expired) node id, unless one is held already. True if a lease is
     * held afterwards; false if every id is leased. Fails if PostgreSQL cannot be asked.
     */
    public synchronized boolean claim() {
        if (fixedNode != null || held != null) {
            return true;
        }
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            Integer node = db.sql(CLAIM).bind("holder", holder).bind("ttl", seconds(settings.ttl()))
                    .map(row -> row.get("node_id", Integer.class)).one()
                    .timeout(settings.queryTimeout()).block();
            if (node != null) {
                held = new Held(node, started, deadline(started));
                renewalFailing = false;
                expiryLogged = false;
                log.info("order ids: leased node id {} for {} (holder {})", node, settings.ttl(), holder);
                return true;
            }
            // Lost a race for the id another gateway claimed at the same moment, or none is free.
        }
        held = null;
        log.error("order ids: no node id could be claimed: all {} may be leased (see gateway_node_lease)", NODES);
        return false;
    }

    /**
     * One renewal. A row no longer held by this holder stops ids at once (and a new id is claimed);
     * a PostgreSQL error leaves the lease as it was: ids continue until its local deadline.
     */
    public synchronized void renew() {
        Held h = held;
        if (fixedNode != null || h == null) {
            return;
        }
        long started = System.nanoTime();
        Integer renewed;
        try {
            renewed = db.sql(RENEW).bind("ttl", seconds(settings.ttl())).bind("node", h.node()).bind("holder", holder)
                    .map(row -> row.get("node_id", Integer.class)).one()
                    .timeout(settings.queryTimeout()).block();
        } catch (RuntimeException e) {
            renewalsFailed.increment();
            if (!renewalFailing || started - lastFailureLogged >= FAILURE_LOG_INTERVAL_NANOS) {
                lastFailureLogged = started;
                log.warn("order ids: renewing the lease of node id {} failed ({}); retrying every {}; ids stop in "
                        + "{} s unless a renewal succeeds", h.node(), e.toString(), settings.retryInterval(),
                        Math.round(remainingSeconds()));
            }
            renewalFailing = true;
            return;
        }
        if (renewed == null) {
            renewalsLost.increment();
            held = null;
            log.error("order ids: the lease of node id {} is no longer held by {} (taken over or deleted): "
                    + "ids stopped; claiming a new node id", h.node(), holder);
            try {
                claim();
            } catch (RuntimeException e) {
                log.warn("order ids: claiming a new node id failed ({}); retrying every {}", e.toString(),
                        settings.retryInterval());
            }
            return;
        }
        if (!h.valid(started) || renewalFailing) {
            log.info("order ids: lease of node id {} renewed again{}", h.node(),
                    h.valid(started) ? "" : "; issuing ids again");
        }
        held = new Held(h.node(), started, deadline(started));
        renewalFailing = false;
        expiryLogged = false;
        renewalsOk.increment();
    }

    /** Renews when due, retries failed renewals and lost leases; every {@code retry-interval}. */
    @Scheduled(fixedDelayString = "${rtx.gateway.node-lease.retry-interval:10s}")
    public void tick() {
        if (!running || fixedNode != null) {
            return;
        }
        Held h = held;
        if (h == null) {
            try {
                claim();
            } catch (RuntimeException e) {
                log.warn("order ids: claiming a node id failed ({}); retrying every {}", e.toString(),
                        settings.retryInterval());
            }
            return;
        }
        long now = System.nanoTime();
        if (!h.valid(now) && !expiryLogged) {
            expiryLogged = true;
            log.error("order ids: no renewal of node id {} succeeded for {}: ids stopped until PostgreSQL answers",
                    h.node(), settings.ttl().minus(settings.safetyMargin()));
        }
        if (renewalFailing || now - h.renewedAtNanos() >= settings.renewInterval().toNanos()) {
            renew();
        }
    }

    /** Gives the node id back (graceful shutdown); ids stop. */
    public synchronized void release() {
        Held h = held;
        held = null;
        if (fixedNode != null || h == null) {
            return;
        }
        try {
            db.sql(RELEASE).bind("node", h.node()).bind("holder", holder).fetch().rowsUpdated()
                    .timeout(settings.queryTimeout()).block();
            log.info("order ids: released node id {}", h.node());
        } catch (RuntimeException e) {
            log.warn("order ids: releasing node id {} failed ({}); it frees itself when the lease expires",
                    h.node(), e.toString());
        }
    }

    /** Claims before the web server takes traffic; waits up to {@code startup-timeout}, then fails. */
    @Override
    public void start() {
        running = true;
        if (fixedNode != null) {
            log.info("order ids: fixed node id {} (rtx.gateway.node-id)", fixedNode);
            return;
        }
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        String lastProblem = "no attempt";
        while (true) {
            try {
                if (claim()) {
                    return;
                }
                lastProblem = "all " + NODES + " node ids are leased";
            } catch (RuntimeException e) {
                lastProblem = e.toString();
                log.warn("order ids: claiming a node id failed ({}); retrying for up to {}", lastProblem,
                        settings.startupTimeout());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                running = false;
                throw new IllegalStateException("rtx.gateway.node-id is not set and no order-id node id could be "
                        + "leased from PostgreSQL (table gateway_node_lease) within " + settings.startupTimeout()
                        + ": " + lastProblem + ". Make PostgreSQL with the ledger's schema reachable, or set a node "
                        + "id (RTX_GATEWAY_NODE_ID, 0..1023) unique among the gateways running at the same time.");
            }
            sleep(Math.min(left, settings.retryInterval().toNanos()));
        }
    }

    @Override
    public void stop() {
        running = false;
        release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the event tail (0) and the web server start; stopped after both, so draining requests get ids. */
    @Override
    public int getPhase() {
        return -100;
    }

    private long deadline(long startedNanos) {
        return startedNanos + settings.ttl().minus(settings.safetyMargin()).toNanos();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static ServiceUnavailableException unavailable(String detail) {
        return new ServiceUnavailableException("order-id node lease", detail + "; retry later", null);
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while claiming an order-id node id", e);
        }
    }

    private static String defaultHolder() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "gateway";
            }
        }
        return host + "/" + UUID.randomUUID();
    }
}
