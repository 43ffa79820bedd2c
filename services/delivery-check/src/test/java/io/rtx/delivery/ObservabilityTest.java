package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert rules (promtool), dashboards, the compose Prometheus and nginx configs, and metric names. */
class ObservabilityTest {

  private static final Path RULES = Repo.CHART.resolve("rules/rtx-alerts.yml");
  private static final Path RULE_TESTS = Repo.CHART.resolve("rules/tests");
  private static final Path DASHBOARDS = Repo.CHART.resolve("dashboards");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** PromQL words that look like identifiers but are not metric names. */
  private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "bool", "and", "or", "unless", "offset", "atan2", "sum", "min", "max", "avg", "count", "stddev",
      "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "inf", "nan");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\\s*[{\\[]|\\s|$|\\))");

  @Test
  void promtoolChecksTheRules() {
    Repo.Result result = promtool("check", "rules", RULES.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void everyAlertHasAPromtoolUnitTest() throws IOException {
    List<Path> testFiles = files(RULE_TESTS, ".yml");
    assertThat(testFiles).isNotEmpty();
    Set<String> tested = new HashSet<>();
    for (Path file : testFiles) {
      Matcher m = Pattern.compile("alertname:\\s*(\\w+)").matcher(Repo.read(file));
      while (m.find()) {
        tested.add(m.group(1));
      }
    }
    assertThat(tested).containsAll(alertNames());

    List<String> command = new ArrayList<>(List.of("test", "rules"));
    testFiles.forEach(f -> command.add(f.toString()));
    Repo.Result result = promtool(command.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void composePrometheusConfigIsValid(@TempDir Path tmp) throws IOException {
    // Same layout as in the container: the chart's rule file mounted under rules/.
    Files.copy(Repo.ROOT.resolve("docker/prometheus/prometheus.yml"), tmp.resolve("prometheus.yml"));
    Files.createDirectories(tmp.resolve("rules"));
    Files.copy(RULES, tmp.resolve("rules/rtx-alerts.yml"));
    Repo.Result result = promtool("check", "config", tmp.resolve("prometheus.yml").toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("1 rule files found");
  }

  /** The committed file names the compose hosts; nginx -t resolves upstreams, so test a copy on 127.0.0.1. */
  @Test
  void nginxConfigPassesNginxTest(@TempDir Path tmp) throws IOException {
    assumeTrue(Repo.onPath("nginx"), "nginx not installed: run .ci/install-tools (the CI does)");
    String committed = Repo.read(Repo.ROOT.resolve("docker/nginx/nginx.conf"));
    assertThat(committed).contains("server gateway-1:7999").contains("server gateway-2:7999");
    Path conf = tmp.resolve("nginx.conf");
    Files.writeString(conf, committed.replaceAll("gateway-[12]:7999", "127.0.0.1:7999"));
    Repo.Result result = Repo.run(tmp, TIMEOUT, Repo.which("nginx").toString(), "-t", "-c", conf.toString(),
        "-p", tmp.toString(), "-e", tmp.resolve("error.log").toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("test is successful");
  }

  @Test
  void dashboardsAreValidAndUseTheDataSourceVariable() throws IOException {
    List<Path> dashboards = files(DASHBOARDS, ".json");
    assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
    Set<String> uids = new HashSet<>();
    for (Path file : dashboards) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
      assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
      assertThat(dashboard.path("panels").size()).as(file.toString()).isPositive();
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(panel.path("datasource").path("uid").asText()).as(file + " panel " + panel.path("title"))
            .isEqualTo("${datasource}");
        assertThat(panel.path("targets").size()).isPositive();
      }
    }
  }

  @Test
  void dashboardsAndAlertsOnlyUseDocumentedMetrics() throws IOException {
    MetricCatalogue catalogue = MetricCatalogue.parse(Repo.read(Repo.ROOT.resolve("docs/metrics.md")));
    Map<String, List<String>> byFile = new java.util.TreeMap<>();
    for (Path file : files(DASHBOARDS, ".json")) {
      List<String> exprs = new ArrayList<>();
      new ObjectMapper().readTree(file.toFile()).findValues("expr").forEach(n -> exprs.add(n.asText()));
      byFile.put(file.getFileName().toString(), exprs);
    }
    List<String> ruleExprs = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s*expr:\\s*(\\|\\s*\\n((?:\\s{10,}.*\\n)+)|(.*))").matcher(Repo.read(RULES));
    while (m.find()) {
      ruleExprs.add(m.group(2) != null ? m.group(2) : m.group(3));
    }
    byFile.put("rtx-alerts.yml", ruleExprs);
    // The blue-green analysis queries are PromQL too.
    List<String> analysis = new ArrayList<>();
    for (Rendered.Doc doc : Rendered.of(Repo.CHART.resolve("values-prod.yaml")).ofKind("AnalysisTemplate")) {
      Values.<List<Map<String, Object>>>get(doc.raw(), "spec.metrics").stream()
          .map(metric -> Values.<String>get(metric, "provider.prometheus.query")).filter(q -> q != null)
          .forEach(analysis::add);
    }
    assertThat(analysis).isNotEmpty();
    byFile.put("AnalysisTemplate", analysis);

    Set<String> used = new TreeSet<>();
    List<String> undocumented = new ArrayList<>();
    byFile.forEach((file, exprs) -> exprs.forEach(expr -> metricNames(expr).forEach(name -> {
      used.add(name);
      if (!catalogue.documents(name)) {
        undocumented.add(file + ": " + name);
      }
    })));
    assertThat(ruleExprs).hasSameSizeAs(alertNames());
    assertThat(used).contains("up", "rtx_gateway_order_ack_seconds_bucket", "rtx_ledger_sequence_gaps_total");
    assertThat(undocumented).isEmpty();
  }

  @Test
  void metricNameParserFindsMetricsAndSkipsFunctionsLabelsAndKeywords() {
    assertThat(metricNames("histogram_quantile(0.99, sum by (namespace, le) (rate(a_bucket{job=\"x\", le=~\"0.1\"}[5m])))"
        + " / on(job) group_left b_total > 0.1 or vector(0) and up == 0 unless absent(c_seconds{job=\"gateway\"})"))
        .containsExactly("a_bucket", "b_total", "c_seconds", "up");
  }

  /** Identifiers of a PromQL expression that are metric names (crude, but strict enough for review). */
  static Set<String> metricNames(String expr) {
    String stripped = expr
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")   // string literals
        .replaceAll("\\{[^}]*}", "{}")                     // label matchers
        .replaceAll("\\[[^]]*]", "[]")                     // range selectors
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");  // label lists
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(stripped);
    while (m.find()) {
      String word = m.group(1);
      int after = m.end();
      boolean call = after < stripped.length() && stripped.charAt(after) == '(';
      if (!call && !PROMQL_WORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }

  private static Set<String> alertNames() {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\s*- alert:\\s*(\\w+)").matcher(Repo.read(RULES));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Repo.Result promtool(String... args) {
    assumeTrue(Repo.onPath("promtool"), "promtool not installed: run .ci/install-tools (the CI does)");
    List<String> command = new ArrayList<>();
    command.add(Repo.which("promtool").toString());
    command.addAll(List.of(args));
    return Repo.run(Repo.CHART.resolve("rules"), TIMEOUT, command.toArray(String[]::new));
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Metric names documented in docs/metrics.md, with histogram suffixes and `_*` wildcards. */
  record MetricCatalogue(Set<String> exact, Set<String> prefixes) {

    static MetricCatalogue parse(String markdown) {
      Set<String> exact = new HashSet<>();
      Set<String> prefixes = new HashSet<>();
      for (String line : markdown.split("\n")) {
        if (!line.startsWith("|")) {
          continue;
        }
        String firstCell = line.split("\\|")[1];
        String base = null;
        Matcher m = Pattern.compile("`([a-zA-Z_:][a-zA-Z0-9_:*]*)`").matcher(firstCell);
        while (m.find()) {
          String token = m.group(1);
          if (token.startsWith("_") && base != null) {
            exact.add(base + token);                      // `x_bucket`, `_count`, `_sum`
          } else if (token.endsWith("*")) {
            prefixes.add(token.substring(0, token.length() - 1));
          } else {
            exact.add(token);
            base = token.replaceAll("_(bucket|count|sum)$", "");
          }
        }
        if (line.contains("histogram") && base != null) {
          for (String suffix : List.of("_bucket", "_count", "_sum")) {
            exact.add(base + suffix);
          }
        }
      }
      return new MetricCatalogue(exact, prefixes);
    }

    boolean documents(String name) {
      return exact.contains(name) || prefixes.stream().anyMatch(name::startsWith);
    }
  }
}
