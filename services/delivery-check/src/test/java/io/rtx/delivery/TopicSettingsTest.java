package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.ServiceEnvironment;
import io.rtx.delivery.support.Values;
import io.rtx.delivery.support.Workload;
import io.rtx.events.TopicSettings;
import io.rtx.provisioning.TopicProvisioningConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The topic settings each service really runs with in each environment: the chart's env vars, read through
 * the service's own configuration files and the binding the services use (TopicProvisioningConfiguration),
 * and for the stream processors the replication Kafka Streams gives its changelog and repartition topics.
 */
class TopicSettingsTest {

  private static final Path RESOURCES = Repo.ROOT.resolve("services");
  private static final Path PROCESSOR_YML = RESOURCES.resolve("streams/src/main/resources/rtx-processor.yml");
  /** Each service's configuration files, imported ones first (they take precedence). */
  private static final Map<String, List<Path>> CONFIG_FILES = Map.of(
      "gateway", List.of(RESOURCES.resolve("gateway/src/main/resources/gateway.yml")),
      "ledger", List.of(RESOURCES.resolve("ledger/src/main/resources/ledger.yml")),
      "risk", List.of(PROCESSOR_YML, RESOURCES.resolve("risk/src/main/resources/risk.yml")),
      "matching", List.of(PROCESSOR_YML, RESOURCES.resolve("matching/src/main/resources/matching.yml")));
  private static final List<String> STREAMS_PROCESSORS = List.of("risk", "matching");
  private static final String BINDER = "spring.cloud.stream.kafka.streams.binder";
  /** What each environment must run with (dev may be one broker; staging and prod survive a broker loss). */
  private static final Map<String, List<Integer>> REPLICATION_AND_MIN_INSYNC = Map.of(
      "dev", List.of(1, 1), "staging", List.of(3, 2), "prod", List.of(3, 2));

  static List<Path> valuesFiles() {
    return Repo.valuesFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyServiceRunsWithTheEnvironmentsTopicSettings(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    TopicSettings expected = expected(rendered);
    List<Workload> services = Workload.all(rendered).stream()
        .filter(w -> w.longRunning() && CONFIG_FILES.containsKey(w.component())).toList();
    assertThat(services).extracting(Workload::component)
        .containsExactlyInAnyOrderElementsOf(CONFIG_FILES.keySet());

    for (Workload service : services) {
      Map<String, String> env = env(service.spec().getContainers().get(0));
      assertThat(env).as(service + " passes the chart's topic settings")
          .containsEntry("RTX_KAFKA_PARTITIONS", Integer.toString(expected.partitions()))
          .containsEntry("RTX_KAFKA_REPLICATION_FACTOR", Integer.toString(expected.replicationFactor()))
          .containsEntry("RTX_KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(expected.minInsyncReplicas()));
      ConfigurableEnvironment spring = ServiceEnvironment.of(env, CONFIG_FILES.get(service.component()));
      assertThat(spring.getProperty(TopicSettings.REPLICATION_FACTOR)).isEqualTo(env.get("RTX_KAFKA_REPLICATION_FACTOR"));
      assertThat(TopicProvisioningConfiguration.settings(spring)).as(service + " provisions and checks with")
          .isEqualTo(expected);

      if (STREAMS_PROCESSORS.contains(service.component())) {
        Binder binder = Binder.get(spring);
        Map<String, String> streams = binder.bind(BINDER + ".configuration", Bindable.mapOf(String.class, String.class))
            .get();
        assertThat(streams).as(service + ": Kafka Streams' internal topics")
            .containsEntry("replication.factor", Integer.toString(expected.replicationFactor()))
            .containsEntry("topic.min.insync.replicas", Integer.toString(expected.minInsyncReplicas()));
        assertThat(binder.bind(BINDER + ".auto-create-topics", Boolean.class).get())
            .as(service + ": only the provisioning creates topics").isFalse();
      }
    }
  }

  /** The HPA guard and the topics read the same value: no processor scales past the partitions it runs with. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void processorAutoscalingStopsAtThePartitionsTheTopicsHave(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    Map<String, String> partitionsByWorkload = Workload.all(rendered).stream()
        .filter(w -> w.longRunning() && CONFIG_FILES.containsKey(w.component()))
        .collect(Collectors.toMap(w -> w.owner().substring(w.owner().indexOf('/') + 1),
            w -> env(w.spec().getContainers().get(0)).getOrDefault("RTX_KAFKA_PARTITIONS", "unset")));
    List<HorizontalPodAutoscaler> processorHpas = rendered.typed(HorizontalPodAutoscaler.class).stream()
        .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("StatefulSet")).toList();
    for (HorizontalPodAutoscaler hpa : processorHpas) {
      String target = hpa.getSpec().getScaleTargetRef().getName();
      assertThat(partitionsByWorkload.get(target)).as(target + " RTX_KAFKA_PARTITIONS").matches("[0-9]+");
      assertThat(hpa.getSpec().getMaxReplicas()).as(target + " maxReplicas")
          .isLessThanOrEqualTo(Integer.parseInt(partitionsByWorkload.get(target)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "environment: prod\nkafka:\n  replicationFactor: 1\n",
      "environment: staging\nkafka:\n  minInsyncReplicas: 1\n",
      "kafka:\n  replicationFactor: 0\n",
  })
  void theSchemaRefusesTopicsThatWouldNotSurviveABrokerLossWhereTheyMust(String values, @TempDir Path tmp)
      throws IOException {
    Path file = tmp.resolve("bad-values.yaml");
    Files.writeString(file, values);
    assertThatThrownBy(() -> Rendered.template(file, "rtx-bad"))
        .hasMessageContaining("values don't meet the specifications of the schema");
  }

  @Test
  void minInsyncReplicasAboveTheReplicationFactorFailsTheRender(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("bad-values.yaml");
    Files.writeString(file, "kafka:\n  replicationFactor: 2\n  minInsyncReplicas: 3\n");
    assertThatThrownBy(() -> Rendered.template(file, "rtx-bad"))
        .hasMessageContaining("kafka.minInsyncReplicas (3) exceeds kafka.replicationFactor (2)");
  }

  /** The values file's kafka settings; dev, staging and prod must also match their policy. */
  private static TopicSettings expected(Rendered rendered) {
    Map<String, Object> values = rendered.values();
    Integer replicationFactor = Values.get(values, "kafka.replicationFactor");
    Integer minInsyncReplicas = Values.get(values, "kafka.minInsyncReplicas");
    List<Integer> policy = REPLICATION_AND_MIN_INSYNC.get(Rendered.label(rendered.valuesFile));
    if (policy != null) {
      assertThat(Arrays.asList(replicationFactor, minInsyncReplicas))
          .as(rendered.valuesFile + ": kafka.replicationFactor and kafka.minInsyncReplicas").isEqualTo(policy);
    }
    return new TopicSettings(Values.get(values, "kafka.partitions"), replicationFactor, minInsyncReplicas);
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
