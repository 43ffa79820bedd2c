package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import io.rtx.delivery.support.Workload;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/cost.md must match the chart: requested CPU, memory and storage per environment (steady state:
 * HPA minimum or fixed replicas; backup jobs and blue-green surges excluded) priced at the stated rates.
 */
class CostEstimateTest {

  private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  record Totals(int pods, BigDecimal cpu, BigDecimal memoryGib, BigDecimal storageGib) {}

  @Test
  void costTableMatchesTheRenderedChart() {
    String doc = Repo.read(Repo.ROOT.resolve("docs/cost.md"));
    Map<String, BigDecimal> prices = new HashMap<>();
    table(doc, "prices").forEach(row -> prices.put(row.get(0), new BigDecimal(row.get(1))));
    List<List<String>> rows = table(doc, "cost-table");
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("dev", "staging", "prod");

    // Compute every environment first so a mismatch report shows the whole table to copy.
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String env : List.of("dev", "staging", "prod")) {
      Totals t = totals(Rendered.of(Repo.CHART.resolve("values-" + env + ".yaml")));
      BigDecimal hours = prices.get("hours_per_month");
      BigDecimal compute = t.cpu().multiply(prices.get("vcpu_hour")).add(t.memoryGib().multiply(prices.get("gib_hour")))
          .multiply(hours);
      BigDecimal storage = t.storageGib().multiply(prices.get("storage_gib_month"));
      List<String> line = List.of(env, String.valueOf(t.pods()), round(t.cpu()), round(t.memoryGib()),
          round(t.storageGib()), round(compute), round(storage), round(compute.add(storage)));
      expected.put(env, line);
      System.out.println("[delivery-check] cost | " + String.join(" | ", line) + " |");
    }
    for (List<String> row : rows) {
      List<String> want = expected.get(row.get(0));
      for (int i = 1; i < want.size(); i++) {
        assertThat(new BigDecimal(row.get(i))).as(row.get(0) + " column " + i + " of docs/cost.md (chart: " + want + ")")
            .isEqualByComparingTo(new BigDecimal(want.get(i)));
      }
    }
  }

  static Totals totals(Rendered rendered) {
    Map<String, Integer> minReplicas = new HashMap<>();
    rendered.typed(HorizontalPodAutoscaler.class)
        .forEach(h -> minReplicas.put(h.getSpec().getScaleTargetRef().getName(), h.getSpec().getMinReplicas()));
    int pods = 0;
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    BigDecimal storage = BigDecimal.ZERO;
    for (Rendered.Doc doc : rendered.docs) {
      Optional<Integer> fixed = switch (doc.kind()) {
        case "StatefulSet" -> Optional.ofNullable(((StatefulSet) doc.object()).getSpec().getReplicas());
        case "Rollout" -> Optional.ofNullable(Values.<Integer>get(doc.raw(), "spec.replicas"));
        default -> null;
      };
      if (fixed == null) {
        continue;
      }
      int replicas = minReplicas.getOrDefault(doc.name(), fixed.orElse(1));
      PodSpec spec = doc.object() instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec()
          : Workload.rolloutTemplate(doc).getSpec();
      pods += replicas;
      for (var c : spec.getContainers()) {
        Map<String, Quantity> requests = c.getResources().getRequests();
        cpu = cpu.add(requests.get("cpu").getNumericalAmount().multiply(BigDecimal.valueOf(replicas)));
        memory = memory.add(gib(requests.get("memory")).multiply(BigDecimal.valueOf(replicas)));
      }
      if (doc.object() instanceof StatefulSet s) {
        for (var claim : s.getSpec().getVolumeClaimTemplates()) {
          storage = storage.add(gib(claim.getSpec().getResources().getRequests().get("storage"))
              .multiply(BigDecimal.valueOf(replicas)));
        }
      }
    }
    for (PersistentVolumeClaim claim : rendered.typed(PersistentVolumeClaim.class)) {
      storage = storage.add(gib(claim.getSpec().getResources().getRequests().get("storage")));
    }
    return new Totals(pods, cpu, memory, storage);
  }

  private static BigDecimal gib(Quantity quantity) {
    return quantity.getNumericalAmount().divide(GIB, 6, RoundingMode.HALF_UP);
  }

  private static String round(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** Rows of the markdown table between <!-- name:begin --> and <!-- name:end -->, without header. */
  static List<List<String>> table(String markdown, String name) {
    int start = markdown.indexOf("<!-- " + name + ":begin -->");
    int end = markdown.indexOf("<!-- " + name + ":end -->");
    assertThat(start).as("table " + name + " in docs/cost.md").isNotNegative();
    assertThat(end).isGreaterThan(start);
    return markdown.substring(start, end).lines()
        .filter(l -> l.startsWith("|") && !l.startsWith("|---") && !l.startsWith("| ---"))
        .skip(1)
        .map(l -> List.of(l.substring(1, l.lastIndexOf('|')).split("\\|")).stream().map(String::trim).toList())
        .toList();
  }
}
