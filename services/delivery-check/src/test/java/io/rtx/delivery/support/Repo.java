package io.rtx.delivery.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Locations in the work tree and small helpers shared by the delivery checks. */
public final class Repo {

  public static final Path ROOT = findRoot();
  public static final Path CHART = ROOT.resolve("charts/rtx");

  private Repo() {}

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("charts/rtx/Chart.yaml"))) {
        return p;
      }
    }
    throw new IllegalStateException("charts/rtx/Chart.yaml not found above " + dir);
  }

  public static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  /** Values files the chart is rendered with: the three environments plus every ci/*.yaml. */
  public static List<Path> valuesFiles() {
    List<Path> files = new ArrayList<>();
    for (String env : List.of("dev", "staging", "prod")) {
      files.add(CHART.resolve("values-" + env + ".yaml"));
    }
    try (Stream<Path> ci = Files.list(CHART.resolve("ci"))) {
      ci.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }

  public static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> yamlMap(Path path) {
    Object loaded = yaml().load(read(path));
    return loaded == null ? Map.of() : (Map<String, Object>) loaded;
  }

  /** True when an executable of that name is on the PATH (or in the sbin directories apt uses). */
  public static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  public static Path which(String binary) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return Path.of(dir, binary);
      }
    }
    throw new IllegalStateException(binary + " not on PATH");
  }

  /** Output and exit code of a finished process. */
  public record Result(int exitCode, String output) {}

  public static Result run(Path workDir, Duration timeout, String... command) {
    try {
      Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
