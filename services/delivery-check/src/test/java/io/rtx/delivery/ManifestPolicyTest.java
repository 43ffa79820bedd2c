package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.rtx.delivery.support.Rendered;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.UnknownFields;
import io.rtx.delivery.support.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Security and availability policy over every object the chart renders, for every values file. */
class ManifestPolicyTest {

  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|DSN|API_?KEY|CREDENTIAL|BOOTSTRAP_KEY).*");
  private static final Pattern URL_WITH_PASSWORD = Pattern.compile("://[^/\\s:@]+:[^@\\s/]+@");

  static List<Path> valuesFiles() {
    return Repo.valuesFiles();
  }

  static Stream<Workload> workloads(Rendered rendered) {
    return Workload.all(rendered).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void typedObjectsHaveNoUnknownFields(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    List<String> problems = new ArrayList<>();
    for (Rendered.Doc doc : rendered.docs) {
      if (!doc.generic()) {
        UnknownFields.in(doc.object()).forEach(p -> problems.add(doc + p));
      }
    }
    // Pod templates inside CRDs (Rollout, AnalysisTemplate job) get the same typed check.
    workloads(rendered).forEach(w -> UnknownFields.in(w.spec()).forEach(p -> problems.add(w + " pod" + p)));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyContainerIsHardened(Path valuesFile) {
    List<String> problems = new ArrayList<>();
    workloads(Rendered.of(valuesFile)).forEach(w -> {
      PodSecurityContext pod = w.spec().getSecurityContext();
      if (pod == null || !Boolean.TRUE.equals(pod.getRunAsNonRoot()) || !Long.valueOf(65532).equals(pod.getRunAsUser())
          || pod.getSeccompProfile() == null || !"RuntimeDefault".equals(pod.getSeccompProfile().getType())) {
        problems.add(w + ": pod securityContext must be non-root 65532 with seccomp RuntimeDefault");
      }
      if (!Boolean.FALSE.equals(w.spec().getAutomountServiceAccountToken())) {
        problems.add(w + ": automountServiceAccountToken must be false (no workload calls the API)");
      }
      for (Container c : containers(w.spec())) {
        SecurityContext sc = c.getSecurityContext();
        String where = w + " container " + c.getName();
        if (sc == null) {
          problems.add(where + ": no securityContext");
          continue;
        }
        if (!Boolean.TRUE.equals(sc.getRunAsNonRoot()) || !Long.valueOf(65532).equals(sc.getRunAsUser())) {
          problems.add(where + ": must run as non-root user 65532");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
          problems.add(where + ": root filesystem must be read-only");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) || Boolean.TRUE.equals(sc.getPrivileged())) {
          problems.add(where + ": privilege escalation must be off");
        }
        if (sc.getCapabilities() == null || !List.of("ALL").equals(sc.getCapabilities().getDrop())
            || (sc.getCapabilities().getAdd() != null && !sc.getCapabilities().getAdd().isEmpty())) {
          problems.add(where + ": must drop ALL capabilities and add none");
        }
        if (c.getResources() == null || c.getResources().getLimits() == null || c.getResources().getRequests() == null
            || !c.getResources().getLimits().keySet().containsAll(List.of("cpu", "memory"))
            || !c.getResources().getRequests().keySet().containsAll(List.of("cpu", "memory"))) {
          problems.add(where + ": needs cpu and memory requests and limits");
        }
        if (w.longRunning() && (c.getLivenessProbe() == null || c.getReadinessProbe() == null || c.getStartupProbe() == null)) {
          problems.add(where + ": needs liveness, readiness and startup probes");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void imagesArePinned(Path valuesFile) {
    List<String> problems = new ArrayList<>();
    workloads(Rendered.of(valuesFile)).forEach(w -> containers(w.spec()).forEach(c -> {
      String image = c.getImage();
      String lastSegment = image.substring(image.lastIndexOf('/') + 1);
      boolean digest = image.contains("@sha256:");
      boolean tagged = lastSegment.contains(":") && !lastSegment.endsWith(":");
      if (!(digest || tagged) || image.endsWith(":latest")) {
        problems.add(w + " uses an unpinned image " + image);
      }
    }));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void noLiteralSecrets(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    List<String> problems = new ArrayList<>();
    for (Secret secret : rendered.typed(Secret.class)) {
      problems.add("Secret/" + secret.getMetadata().getName() + " is rendered by the chart; use an ExternalSecret");
    }
    workloads(rendered).forEach(w -> containers(w.spec()).forEach(c -> {
      for (EnvVar env : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
        if (env.getValue() == null) {
          continue;
        }
        if (SECRET_NAME.matcher(env.getName()).matches() || URL_WITH_PASSWORD.matcher(env.getValue()).find()) {
          problems.add(w + " env " + env.getName() + " carries a literal credential");
        }
      }
      Stream.concat(Objects.requireNonNullElse(c.getArgs(), List.<String>of()).stream(),
              Objects.requireNonNullElse(c.getCommand(), List.<String>of()).stream())
          .filter(arg -> URL_WITH_PASSWORD.matcher(arg).find())
          .forEach(arg -> problems.add(w + " passes a credential on the command line"));
    }));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyWorkloadHasADisruptionBudgetAndANetworkPolicy(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    List<PodDisruptionBudget> pdbs = rendered.typed(PodDisruptionBudget.class);
    List<NetworkPolicy> policies = rendered.typed(NetworkPolicy.class);
    assertThat(policies).as("a default-deny policy for the namespace").anySatisfy(p -> {
      assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
      assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
      assertThat(p.getSpec().getIngress()).isNullOrEmpty();
      assertThat(p.getSpec().getEgress()).isNullOrEmpty();
    });
    List<String> problems = new ArrayList<>();
    workloads(rendered).forEach(w -> {
      if (w.longRunning() && pdbs.stream().noneMatch(p -> selects(p.getSpec().getSelector(), w.podLabels()))) {
        problems.add(w + " has no PodDisruptionBudget");
      }
      boolean ownPolicy = policies.stream()
          .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
              && !p.getSpec().getPodSelector().getMatchLabels().isEmpty())
          .anyMatch(p -> selects(p.getSpec().getPodSelector(), w.podLabels()));
      if (!ownPolicy) {
        problems.add(w + " has no NetworkPolicy of its own");
      }
    });
    pdbs.forEach(p -> assertThat(p.getSpec().getMaxUnavailable().getIntVal()).as(p.getMetadata().getName()).isEqualTo(1));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void servicesSelectPodsAndAccountsExist(Path valuesFile) {
    Rendered rendered = Rendered.of(valuesFile);
    List<Workload> workloads = Workload.all(rendered);
    for (Service service : rendered.typed(Service.class)) {
      Map<String, String> selector = service.getSpec().getSelector();
      assertThat(workloads).as("pods behind Service " + service.getMetadata().getName())
          .anyMatch(w -> w.longRunning() && w.podLabels().entrySet().containsAll(selector.entrySet()));
    }
    List<String> accounts = rendered.typed(ServiceAccount.class).stream().map(a -> a.getMetadata().getName()).toList();
    rendered.typed(ServiceAccount.class).forEach(a -> assertThat(a.getAutomountServiceAccountToken()).isFalse());
    workloads.stream().map(w -> w.spec().getServiceAccountName()).filter(Objects::nonNull)
        .forEach(name -> assertThat(accounts).contains(name));
    // No workload talks to the Kubernetes API, so the chart grants nothing.
    assertThat(rendered.ofKind("Role")).isEmpty();
    assertThat(rendered.ofKind("ClusterRole")).isEmpty();
  }

  static List<Container> containers(PodSpec spec) {
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    return all;
  }

  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
        && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }
}
