package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtx.gateway.orders.NodeLease;
import io.rtx.gateway.orders.OrderIds;
import io.rtx.gateway.problems.ServiceUnavailableException;
import io.rtx.gateway.support.GatewayProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The order-id node lease on its own PostgreSQL server (so it can be stopped), with the ledger's schema.
 * No Spring context: {@link NodeLease} and {@link OrderIds} as the gateway builds them, with short times
 * (lease 6 s, ids stop 4 s after the last successful renewal).
 */
@Order(0)
class NodeLeaseTest {

    private static final GatewayProperties.NodeLease SHORT = new GatewayProperties.NodeLease(Duration.ofSeconds(6),
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(2));

    private static Infrastructure.Postgres postgres;
    private static DatabaseClient db;
    private final List<NodeLease> leases = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void server() throws Exception {
        postgres = Infrastructure.Postgres.start();
        db = postgres.client();
    }

    @AfterAll
    static void stopServer() {
        postgres.destroy();
    }

    @BeforeEach
    void emptyTable() throws Exception {
        postgres.restart();
        sql("DELETE FROM gateway_node_lease");
    }

    @AfterEach
    void releaseAll() {
        leases.forEach(NodeLease::release);
    }

    @Test
    void concurrentClaimsGetDistinctNodeIdsAndIdsCarryThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                NodeLease lease = lease("gateway-" + i);
                claims.add(pool.submit((Callable<Integer>) () -> {
                    assertThat(lease.claim()).isTrue();
                    return lease.node();
                }));
            }
            Set<Integer> nodes = new HashSet<>();
            for (Future<Integer> claim : claims) {
                nodes.add(claim.get());
            }
            assertThat(nodes).as("eight claims at once, eight different node ids").hasSize(8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(DISTINCT holder) FROM gateway_node_lease WHERE expires_at > now()")).isEqualTo(8);
        NodeLease first = leases.get(0);
        long id = new OrderIds(first).next();
        assertThat(OrderIds.nodeOf(id)).isEqualTo(first.node());
    }

    @Test
    void anExpiredLeaseIsTakenOverAndALiveOneNever() {
        sql("INSERT INTO gateway_node_lease (node_id, holder, expires_at) "
                + "SELECT n, 'live-pod', now() + interval '1 hour' FROM generate_series(0, 1023) n WHERE n <> 5");
        sql("INSERT INTO gateway_node_lease (node_id, holder, expires_at) VALUES (5, 'crashed-pod', now() - interval '1 second')");

        NodeLease lease = lease("new-pod");
        assertThat(lease.claim()).isTrue();
        assertThat(lease.node()).isEqualTo(5);
        assertThat(holderOf(5)).isEqualTo("new-pod");

        // Every id now live: nothing to claim, and no id is issued rather than a guessed one.
        NodeLease late = lease("late-pod");
        assertThat(late.claim()).isFalse();
        assertThatThrownBy(late::node).isInstanceOf(ServiceUnavailableException.class)
                .satisfies(e -> assertThat(((ServiceUnavailableException) e).getStatusCode().value()).isEqualTo(503));
        assertThat(count("SELECT count(*) FROM gateway_node_lease WHERE holder = 'late-pod'")).isZero();
    }

    @Test
    void aHolderThatLostItsRowStopsIssuingIdsUntilItHoldsANewLease() {
        NodeLease lease = lease("blue");
        OrderIds ids = new OrderIds(lease);
        lease.start();
        int node = lease.node();
        assertThat(OrderIds.nodeOf(ids.next())).isEqualTo(node);

        // Another gateway now holds this node id (an operator's mistake, or a restore) and every other id.
        sql("INSERT INTO gateway_node_lease (node_id, holder, expires_at) SELECT n, 'green', now() + interval '1 hour' "
                + "FROM generate_series(0, 1023) n WHERE n <> " + node);
        sql("UPDATE gateway_node_lease SET holder = 'green' WHERE node_id = " + node);
        lease.renew();

        assertThat(lease.available()).isFalse();
        assertThatThrownBy(ids::next).isInstanceOf(ServiceUnavailableException.class);
        assertThat(meters.get("rtx.gateway.node.lease.renewals").tag("outcome", "lost").counter().count()).isEqualTo(1);
        assertThat(meters.get("rtx.gateway.node.lease.held").gauge().value()).isZero();
        assertThat(holderOf(node)).as("the new holder's row is left alone").isEqualTo("green");

        // One id frees up: the next retry claims it and ids carry the new node, never the lost one.
        sql("DELETE FROM gateway_node_lease WHERE node_id = 1000");
        lease.tick();
        assertThat(lease.available()).isTrue();
        assertThat(lease.node()).isEqualTo(1000);
        assertThat(OrderIds.nodeOf(ids.next())).isEqualTo(1000);
        assertThat(holderOf(1000)).isEqualTo("blue");
    }

    @Test
    void releaseFreesTheNodeIdForTheNextGateway() {
        NodeLease blue = lease("blue");
        assertThat(blue.claim()).isTrue();
        int node = blue.node();
        blue.release();
        assertThat(count("SELECT count(*) FROM gateway_node_lease WHERE holder = 'blue'")).isZero();
        assertThatThrownBy(blue::node).isInstanceOf(ServiceUnavailableException.class);

        NodeLease green = lease("green");
        assertThat(green.claim()).isTrue();
        assertThat(green.node()).as("the lowest free id is the one just released").isEqualTo(node);
    }

    @Test
    void aPostgresqlOutageStopsIdsOnlyAfterTtlMinusTheSafetyMarginAndTheyResumeWhenTheLeaseIsRenewed()
            throws Exception {
        NodeLease lease = lease("blue");
        long claimed = System.nanoTime();
        lease.start(); // claims, as at start-up
        int node = lease.node();

        postgres.stop();
        lease.renew();
        assertThat(meters.get("rtx.gateway.node.lease.renewals").tag("outcome", "failed").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(lease.available()).as("a failed renewal alone does not stop ids").isTrue();
        assertThat(lease.node()).isEqualTo(node);

        while (lease.available() && System.nanoTime() - claimed < Duration.ofSeconds(30).toNanos()) {
            lease.tick();
            Thread.sleep(50);
        }
        long stoppedAfter = System.nanoTime() - claimed;
        assertThat(lease.available()).isFalse();
        assertThat(Duration.ofNanos(stoppedAfter)).as("ids stop once ttl - safety margin has passed, not before")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(8));
        assertThatThrownBy(lease::node).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("could not be renewed in time");

        postgres.restart();
        lease.tick(); // a failing renewal is retried at every tick
        assertThat(lease.available()).as("the row is still this holder's: ids resume").isTrue();
        assertThat(lease.node()).isEqualTo(node);
        assertThat(holderOf(node)).isEqualTo("blue");
        lease.stop();
        assertThat(count("SELECT count(*) FROM gateway_node_lease")).as("stop() releases").isZero();
    }

    @Test
    void startUpWithoutPostgresqlAndWithoutAFixedNodeIdFailsNamingBothWaysOut() throws Exception {
        int closedPort = Infrastructure.freePort();
        DatabaseClient nowhere = DatabaseClient.create(io.r2dbc.spi.ConnectionFactories.get(
                "r2dbc:postgresql://postgres:postgres@localhost:" + closedPort + "/postgres"));
        NodeLease lease = new NodeLease(nowhere, null, SHORT, "lonely", meters);
        assertThatThrownBy(lease::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway_node_lease").hasMessageContaining("RTX_GATEWAY_NODE_ID");
        assertThat(lease.isRunning()).isFalse();

        NodeLease fixed = new NodeLease(nowhere, 9, SHORT, "fixed", meters);
        fixed.start(); // a fixed node id needs no database
        assertThat(new OrderIds(fixed).next()).satisfies(id -> assertThat(OrderIds.nodeOf(id)).isEqualTo(9));
    }

    private NodeLease lease(String holder) {
        NodeLease lease = new NodeLease(db, null, SHORT, holder, meters);
        leases.add(lease);
        return lease;
    }

    private static void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block(Duration.ofSeconds(10));
    }

    private static long count(String query) {
        return db.sql(query).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    private static String holderOf(int node) {
        return db.sql("SELECT holder FROM gateway_node_lease WHERE node_id = " + node)
                .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
    }
}
