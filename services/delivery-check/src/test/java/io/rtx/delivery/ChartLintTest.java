package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint --strict and helm template for every values file; the schema rejects bad values. */
class ChartLintTest {

  static List<Path> valuesFiles() {
    return Repo.valuesFiles();
  }

  @Test
  void chartDefaultsPassStrictLint() {
    LintResult result = new Helm(Repo.CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  /**
   * helm-java's lint takes no values file, so lint a copy of the chart whose values.yaml is the merge
   * Helm itself would compute: same templates, same schema, the environment's values.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyValuesFilePassesStrictLint(Path valuesFile, @TempDir Path tmp) throws IOException {
    Path chart = copyChart(tmp);
    Files.writeString(chart.resolve("values.yaml"), Repo.yaml().dump(Values.merged(valuesFile)));
    LintResult result = new Helm(chart).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyValuesFileRenders(Path valuesFile) throws IOException {
    Rendered rendered = Rendered.of(valuesFile);
    assertThat(rendered.docs).isNotEmpty();
    // Kept for review and as a CI artifact: exactly what Argo CD would apply.
    Path out = Path.of("target", "rendered", Rendered.label(valuesFile) + ".yaml");
    Files.createDirectories(out.getParent());
    Files.writeString(out, rendered.yaml);
    System.out.printf("[delivery-check] %s renders %d objects%n", Rendered.label(valuesFile), rendered.docs.size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "gateway:\n  replicaCount: 3\n",                          // unknown key
      "gateway:\n  replicas: \"three\"\n",                      // wrong type
      "global:\n  imageTag: latest\n",                          // floating tag
      "risk:\n  resources:\n    requests: {cpu: 1, memory: 1Gi}\n", // number where a quantity string is required
      "unknownTopLevel: true\n",
      "gateway:\n  ingress:\n    tls: true\n",
  })
  void schemaRejectsBadValues(String badValues, @TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("bad-values.yaml");
    Files.writeString(file, badValues);
    assertThatThrownBy(() -> Rendered.template(file, "rtx-bad"))
        .hasMessageContaining("values don't meet the specifications of the schema");
  }

  @Test
  void processorReplicasAreCappedAtThePartitionCount(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("too-many.yaml");
    Files.writeString(file, "kafka:\n  partitions: 4\nmatching:\n  autoscaling: "
        + "{enabled: true, minReplicas: 2, maxReplicas: 8, targetCPUUtilizationPercentage: 70}\n");
    assertThatThrownBy(() -> Rendered.template(file, "rtx-bad")).hasMessageContaining("exceeds kafka.partitions");
  }

  private static Path copyChart(Path tmp) throws IOException {
    Path target = tmp.resolve("rtx");
    try (Stream<Path> files = Files.walk(Repo.CHART)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(Repo.CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    }
    return target;
  }
}
