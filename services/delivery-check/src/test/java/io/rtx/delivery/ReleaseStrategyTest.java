package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import io.rtx.delivery.support.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Blue-green for the gateway only; the Kafka Streams processors roll in place (ADR 0005); Argo CD
 * sync waves put secrets and data stores before the services.
 */
class ReleaseStrategyTest {

  private static final Set<String> BLUE_GREEN_KEYS = Set.of("activeService", "previewService", "autoPromotionEnabled",
      "autoPromotionSeconds", "scaleDownDelaySeconds", "scaleDownDelayRevisionLimit", "abortScaleDownDelaySeconds",
      "previewReplicaCount", "prePromotionAnalysis", "postPromotionAnalysis", "antiAffinity", "previewMetadata",
      "activeMetadata");
  private static final Set<String> ROLLOUT_SPEC_KEYS = Set.of("replicas", "selector", "template", "workloadRef",
      "minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds", "progressDeadlineAbort",
      "restartAt", "rollbackWindow", "analysis", "strategy");
  private static final Set<String> ANALYSIS_METRIC_KEYS = Set.of("name", "interval", "initialDelay", "count",
      "successCondition", "failureCondition", "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "provider",
      "dryRun");
  private static final List<String> PROCESSORS = List.of("risk", "matching", "ledger");

