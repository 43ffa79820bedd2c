package io.rtx.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Chaos Mesh experiments in chaos/k8s parse, use the Chaos Mesh API, carry the fields each kind
 * needs, and select pods by exactly the labels the Helm chart puts on them (read from the chart's
 * _helpers.tpl and the Argo CD release name), so a renamed label or component cannot leave an
 * experiment silently selecting nothing.
 */
class ChaosMeshManifestsTest {

    private static final Set<String> KINDS = Set.of("PodChaos", "NetworkChaos", "StressChaos", "Workflow", "Schedule");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Path REPO = SuiteOptions.locateModuleDir().getParent();

    private static List<JsonNode> documents;
    private static Set<String> chartComponents;
    private static String releaseName;

    @BeforeAll
    static void read() throws IOException {
        documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("chaos/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().stream().filter(d -> !d.isNull()).forEach(documents::add);
                }
            }
        }
        String templates;
        try (Stream<Path> files = Files.walk(REPO.resolve("charts/rtx/templates"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(f));
            }
            templates = all.toString();
        }
        chartComponents = new HashSet<>();
        Matcher m = Pattern.compile("\"component\" \"([a-z-]+)\"").matcher(templates);
        while (m.find()) {
            chartComponents.add(m.group(1));
        }
        Matcher release = Pattern.compile("releaseName:\\s*(\\S+)").matcher(Files.readString(REPO.resolve("argocd/applicationset.yaml")));
        assertThat(release.find()).as("Argo CD release name").isTrue();
        releaseName = release.group(1);
    }

    @Test
    void everyDocumentIsAChaosMeshExperimentInStaging() {
        assertThat(documents).hasSizeGreaterThanOrEqualTo(9);
        for (JsonNode d : documents) {
            assertThat(d.path("apiVersion").asText()).isEqualTo("chaos-mesh.org/v1alpha1");
            assertThat(KINDS).contains(d.path("kind").asText());
            assertThat(d.path("metadata").path("name").asText()).startsWith("rtx-");
            assertThat(d.path("metadata").path("namespace").asText()).isEqualTo("rtx-staging");
        }
        assertThat(documents.stream().map(d -> d.path("kind").asText())).contains("PodChaos", "NetworkChaos",
                "StressChaos", "Workflow", "Schedule");
    }

    @Test
    void eachKindCarriesWhatChaosMeshRequires() {
        for (JsonNode d : documents) {
            JsonNode spec = d.path("spec");
            switch (d.path("kind").asText()) {
                case "PodChaos" -> podChaos(spec);
                case "NetworkChaos" -> networkChaos(spec);
                case "StressChaos" -> stressChaos(spec);
                case "Schedule" -> {
                    assertThat(spec.path("schedule").asText()).matches("\\S+ \\S+ \\S+ \\S+ \\S+");
                    assertThat(spec.path("type").asText()).isEqualTo("PodChaos");
                    assertThat(spec.path("concurrencyPolicy").asText()).isEqualTo("Forbid");
                    podChaos(spec.path("podChaos"));
                }
                case "Workflow" -> workflow(spec);
                default -> throw new AssertionError("unexpected kind " + d.path("kind"));
            }
        }
    }

    @Test
    void rtxSelectorsMatchTheChartLabelsAndKafkaSelectorsTheBrokers() {
        List<JsonNode> selectors = new ArrayList<>();
        documents.forEach(d -> d.findValues("labelSelectors").forEach(selectors::add));
        assertThat(selectors).isNotEmpty();
        Set<String> targeted = new HashSet<>();
        for (JsonNode labels : selectors) {
            if (labels.has("strimzi.io/cluster")) {
                assertThat(labels.path("strimzi.io/cluster").asText()).isEqualTo("rtx");
                assertThat(labels.path("strimzi.io/broker-role").asText()).isEqualTo("true");
                continue;
            }
            Map<String, String> expected = Map.of("app.kubernetes.io/name", "rtx",
                    "app.kubernetes.io/instance", releaseName);
            expected.forEach((k, v) -> assertThat(labels.path(k).asText()).as(k).isEqualTo(v));
            String component = labels.path("app.kubernetes.io/component").asText();
            assertThat(chartComponents).as("components the chart labels").contains(component);
            assertThat(labels.size()).as("only selector labels (stable across upgrades)").isEqualTo(3);
            targeted.add(component);
        }
        assertThat(targeted).contains("matching", "risk", "ledger", "gateway");
    }

    @Test
    void theSelectorLabelsAreTheChartsSelectorLabels() throws IOException {
        String helpers = Files.readString(REPO.resolve("charts/rtx/templates/_helpers.tpl"));
        assertThat(helpers).contains("app.kubernetes.io/name: rtx", "app.kubernetes.io/instance: {{ .root.Release.Name }}",
                "app.kubernetes.io/component: {{ .component }}");
    }

    private static void podChaos(JsonNode spec) {
        assertThat(spec.path("action").asText()).isIn("pod-kill", "pod-failure", "container-kill");
        assertThat(spec.path("mode").asText()).isIn("one", "all", "fixed", "fixed-percent", "random-max-percent");
        assertThat(spec.path("selector").path("namespaces").isArray()).isTrue();
    }

    private static void networkChaos(JsonNode spec) {
        assertThat(spec.path("action").asText()).isIn("delay", "partition", "loss", "duplicate", "corrupt", "bandwidth");
        assertThat(spec.path("direction").asText()).isIn("to", "from", "both");
        assertThat(spec.path("target").path("selector").path("namespaces").isArray()).isTrue();
        if (spec.path("action").asText().equals("delay")) {
            assertThat(spec.path("delay").path("latency").asText()).matches("\\d+(ms|s)");
        }
    }

    private static void stressChaos(JsonNode spec) {
        assertThat(spec.path("stressors").path("cpu").path("workers").asInt()).isPositive();
        assertThat(spec.path("selector").path("labelSelectors").isObject()).isTrue();
    }

    private static void workflow(JsonNode spec) {
        Set<String> names = new HashSet<>();
        spec.path("templates").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains(spec.path("entry").asText());
        for (JsonNode t : spec.path("templates")) {
            t.path("children").forEach(child -> assertThat(names).contains(child.asText()));
            assertThat(t.path("deadline").asText()).as(t.path("name").asText()).matches("\\d+[sm]");
            switch (t.path("templateType").asText()) {
                case "PodChaos" -> podChaos(t.path("podChaos"));
                case "NetworkChaos" -> networkChaos(t.path("networkChaos"));
                case "StressChaos" -> stressChaos(t.path("stressChaos"));
                case "Serial", "Suspend" -> { }
                default -> throw new AssertionError("unexpected template type " + t.path("templateType"));
            }
        }
    }
}
