package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Values;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Static checks of the Dockerfile and the compose stack (no Docker engine on the build machines). */
class ContainerFilesTest {

  @Test
  void dockerfileIsMultiStagePinnedAndNonRoot() {
    String dockerfile = Repo.read(Repo.ROOT.resolve("docker/Dockerfile"));
    Matcher args = Pattern.compile("(?m)^ARG (\\w+_IMAGE)=(\\S+)$").matcher(dockerfile);
    int images = 0;
    while (args.find()) {
      images++;
      assertThat(args.group(2)).as(args.group(1)).matches("[^:]+:[\\w.-]+").doesNotEndWith(":latest");
    }
    assertThat(images).isEqualTo(2);
    assertThat(dockerfile).contains("AS build", "AS jre", "jlink ", "USER 65532:65532", "HEALTHCHECK",
        "VOLUME [\"/tmp\", \"/var/lib/rtx/state\"]", "services/${SERVICE}/target/rtx-${SERVICE}-exec.jar");
    // Build tools stay in the build stages: the runtime stage copies only the JRE, the jar and the health check.
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    assertThat(runtime).doesNotContain("mvn ", "apt-get", "jdk");
    String healthcheck = Repo.read(Repo.ROOT.resolve("docker/healthcheck.sh"));
    assertThat(healthcheck).contains("gateway)  port=7999; path=/health", "risk)     port=8081",
        "matching) port=8082", "ledger)   port=8083", "/actuator/health/liveness");
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeStackIsPinnedReadOnlyAndSecretFree() {
    Map<String, Object> compose = Repo.yamlMap(Repo.ROOT.resolve("docker/docker-compose.yml"));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsKeys("kafka", "postgres", "redis", "gateway-1", "gateway-2", "risk", "matching",
        "ledger", "nginx", "prometheus", "grafana");
    services.forEach((name, service) -> {
      String image = (String) service.get("image");
      assertThat(image).as(name).isNotNull().doesNotEndWith(":latest").matches(".+:[^/]+");
      if (!name.equals("kafka")) {
        assertThat(service.get("read_only")).as(name + " read_only").isEqualTo(true);
      }
    });
    assertThat((String) services.get("postgres").get("image")).startsWith("timescale/timescaledb:");
    assertThat((String) services.get("redis").get("image")).startsWith("redis:7.2");
    for (String app : List.of("gateway-1", "gateway-2", "risk", "matching", "ledger")) {
      Map<String, Object> service = services.get(app);
      assertThat(service.get("user")).isEqualTo("65532:65532");
      assertThat((List<String>) service.get("tmpfs")).anyMatch(t -> t.startsWith("/tmp"));
      Map<String, Object> env = (Map<String, Object>) service.get("environment");
      assertThat(env).containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SENTRY_DSN");
      env.forEach((key, value) -> {
        if (key.matches(".*(PASSWORD|KEY|DSN).*")) {
          assertThat(String.valueOf(value)).as(app + " " + key + " comes from .env").startsWith("${");
        }
      });
    }
    for (String processor : List.of("risk", "matching", "ledger")) {
      assertThat((List<String>) services.get(processor).get("volumes")).anyMatch(v -> v.endsWith(":/var/lib/rtx/state"));
    }
    List<String> grafanaVolumes = Values.get(services.get("grafana"), "volumes");
    assertThat(grafanaVolumes).contains("../charts/rtx/dashboards:/var/lib/grafana/dashboards/rtx:ro");
    List<String> prometheusVolumes = Values.get(services.get("prometheus"), "volumes");
    assertThat(prometheusVolumes).contains("../charts/rtx/rules/rtx-alerts.yml:/etc/prometheus/rules/rtx-alerts.yml:ro");
    String example = Repo.read(Repo.ROOT.resolve("docker/.env.example"));
    assertThat(example).containsPattern("(?m)^POSTGRES_PASSWORD=$").containsPattern("(?m)^SENTRY_DSN=$");
  }
}