  static List<Path> valuesFiles() {
    return Repo.valuesFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void gatewayIsBlueGreenWithAnalysis(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    assertThat(rendered.ofKind("Rollout")).hasSize(1);
    Rendered.Doc rollout = rendered.ofKind("Rollout").get(0);
    assertThat(Values.<String>get(rollout.raw(), "apiVersion")).isEqualTo("argoproj.io/v1alpha1");
    Map<String, Object> spec = Values.get(rollout.raw(), "spec");
    assertThat(ROLLOUT_SPEC_KEYS).containsAll(spec.keySet());
    assertThat(Values.<Map<String, Object>>get(spec, "strategy")).containsOnlyKeys("blueGreen");
    Map<String, Object> blueGreen = Values.get(spec, "strategy.blueGreen");
    assertThat(BLUE_GREEN_KEYS).containsAll(blueGreen.keySet());
    assertThat(blueGreen).containsKeys("activeService", "previewService", "prePromotionAnalysis", "scaleDownDelaySeconds");
    assertThat((Integer) blueGreen.get("scaleDownDelaySeconds")).isGreaterThanOrEqualTo(30);

    // Both Services exist and select the gateway pods; the controller adds the ReplicaSet hash.
    Map<String, String> podLabels = Values.get(rollout.raw(), "spec.template.metadata.labels");
    for (String role : List.of("activeService", "previewService")) {
      Service service = (Service) rendered.find("Service", (String) blueGreen.get(role)).object();
      assertThat(podLabels.entrySet()).containsAll(service.getSpec().getSelector().entrySet());
    }
    assertThat(blueGreen.get("activeService")).isNotEqualTo(blueGreen.get("previewService"));

    // The pre-promotion analysis names an AnalysisTemplate of this release with Prometheus SLO metrics.
    List<Map<String, Object>> templates = Values.get(blueGreen, "prePromotionAnalysis.templates");
    assertThat(templates).isNotEmpty();
    for (Map<String, Object> ref : templates) {
      Rendered.Doc template = rendered.find("AnalysisTemplate", (String) ref.get("templateName"));
      List<Map<String, Object>> metrics = Values.get(template.raw(), "spec.metrics");
      metrics.forEach(m -> assertThat(ANALYSIS_METRIC_KEYS).containsAll(m.keySet()));
      List<String> queries = metrics.stream()
          .map(m -> Values.<String>get(m, "provider.prometheus.query")).filter(q -> q != null).toList();
      assertThat(queries).anyMatch(q -> q.contains("outcome=\"SERVER_ERROR\""))
          .anyMatch(q -> q.contains("rtx_gateway_order_ack_seconds_bucket"))
          .allMatch(q -> q.contains("rollouts_pod_template_hash=\"{{args.pod-hash}}\""));
      List<String> declared = Values.<List<Map<String, Object>>>get(template.raw(), "spec.args").stream()
          .map(a -> (String) a.get("name")).toList();
      List<String> passed = Values.<List<Map<String, Object>>>get(blueGreen, "prePromotionAnalysis.args").stream()
          .map(a -> (String) a.get("name")).toList();
      assertThat(passed).containsExactlyInAnyOrderElementsOf(declared);
    }

    boolean autoPromotion = (Boolean) blueGreen.get("autoPromotionEnabled");
    if (Rendered.label(valuesFile).equals("prod") || Rendered.label(valuesFile).equals("staging")) {
      assertThat(autoPromotion).as("a human promotes in " + Rendered.label(valuesFile)).isFalse();
    }
  }

  /**
   * Blue, green and preview gateway pods run at once and must never share an order-id node: the pod
   * template fixes none (every replica would get the same one), each pod leases its own from PostgreSQL,
   * and the NetworkPolicies let it reach PostgreSQL for that.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void gatewayPodsLeaseTheirOrderIdNodeFromPostgresql(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    Workload gateway = Workload.all(rendered).stream()
        .filter(w -> w.longRunning() && w.component().equals("gateway")).collect(onlyOne());
    for (Container container : gateway.spec().getContainers()) {
      List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
      assertThat(env).extracting(EnvVar::getName).as(gateway + " " + container.getName())
          .noneMatch(name -> name.replace("_", "").replace("-", "").toUpperCase().contains("NODEID"));
      List<String> words = new ArrayList<>();
      env.stream().map(EnvVar::getValue).filter(java.util.Objects::nonNull).forEach(words::add);
      words.addAll(container.getArgs() == null ? List.of() : container.getArgs());
      words.addAll(container.getCommand() == null ? List.of() : container.getCommand());
      assertThat(words).as("no node id through JAVA_TOOL_OPTIONS, SPRING_APPLICATION_JSON or arguments")
          .noneMatch(w -> w.contains("node-id") || w.contains("nodeId") || w.contains("node_id"));
    }
    Map<String, String> gatewayPods = gateway.podLabels();
    Map<String, String> postgresPods = Workload.all(rendered).stream()
        .filter(w -> w.longRunning() && w.component().equals("postgresql")).collect(onlyOne()).podLabels();
    List<String> postgresServices = rendered.typed(Service.class).stream()
        .filter(svc -> postgresPods.entrySet().containsAll(svc.getSpec().getSelector().entrySet()))
        .map(svc -> svc.getMetadata().getName()).toList();
    assertThat(postgresServices).isNotEmpty();

    Container container = gateway.spec().getContainers().get(0);
    Map<String, String> env = env(container);
    assertThat(env.get("SPRING_R2DBC_URL")).as("the lease table lives in the ledger's database")
        .matches("r2dbc:postgresql://(" + String.join("|", postgresServices) + "):5432/.+");
    Duration ttl = duration(env.get("RTX_GATEWAY_NODE_LEASE_TTL"));
    Duration renew = duration(env.get("RTX_GATEWAY_NODE_LEASE_RENEW_INTERVAL"));
    Duration margin = duration(env.get("RTX_GATEWAY_NODE_LEASE_SAFETY_MARGIN"));
    assertThat(ttl.minus(margin).minus(renew).minusSeconds(10))
        .as("order entry must outlast a PostgreSQL outage of at least 15 minutes").isGreaterThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(renew).isLessThanOrEqualTo(ttl.dividedBy(3));
    int startupSeconds = container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds();
    assertThat(startupSeconds).as("the start-up claim waits up to 2 minutes for PostgreSQL").isGreaterThan(150);

    List<NetworkPolicy> policies = rendered.typed(NetworkPolicy.class);
    assertThat(policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), gatewayPods))
        .flatMap(p -> p.getSpec().getEgress() == null ? Stream.empty() : p.getSpec().getEgress().stream()))
        .as("gateway -> PostgreSQL:5432 egress")
        .anyMatch(rule -> allowsPort(rule.getPorts(), 5432) && rule.getTo() != null
            && rule.getTo().stream().anyMatch(peer -> selects(peer.getPodSelector(), postgresPods)));
    assertThat(policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), postgresPods))
        .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream()))
        .as("PostgreSQL admits the gateway on 5432")
        .anyMatch(rule -> allowsPort(rule.getPorts(), 5432) && rule.getFrom() != null
            && rule.getFrom().stream().anyMatch(peer -> selects(peer.getPodSelector(), gatewayPods)));
  }

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
        && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }

  private static boolean allowsPort(List<NetworkPolicyPort> ports, int port) {
    return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null
        && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
  }

  private static Duration duration(String value) {
    assertThat(value).as("a duration like 30m").isNotNull().matches("[0-9]+(s|m|h)");
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
    return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
      assertThat(list).hasSize(1);
      return list.get(0);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void streamProcessorsRollInPlaceWithStateVolumes(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    Map<String, Object> values = rendered.values();
    int partitions = Values.get(values, "kafka.partitions");
    for (String processor : PROCESSORS) {
      List<Rendered.Doc> owners = rendered.docs.stream()
          .filter(d -> processor.equals(component(d.object())))
          .filter(d -> Set.of("Rollout", "Deployment", "StatefulSet").contains(d.kind())).toList();
      assertThat(owners).as(processor + " workloads").singleElement()
          .satisfies(d -> assertThat(d.kind()).isEqualTo("StatefulSet"));
      StatefulSet set = (StatefulSet) owners.get(0).object();
      assertThat(set.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
      assertThat(set.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName()).containsExactly("state");
      Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getVolumeMounts()).anyMatch(m -> m.getName().equals("state")
          && m.getMountPath().equals("/var/lib/rtx/state"));
      Map<String, String> env = env(container);
      String standby = String.valueOf((Integer) Values.get(values, processor + ".standbyReplicas"));
      assertThat(env).containsEntry("SPRING_KAFKA_STREAMS_STATE_DIR", "/var/lib/rtx/state")
          .containsEntry("RTX_STREAMS_STATE_DIR", "/var/lib/rtx/state")
          .containsEntry("SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_CONFIGURATION_STATE_DIR", "/var/lib/rtx/state")
          .containsEntry("RTX_STREAMS_STANDBY_REPLICAS", standby)
          .containsEntry("SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_CONFIGURATION_NUM_STANDBY_REPLICAS",
              standby);
      rendered.typed(HorizontalPodAutoscaler.class).stream()
          .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(set.getMetadata().getName()))
          .forEach(h -> assertThat(h.getSpec().getMaxReplicas()).isLessThanOrEqualTo(partitions));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void syncWavesPutSecretsAndStoresBeforeServices(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    int servicesWave = rendered.docs.stream()
        .filter(d -> Set.of("gateway", "risk", "matching", "ledger").contains(component(d.object())))
        .filter(d -> Set.of("Rollout", "StatefulSet").contains(d.kind()))
        .mapToInt(d -> wave(d.object())).min().orElseThrow();
    List<Rendered.Doc> earlier = rendered.docs.stream()
        .filter(d -> d.kind().equals("ExternalSecret") || d.kind().equals("NetworkPolicy")
            || (d.kind().equals("StatefulSet") && Set.of("postgresql", "redis").contains(component(d.object()))))
        .toList();
    assertThat(earlier).isNotEmpty().allSatisfy(d -> assertThat(wave(d.object())).as(d.toString()).isLessThan(servicesWave));
    rendered.typed(Namespace.class).forEach(ns -> {
      assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
      assertThat(wave(ns)).isLessThan(servicesWave);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void customResourcesCarryTheirRequiredFields(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    for (Rendered.Doc doc : rendered.docs) {
      Map<String, Object> raw = doc.raw();
      switch (doc.kind()) {
        case "ExternalSecret" -> {
          assertThat(Values.<String>get(raw, "apiVersion")).startsWith("external-secrets.io/");
          assertThat(Values.<Map<String, Object>>get(raw, "spec"))
              .containsOnlyKeys("refreshInterval", "secretStoreRef", "target", "data");
          assertThat(Values.<Map<String, Object>>get(raw, "spec.secretStoreRef")).containsOnlyKeys("kind", "name");
          Values.<List<Map<String, Object>>>get(raw, "spec.data").forEach(d -> {
            assertThat(d).containsOnlyKeys("secretKey", "remoteRef");
            assertThat(Values.<Map<String, Object>>get(d, "remoteRef")).containsOnlyKeys("key", "property");
          });
        }
        case "ServiceMonitor" -> {
          assertThat(Values.<String>get(raw, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
          assertThat(Values.<Map<String, Object>>get(raw, "spec")).containsKeys("selector", "endpoints")
              .containsEntry("jobLabel", "app.kubernetes.io/component");
          Values.<List<Map<String, Object>>>get(raw, "spec.endpoints")
              .forEach(e -> assertThat(e).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http"));
        }
        case "PrometheusRule" -> {
          assertThat(Values.<String>get(raw, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
          assertThat(Values.<Map<String, Object>>get(raw, "spec")).isEqualTo(
              Repo.yamlMap(Repo.CHART.resolve("rules/rtx-alerts.yml")));
        }
        case "ConfigMap" -> assertThat(doc.object().getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        default -> { }
      }
    }
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static String component(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault("app.kubernetes.io/component", "");
  }

  private static int wave(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return Integer.parseInt(annotations == null ? "0" : annotations.getOrDefault("argocd.argoproj.io/sync-wave", "0"));
  }
}
