package io.rtx.delivery.support;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pod template found in the rendered chart, whatever object carries it. */
public record Workload(String owner, boolean longRunning, Map<String, String> podLabels, PodSpec spec) {

  @SuppressWarnings("unchecked")
  public static List<Workload> all(Rendered rendered) {
    List<Workload> out = new ArrayList<>();
    for (Rendered.Doc doc : rendered.docs) {
      Object o = doc.object();
      if (o instanceof StatefulSet s) {
        out.add(of(doc.toString(), true, s.getSpec().getTemplate()));
      } else if (o instanceof Deployment d) {
        out.add(of(doc.toString(), true, d.getSpec().getTemplate()));
      } else if (o instanceof CronJob c) {
        out.add(of(doc.toString(), false, c.getSpec().getJobTemplate().getSpec().getTemplate()));
      } else if (doc.kind().equals("Rollout")) {
        out.add(of(doc.toString(), true, rolloutTemplate(doc)));
      } else if (doc.kind().equals("AnalysisTemplate")) {
        for (Map<String, Object> metric : (List<Map<String, Object>>) Values.get(doc.raw(), "spec.metrics")) {
          Object job = Values.get(metric, "provider.job.spec");
          if (job != null) {
            JobSpec spec = Rendered.SERIALIZATION.convertValue(job, JobSpec.class);
            out.add(of(doc + " metric " + metric.get("name"), false, spec.getTemplate()));
          }
        }
      }
    }
    return out;
  }

  /** The Rollout's spec.template is a plain PodTemplateSpec: type it so the same checks apply. */
  public static PodTemplateSpec rolloutTemplate(Rendered.Doc rollout) {
    return Rendered.SERIALIZATION.convertValue(Values.get(rollout.raw(), "spec.template"), PodTemplateSpec.class);
  }

  private static Workload of(String owner, boolean longRunning, PodTemplateSpec template) {
    Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
        ? Map.of() : template.getMetadata().getLabels();
    return new Workload(owner, longRunning, labels, template.getSpec());
  }

  public String component() {
    return podLabels.getOrDefault("app.kubernetes.io/component", "");
  }

  @Override
  public String toString() {
    return owner;
  }
}
