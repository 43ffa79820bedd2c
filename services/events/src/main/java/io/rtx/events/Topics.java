package io.rtx.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic RTX uses, with its key and value: the single definition the services and
 * {@code docs/topics.md} follow. Names carry a version so a breaking schema change is a new topic.
 */
public final class Topics {

    /** Place, cancel, amend and reduce requests from the gateway. Key: account id. */
    public static final String ORDER_COMMANDS = "rtx.order-commands.v1";
    /** Open, deposit, withdraw, suspend, resume, fee credit. Key: account id. */
    public static final String ACCOUNT_COMMANDS = "rtx.account-commands.v1";
    /** Results of account commands with the balances after them. Key: account id. */
    public static final String ACCOUNT_EVENTS = "rtx.account-events.v1";
    /** Order commands that passed pre-trade risk. Key: symbol. */
    public static final String ACCEPTED_ORDERS = "rtx.accepted-orders.v1";
    /** Every change of every order. Key: account id. */
    public static final String EXECUTION_REPORTS = "rtx.execution-reports.v1";
    /** Every trade. Key: symbol. */
    public static final String TRADES = "rtx.trades.v1";
    /** L2 level changes after each command. Key: symbol. */
    public static final String BOOK_UPDATES = "rtx.book-updates.v1";
    /** Instrument definitions, compacted. Key: symbol. */
    public static final String INSTRUMENTS = "rtx.instruments.v1";

    /** The risk processor's Kafka Streams application id (also its consumer group). */
    public static final String RISK_APPLICATION_ID = "rtx-risk";
    /** Risk's store of accounts, keyed by account id. */
    public static final String RISK_ACCOUNTS_STORE = "accounts";
    /**
     * The {@link #RISK_ACCOUNTS_STORE} store's changelog, named by Kafka Streams
     * ({@code <application.id>-<store>-changelog}) and written in risk's exactly-once transactions:
     * {@code AccountStateMessage}, the latest per account per commit. Key: account id. Compacted.
     */
    public static final String ACCOUNTS_CHANGELOG = RISK_APPLICATION_ID + "-" + RISK_ACCOUNTS_STORE + "-changelog";

    /** Inputs whose undeserialisable records go to {@code <input>.dlq}. */
    public static final List<String> RISK_INPUTS = List.of(ORDER_COMMANDS, ACCOUNT_COMMANDS, EXECUTION_REPORTS);
    public static final List<String> MATCHING_INPUTS = List.of(ACCEPTED_ORDERS);

    /** Every topic, dead-letter topics included, for creation at start-up. */
    public static final List<String> ALL = List.of(ORDER_COMMANDS, ACCOUNT_COMMANDS, ACCOUNT_EVENTS, ACCEPTED_ORDERS,
            EXECUTION_REPORTS, TRADES, BOOK_UPDATES, INSTRUMENTS, ACCOUNTS_CHANGELOG,
            deadLetter(ORDER_COMMANDS), deadLetter(ACCOUNT_COMMANDS), deadLetter(EXECUTION_REPORTS),
            deadLetter(ACCEPTED_ORDERS), deadLetter(TRADES), deadLetter(BOOK_UPDATES), deadLetter(ACCOUNT_EVENTS),
            deadLetter(INSTRUMENTS), deadLetter(ACCOUNTS_CHANGELOG));

    /** Compacted: only the latest value per key matters, and it is kept however old it is. */
    public static final List<String> COMPACTED = List.of(INSTRUMENTS, ACCOUNTS_CHANGELOG);

    /**
     * How long every other topic keeps its records: the window a ledger rebuild or a restore can replay
     * (docs/disaster-recovery.md). Written on the topic so a broker default cannot shorten it.
     */
    public static final Duration RETENTION = Duration.ofDays(7);

    /** Header names on a dead-letter record. */
    public static final String DLQ_REASON_HEADER = "rtx.dlq.reason";
    public static final String DLQ_SOURCE_HEADER = "rtx.dlq.source";

    private Topics() {
    }

    public static String deadLetter(String input) {
        return input + ".dlq";
    }

    /**
     * Every topic as RTX needs it. Partitions, replication and min.insync.replicas come from the cluster's
     * settings; cleanup and retention are per topic and fixed here.
     */
    public static List<TopicSpec> specs(TopicSettings settings) {
        return ALL.stream().map(name -> spec(name, settings)).toList();
    }

    public static TopicSpec spec(String name, TopicSettings settings) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        if (COMPACTED.contains(name)) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis()));
        }
        return new TopicSpec(name, settings.partitions(), settings.replicationFactor(), configs);
    }
}
