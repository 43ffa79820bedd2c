package io.rtx.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.orderbook.Trade;
import io.rtx.engine.testing.Instruments;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.events.Wire;
import io.rtx.matching.MatchingApplication;
import io.rtx.risk.RiskApplication;
import io.rtx.testkafka.BrokerPerTestClass;
import io.rtx.testkafka.OwnNettyResources;
import io.sentry.Sentry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.web.client.RestClient;

/**
 * The real risk and matching applications on a real in-process KRaft broker. Orders go in, reports,
 * trades and balances come out; two risk instances share the partitions until one leaves, the
 * matching application is stopped mid-stream and started again on an empty state directory (so its
 * books come back from the changelog alone), and nothing is lost,
 * doubled or changed: the reports and trades equal a replay of the accepted orders through a fresh
 * core book, every order ends in exactly one terminal state, and balances are conserved.
 */
class PipelineEndToEndTest {

    @RegisterExtension
    static final BrokerPerTestClass KAFKA = new BrokerPerTestClass(3);

    private static final String SYMBOL = "BTC-USD";
    private static final Set<String> TERMINAL = Set.of("FILLED", "CANCELED", "EXPIRED", "REJECTED");
    private static final int ACCOUNTS = 4;

    @TempDir
    Path stateRoot;
    private long clock = 1_000;

    /** Command-line arguments, so they override each service's own configuration file. */
    private ConfigurableApplicationContext start(SpringApplicationBuilder app, String stateDir) throws Exception {
        EmbeddedKafkaBroker broker = KAFKA.broker();
        return app.initializers(new OwnNettyResources()).run(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--server.port=0",
                "--rtx.kafka.partitions=3",
                "--rtx.streams.state-dir=" + Files.createDirectories(stateRoot.resolve(stateDir)));
    }

