package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Argo CD project and ApplicationSet: right repository, chart, values files, destinations and sync policy. */
class ArgoCdTest {

  private static final Path ARGOCD = Repo.ROOT.resolve("argocd");

  @Test
  @SuppressWarnings("unchecked")
  void applicationSetDeploysTheChartPerEnvironment() {
    Map<String, Object> appSet = load("applicationset.yaml", "ApplicationSet");
    Map<String, Object> project = load("appproject.yaml", "AppProject");
    Map<String, Object> source = Values.get(appSet, "spec.template.spec.source");
    assertThat(source).containsEntry("path", "charts/rtx").containsEntry("targetRevision", "main");
    assertThat(Values.<List<String>>get(project, "spec.sourceRepos")).containsExactly((String) source.get("repoURL"));
    assertThat(Values.<String>get(appSet, "spec.template.spec.project"))
        .isEqualTo(Values.<String>get(project, "metadata.name"));
    assertThat(Values.<Boolean>get(appSet, "spec.goTemplate")).isTrue();

    List<Map<String, Object>> elements = Values.get(
        ((List<Map<String, Object>>) Values.get(appSet, "spec.generators")).get(0), "list.elements");
    assertThat(elements).extracting(e -> e.get("env")).containsExactly("dev", "staging", "prod");
    List<String> valueFiles = Values.get(source, "helm.valueFiles");
    List<Map<String, Object>> destinations = Values.get(project, "spec.destinations");
    for (Map<String, Object> element : elements) {
      String env = (String) element.get("env");
      for (String file : valueFiles) {
        Path resolved = Repo.ROOT.resolve("charts/rtx").resolve(file.replace("{{.env}}", env));
        assertThat(resolved).as("values file of " + env).exists();
      }
      String namespace = Values.<String>get(appSet, "spec.template.spec.destination.namespace").replace("{{.env}}", env);
      assertThat(destinations).as("project allows " + namespace).anyMatch(d -> namespace.equals(d.get("namespace")));
    }
    // Automated sync with self-heal for dev; prod is synced by a person.
    assertThat(elements).filteredOn(e -> e.get("env").equals("dev")).singleElement()
        .satisfies(e -> assertThat(e.get("autoSync")).isEqualTo(true));
    assertThat(elements).filteredOn(e -> e.get("env").equals("prod")).singleElement()
        .satisfies(e -> assertThat(e.get("autoSync")).isEqualTo(false));
    assertThat((String) Values.get(appSet, "spec.templatePatch"))
        .contains("if .autoSync").contains("selfHeal: true").contains("prune: true");
    assertThat(Values.<Map<String, Object>>get(appSet, "spec.template.spec.syncPolicy")).doesNotContainKey("automated");
  }

  @Test
  void projectWhitelistsEveryKindTheChartRenders() {
    Map<String, Object> project = load("appproject.yaml", "AppProject");
    Set<String> allowed = new java.util.HashSet<>();
    for (String list : List.of("spec.namespaceResourceWhitelist", "spec.clusterResourceWhitelist")) {
      Values.<List<Map<String, Object>>>get(project, list).forEach(k -> allowed.add(k.get("group") + "/" + k.get("kind")));
    }
    for (Path values : Repo.valuesFiles()) {
      for (Rendered.Doc doc : Rendered.of(values).docs) {
        String apiVersion = doc.object().getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        assertThat(allowed).as(doc + " from " + values.getFileName()).contains(group + "/" + doc.kind());
      }
    }
  }

  @Test
  void manifestsParseAsKubernetesObjects() throws Exception {
    try (var files = Files.list(ARGOCD)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        HasMetadata object = Rendered.SERIALIZATION.unmarshal(Repo.read(file));
        assertThat(object).isInstanceOf(GenericKubernetesResource.class);
        assertThat(object.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(object.getMetadata().getNamespace()).isEqualTo("argocd");
      }
    }
  }

  private static Map<String, Object> load(String file, String kind) {
    Map<String, Object> map = Repo.yamlMap(ARGOCD.resolve(file));
    assertThat(map).containsEntry("kind", kind);
    return map;
  }
}
