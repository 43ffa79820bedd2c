package io.rtx.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way RTX topics come to exist: every service runs it at start-up, before it reads or writes.
 * Missing topics are created from their specs; existing ones are described and checked
 * ({@link TopicCheck}), and any refusal stops the caller with every mismatch named. Creation never
 * alters an existing topic: adding partitions would move keys away from the state that owns them.
 */
public final class TopicProvisioning {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A topic another service has just created may not be known yet to the broker that is asked. */
    private static final Duration UNKNOWN_TOPIC_RETRY = Duration.ofMillis(200);

    private final List<TopicSpec> specs;

    public TopicProvisioning(List<TopicSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** What one run did: the topics it created and what it noticed but kept on the others. */
    public record Provisioned(List<String> created, List<String> notes) {
    }

    public Provisioned provision(Admin admin) {
        Set<String> existing = await(admin.listTopics().names(), "listing topics");
        List<String> created = create(admin, specs.stream().filter(s -> !existing.contains(s.name())).toList());
        List<TopicSpec> checked = specs.stream().filter(s -> !created.contains(s.name())).toList();
        List<String> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!checked.isEmpty()) {
            Described described = describe(admin, checked.stream().map(TopicSpec::name).toList());
            for (TopicSpec spec : checked) {
                TopicCheck check = TopicCheck.of(spec, described.topics().get(spec.name()),
                        described.configs().get(resource(spec.name())));
                refusals.addAll(check.refusals());
                notes.addAll(check.notes());
            }
        }
        notes.forEach(log::info);
        if (!refusals.isEmpty()) {
            throw new IllegalStateException(refusals.size() + " RTX topic setting(s) do not match this service's"
                    + " configuration; refusing to start with them (docs/release.md, \"A refused start\"):\n  "
                    + String.join("\n  ", refusals));
        }
        log.info("RTX topics: {} existing match, {} created {}", checked.size(), created.size(), created);
        return new Provisioned(created, notes);
    }

    /** Creates the topics; one that another service created meanwhile is left to the check. */
    private static List<String> create(Admin admin, List<TopicSpec> missing) {
        if (missing.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing.stream().map(TopicSpec::newTopic).toList())
                .values();
        List<String> created = new ArrayList<>();
        for (TopicSpec spec : missing) {
            try {
                await(results.get(spec.name()), "creating " + spec.name());
                created.add(spec.name());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + spec.name() + " with "
                            + spec.partitions() + " partitions, replication factor " + spec.replicationFactor()
                            + " and " + spec.configs() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return created;
    }

    private record Described(Map<String, TopicDescription> topics, Map<ConfigResource, Config> configs) {
    }

    private static Described describe(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return new Described(await(admin.describeTopics(names).allTopicNames(), "describing topics"),
                        await(admin.describeConfigs(names.stream().map(TopicProvisioning::resource).toList()).all(),
                                "describing topic configs"));
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                sleep(UNKNOWN_TOPIC_RETRY);
            }
        }
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    /** The future's value; a failure is rethrown with the Kafka exception as its cause. */
    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s while " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }
}