    @Test
    void ordersFlowThroughAndAMatchingRestartLosesAndDoublesNothing() throws Exception {
        String brokers = KAFKA.broker().getBrokersAsString();
        ConfigurableApplicationContext risk = start(RiskApplication.builder(), "risk");
        // A second risk instance in the same group: the two share the partitions until it leaves.
        ConfigurableApplicationContext secondRisk = start(RiskApplication.builder(), "risk-2");
        ConfigurableApplicationContext matching = start(MatchingApplication.builder(), "matching-1");
        try (KafkaTopicsReader kafka = new KafkaTopicsReader(brokers, List.of(Topics.EXECUTION_REPORTS, Topics.TRADES,
                Topics.ACCOUNT_EVENTS, Topics.ACCEPTED_ORDERS, Topics.ACCOUNTS_CHANGELOG))) {
            kafka.send(Topics.INSTRUMENTS, SYMBOL, InstrumentMessage.of(Instruments.BTC_USD));
            for (long account = 1; account <= ACCOUNTS; account++) {
                account(kafka, AccountCommandMessage.Kind.OPEN, account, null, null);
                account(kafka, AccountCommandMessage.Kind.DEPOSIT, account, "USD", "1000000");
                account(kafka, AccountCommandMessage.Kind.DEPOSIT, account, "BTC", "100");
            }
            kafka.flush();
            kafka.pollUntil(Duration.ofSeconds(60), () -> kafka.messages(Topics.ACCOUNT_EVENTS, AccountEventMessage.class)
                    .size() >= 3 * ACCOUNTS, "accounts to be funded");

            Random random = new Random(42);
            List<Long> orderIds = new ArrayList<>();
            sendOrders(kafka, random, orderIds, 150);
            kafka.pollUntil(Duration.ofSeconds(60), () -> matchingReportsFor(kafka).size() >= 100, "the first fills");

            matching.close();
            secondRisk.close();                         // its partitions move back to the first instance
            sendOrders(kafka, random, orderIds, 150);   // piles up while matching is down
            matching = start(MatchingApplication.builder(), "matching-2");   // empty state dir: restore from changelog
            for (long orderId : orderIds) {
                long owner = orderId % ACCOUNTS + 1;
                kafka.send(Topics.ORDER_COMMANDS, Long.toString(owner),
                        new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL, orderId, null, owner, SYMBOL, null,
                        null, null, 0, false, null,
                        null, clock++));
            }
            kafka.flush();
            kafka.pollUntil(Duration.ofSeconds(120), () -> everyOrderEnded(kafka, orderIds), "every order to end");

            assertExactlyOneTerminalStatePerOrder(kafka, orderIds);
            assertSequencesWithoutGapsOrDuplicates(kafka);
            assertOutputsEqualAReplayOfTheAcceptedOrders(kafka);
            kafka.pollUntil(Duration.ofSeconds(60), () -> nothingHeld(kafka), "every hold to be released");
            // The last fees reach the fee account at risk's next sweep (every 100 ms).
            kafka.pollUntil(Duration.ofSeconds(30), () -> totals(kafka).equals(deposited()), "the last fees to be credited");
            assertBalancesConserved(kafka);
            assertIdleProcessorsCommitNothing(kafka, risk, matching);
            assertOperationalSurface(risk, "rtx_risk_orders_checked_total", "rtx_risk_rejections_total",
                    "rtx_risk_fills_settled_total", "kafka_stream_thread_process_rate");
            assertOperationalSurface(matching, "rtx_matching_commands_total", "rtx_matching_trades_total",
                    "rtx_matching_resting_orders");
        } finally {
            matching.close();
            secondRisk.close();
            risk.close();
        }
    }

    /**
     * Once nothing arrives, no task commits: under exactly-once a commit is a transaction, and a
     * punctuation that always ran (risk's fee sweep, matching's GTD expiry) made idle processors
     * commit tens of empty ones a second.
     */
    private static void assertIdleProcessorsCommitNothing(KafkaTopicsReader kafka, ConfigurableApplicationContext... apps) {
        Duration window = Duration.ofSeconds(3); // longer than either punctuation's interval
        long[] windowStart = {System.nanoTime()};
        double[] before = {commits(apps)};
        kafka.pollUntil(Duration.ofSeconds(30), () -> {
            if (System.nanoTime() - windowStart[0] < window.toNanos()) {
                return false;
            }
            double after = commits(apps);
            boolean none = after == before[0];
            before[0] = after;
            windowStart[0] = System.nanoTime();
            return none;
        }, "a window of " + window + " in which risk and matching commit nothing");
    }

    /** Commits so far of every stream thread of these applications, from their Prometheus scrapes. */
    private static double commits(ConfigurableApplicationContext... apps) {
        double total = 0;
        for (ConfigurableApplicationContext app : apps) {
            total += scrape(app).lines().filter(line -> line.startsWith("kafka_stream_thread_commit_total"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
        return total;
    }

    private static String scrape(ConfigurableApplicationContext app) {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        return RestClient.create().get().uri(base + "/actuator/prometheus").retrieve().body(String.class);
    }

    /** Health probes answer, the documented metrics are exposed, and Sentry stays silent without a DSN. */
    private static void assertOperationalSurface(ConfigurableApplicationContext app, String... metrics) {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        RestClient http = RestClient.create();
        assertThat(http.get().uri(base + "/actuator/health/liveness").retrieve().body(String.class)).contains("UP");
        assertThat(http.get().uri(base + "/actuator/health/readiness").retrieve().body(String.class)).contains("UP");
        assertThat(scrape(app)).contains(metrics);
        assertThat(Sentry.isEnabled()).isFalse();
    }

    private void account(KafkaTopicsReader kafka, AccountCommandMessage.Kind kind, long account, String asset,
                         String amount) {
        kafka.send(Topics.ACCOUNT_COMMANDS, Long.toString(account), new AccountCommandMessage(kind,
                kind + ":" + account + ":" + asset, account, asset, amount, clock++));
    }

    /** Limits around 10,000.00, half crossing, some IOC, from four accounts (order id picks the account). */
    private void sendOrders(KafkaTopicsReader kafka, Random random, List<Long> orderIds, int count) {
        for (int i = 0; i < count; i++) {
            long orderId = 1_000 + orderIds.size();
            long owner = orderId % ACCOUNTS + 1;
            boolean buy = random.nextBoolean();
            long cents = 1_000_000 + (buy ? 1 : -1) * (random.nextInt(400) - 300);
            String tif = random.nextInt(10) < 2 ? "IOC" : "GTC";
            String quantity = "0." + (1 + random.nextInt(9));
            kafka.send(Topics.ORDER_COMMANDS, Long.toString(owner),
                    new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "c" + orderId, owner, SYMBOL,
                    buy ? "BUY" : "SELL", "LIMIT",
                    tif, 0, false, BigDecimal.valueOf(cents, 2).toPlainString(), quantity, clock++));
            orderIds.add(orderId);
        }
        kafka.flush();
    }

    private static List<ExecutionReportMessage> matchingReportsFor(KafkaTopicsReader kafka) {
        return kafka.messages(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class).stream()
                .filter(r -> r.source().equals(ExecutionReportMessage.SOURCE_MATCHING)).toList();
    }

    private static Map<Long, List<ExecutionReportMessage>> terminalReports(KafkaTopicsReader kafka) {
        return kafka.messages(Topics.EXECUTION_REPORTS, ExecutionReportMessage.class).stream()
                .filter(r -> TERMINAL.contains(r.status()) && !r.execType().equals("REQUEST_REJECTED"))
                .collect(Collectors.groupingBy(ExecutionReportMessage::orderId));
    }

    private static boolean everyOrderEnded(KafkaTopicsReader kafka, List<Long> orderIds) {
        return terminalReports(kafka).keySet().containsAll(orderIds);
    }

    private static void assertExactlyOneTerminalStatePerOrder(KafkaTopicsReader kafka, List<Long> orderIds) {
        Map<Long, List<ExecutionReportMessage>> terminal = terminalReports(kafka);
        for (long orderId : orderIds) {
            assertThat(terminal.get(orderId)).as("terminal reports of order %d", orderId).hasSize(1);
        }
    }

    private static void assertSequencesWithoutGapsOrDuplicates(KafkaTopicsReader kafka) {
        List<Long> reportSequences = matchingReportsFor(kafka).stream().map(ExecutionReportMessage::sequence)
                .filter(s -> s > 0).sorted().toList();
        assertThat(reportSequences).isEqualTo(LongStream.rangeClosed(1, reportSequences.size()).boxed().toList());
        List<Long> tradeIds = kafka.messages(Topics.TRADES, TradeMessage.class).stream().map(TradeMessage::tradeId)
                .sorted().toList();
        assertThat(tradeIds).isNotEmpty().isEqualTo(LongStream.rangeClosed(1, tradeIds.size()).boxed().toList());
    }

    /** The restarted book must behave exactly as one that never stopped: replay the accepted orders and compare. */
    private static void assertOutputsEqualAReplayOfTheAcceptedOrders(KafkaTopicsReader kafka) {
        // Every order has ended, but matching may still be answering the last accepted commands (a cancel
        // that crossed its order's fill is rejected a moment later): wait until it has answered as many as
        // the replay does. A lost report never gets there; a doubled one fails the comparison.
        kafka.pollUntil(Duration.ofSeconds(30), () -> {
            Replay replay = replay(kafka);
            return matchingReportsFor(kafka).size() >= replay.reports().size()
                    && kafka.messages(Topics.TRADES, TradeMessage.class).size() >= replay.trades().size();
        }, "matching to answer every accepted command");
        Replay expected = replay(kafka);
        List<ExecutionReportMessage> actual = new ArrayList<>(matchingReportsFor(kafka));
        actual.sort(Comparator.comparingLong(ExecutionReportMessage::sequence));
        assertThat(actual).isEqualTo(expected.reports());
        assertThat(kafka.messages(Topics.TRADES, TradeMessage.class)).isEqualTo(expected.trades());
    }

    private record Replay(List<ExecutionReportMessage> reports, List<TradeMessage> trades) {
    }

    /** What a book that never stopped emits for the accepted orders read so far. */
    private static Replay replay(KafkaTopicsReader kafka) {
        Instrument instrument = Instruments.BTC_USD;
        OrderBook book = new PriceTimeOrderBook(instrument);
        Replay replay = new Replay(new ArrayList<>(), new ArrayList<>());
        io.rtx.engine.orderbook.BookEvents sink = new io.rtx.engine.orderbook.BookEvents() {
            @Override
            public void report(ExecutionReport report) {
                replay.reports().add(Wire.report(report, instrument));
            }

            @Override
            public void trade(Trade trade) {
                replay.trades().add(Wire.trade(trade, instrument));
            }
        };
        for (OrderCommandMessage accepted : kafka.messages(Topics.ACCEPTED_ORDERS, OrderCommandMessage.class)) {
            book.apply(Wire.toCommand(accepted, instrument), sink);
        }
        return replay;
    }

    /** Each account's latest state on risk's accounts changelog: what the ledger projects balances from. */
    private static Map<Long, AccountStateMessage> latestAccountStates(KafkaTopicsReader kafka) {
        Map<Long, AccountStateMessage> latest = new HashMap<>();
        for (AccountStateMessage s : kafka.messages(Topics.ACCOUNTS_CHANGELOG, AccountStateMessage.class)) {
            latest.merge(s.id(), s, (a, b) -> b.version() > a.version() ? b : a);
        }
        return latest;
    }

    private static boolean nothingHeld(KafkaTopicsReader kafka) {
        return latestAccountStates(kafka).values().stream().flatMap(s -> s.balances().stream())
                .allMatch(b -> b.reserved() == 0);
    }

    private static void assertBalancesConserved(KafkaTopicsReader kafka) {
        assertThat(totals(kafka)).isEqualTo(deposited());
    }

    /** Per asset, available + reserved over every account, the fee account included. */
    private static Map<String, BigDecimal> totals(KafkaTopicsReader kafka) {
        Map<String, BigDecimal> totals = new HashMap<>();
        latestAccountStates(kafka).values().stream().flatMap(s -> s.balances().stream()).forEach(b -> totals.merge(
                b.asset(), BigDecimal.valueOf(b.available() + b.reserved(), b.scale()), BigDecimal::add));
        totals.replaceAll((asset, total) -> total.stripTrailingZeros());
        return totals;
    }

    private static Map<String, BigDecimal> deposited() {
        return Map.of("USD", BigDecimal.valueOf(1_000_000L * ACCOUNTS).stripTrailingZeros(),
                "BTC", BigDecimal.valueOf(100L * ACCOUNTS).stripTrailingZeros());
    }
}
