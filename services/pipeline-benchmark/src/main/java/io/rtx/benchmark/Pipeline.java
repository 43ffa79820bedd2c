package io.rtx.benchmark;

import io.rtx.benchmark.ArrivalListener.Arrival;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.ReasonCode;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.TopicProvisioning;
import io.rtx.events.TopicSettings;
import io.rtx.events.Topics;
import io.rtx.matching.MatchingApplication;
import io.rtx.matching.MatchingTopology;
import io.rtx.risk.RiskApplication;
import io.rtx.risk.RiskTopology;
import io.rtx.testkafka.OwnNettyResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real pipeline: the risk and matching applications (in this JVM, through their own builders and
 * configuration files, as the local stack starts them), with instruments defined and accounts funded
 * before any order is sent. Orders go to order-commands; risk's accepted order is the acknowledgement
 * after one hop (a rejection is risk's REJECTED report), and the book's first report (NEW, TRADE,
 * CANCELED for an unfilled IOC, ...) on execution-reports arrives after two.
 */
final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration FUNDING_TIMEOUT = Duration.ofMinutes(2);
    /** Far more than the orders can use: no order is refused for lack of funds. */
    private static final String QUOTE_DEPOSIT = "1000000000";
    private static final String BASE_DEPOSIT = "1000000";
    /** The processors' application ids, also their consumer groups. */
    private static final String RISK = RiskTopology.APPLICATION_ID;
    private static final String MATCHING = MatchingTopology.APPLICATION_ID;
    private static final List<String> APPLICATION_IDS = List.of(RISK, MATCHING);

    private final BenchmarkOptions options;
    private final Clients clients;
    private final TempDirectory stateDirectory;
    private final List<ConfigurableApplicationContext> applications = new ArrayList<>();

    private Pipeline(BenchmarkOptions options, Clients clients) throws IOException {
        this.options = options;
        this.clients = clients;
        this.stateDirectory = new TempDirectory("rtx-benchmark-state-");
    }

    static Pipeline start(BenchmarkOptions options, Clients clients) throws Exception {
        Pipeline pipeline = new Pipeline(options, clients);
        try {
            try (Admin admin = clients.admin()) {
                new TopicProvisioning(Topics.specs(new TopicSettings(options.partitions(), 1, 1))).provision(admin);
            }
            pipeline.defineInstruments();
            // Instruments first: both processors load their global tables fully before they process anything.
            pipeline.applications.add(pipeline.launch(RiskApplication.builder(), "risk"));
            pipeline.applications.add(pipeline.launch(MatchingApplication.builder(), "matching"));
            pipeline.fundAccounts();
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    PacedRun.Result measure(PacedRun run) throws Exception {
        return run.run("pipeline", Topics.ORDER_COMMANDS, List.of(Topics.ACCEPTED_ORDERS, Topics.EXECUTION_REPORTS),
                Pipeline::classify,
                APPLICATION_IDS, new StreamThreadCommits(APPLICATION_IDS));
    }

    /**
     * Risk carries order commands (its other inputs are account commands and its own and matching's reports),
     * matching the accepted orders risk forwards. Under exactly_once_v2 a stream thread's transactional id is
     * {@code <application id>-<process id>-<thread>}.
     */
    SaturationRun.Result saturate(SaturationRun run) throws Exception {
        return run.run("pipeline", Topics.ORDER_COMMANDS,
                List.of(new SaturationRun.Stage("risk", RISK, Topics.ORDER_COMMANDS),
                        new SaturationRun.Stage("matching", MATCHING, Topics.ACCEPTED_ORDERS)),
                new StreamThreadCommits(APPLICATION_IDS),
                List.of(new TransactionSizes.Committer(RISK, RISK + "-"), new TransactionSizes.Committer(MATCHING, MATCHING + "-")));
    }

    /**
     * Risk's accepted order is the first hop (its REJECTED report too, and the order goes no further);
     * matching's report the second. A cancel's accepted record names an order already acknowledged, so
     * only a placement's first counts.
     */
    private static Arrival classify(String topic, RecordPeek record) {
        if (topic.equals(Topics.ACCEPTED_ORDERS)) {
            return Arrival.FIRST_HOP;
        }
        return ExecutionReportMessage.SOURCE_MATCHING.equals(record.source()) ? Arrival.SECOND_HOP : Arrival.FIRST_HOP_FINAL;
    }

    /**
     * Settings are passed as command-line arguments: {@code SpringApplicationBuilder.properties} only sets
     * defaults, which the applications' own risk.yml / matching.yml (localhost:9092, ...) would override.
     */
    private ConfigurableApplicationContext launch(SpringApplicationBuilder application, String name) throws Exception {
        Path stateDir = Files.createDirectories(stateDirectory.path().resolve(name));
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + clients.bootstrap(),
                "--spring.main.banner-mode=off",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--rtx.kafka.partitions=" + options.partitions(),
                "--rtx.streams.state-dir=" + stateDir,
                "--rtx.streams.commit-interval-ms=" + options.commitIntervalMs()));
        options.processorSettings().forEach(setting -> arguments.add("--" + setting));
        return application.initializers(new OwnNettyResources()).run(arguments.toArray(String[]::new));
    }

    private void defineInstruments() throws Exception {
        try (KafkaProducer<String, byte[]> producer = clients.producer()) {
            for (Instrument instrument : OrderFlow.instruments(options.symbols())) {
                producer.send(new ProducerRecord<>(Topics.INSTRUMENTS, instrument.symbol(),
                        JsonSerde.write(InstrumentMessage.of(instrument)))).get();
            }
        }
    }

    /** Opens every account and deposits the quote and every base asset; waits for risk to confirm each. */
    private void fundAccounts() throws Exception {
        String prefix = "benchmark-" + System.currentTimeMillis() + ":";
        List<Instrument> instruments = OrderFlow.instruments(options.symbols());
        int commands = options.accounts() * (2 + instruments.size());
        try (KafkaConsumer<String, byte[]> events = clients.tailOf(List.of(Topics.ACCOUNT_EVENTS));
             KafkaProducer<String, byte[]> producer = clients.producer()) {
            for (long account = 1; account <= options.accounts(); account++) {
                sendAccountCommand(producer, prefix, AccountCommandMessage.Kind.OPEN, account, null, null);
                sendAccountCommand(producer, prefix, AccountCommandMessage.Kind.DEPOSIT, account,
                        OrderFlow.USD.code(), QUOTE_DEPOSIT);
                for (Instrument instrument : instruments) {
                    sendAccountCommand(producer, prefix, AccountCommandMessage.Kind.DEPOSIT, account,
                            instrument.base().code(), BASE_DEPOSIT);
                }
            }
            producer.flush();
            awaitAccountEvents(events, prefix, commands);
        }
        log.info("{} accounts funded", options.accounts());
    }

    private static void sendAccountCommand(KafkaProducer<String, byte[]> producer, String prefix,
                                          AccountCommandMessage.Kind kind, long account, String asset, String amount) {
        AccountCommandMessage command = new AccountCommandMessage(kind,
                prefix + kind + ":" + account + ":" + asset, account, asset, amount, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(Topics.ACCOUNT_COMMANDS, Long.toString(account), JsonSerde.write(command)));
    }

    /** One account event answers each command; a refused deposit would make the run meaningless. */
    private static void awaitAccountEvents(KafkaConsumer<String, byte[]> events, String prefix, int expected) {
        JsonSerde<AccountEventMessage> serde = JsonSerde.of(AccountEventMessage.class);
        long deadline = System.nanoTime() + FUNDING_TIMEOUT.toNanos();
        int answered = 0;
        while (answered < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + answered + " of " + expected + " account commands answered");
            }
            for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
                AccountEventMessage event = serde.deserializer().deserialize(Topics.ACCOUNT_EVENTS, record.value());
                if (event.commandId() != null && event.commandId().startsWith(prefix)) {
                    if (!event.accepted() && !ReasonCode.ACCOUNT_EXISTS.name().equals(event.reason())) {
                        throw new IllegalStateException("account command refused: " + event);
                    }
                    answered++;
                }
            }
        }
    }

    @Override
    public void close() {
        for (int i = applications.size() - 1; i >= 0; i--) {
            applications.get(i).close();
        }
        stateDirectory.close();
    }
}
