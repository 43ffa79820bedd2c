package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
