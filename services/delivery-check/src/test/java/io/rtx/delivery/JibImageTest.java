package io.rtx.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtx.delivery.support.Repo;
import io.rtx.delivery.support.Tar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The daemonless image (root pom, profile {@code image}; docs/images.md): builds the risk image with Jib into a
 * Docker-format tar, with no Docker daemon and no network, then reads the tar the way a registry or
 * {@code docker load} would and runs its filesystem without a container runtime.
 *
 * <p>Set {@code -Drtx.image.tar=/path/to/jib-image.tar} to check a tar built earlier instead of building one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JibImageTest {

  private static final String SERVICE = "risk";
  /**
   * Compressed layers, as pushed and pulled. Measured 163 MiB on Boot 4.1 / Kafka 4.3, whose rocksdbjni 10.1.3
   * alone is 73 MB (docs/performance.md, "Container images").
   */
  private static final long COMPRESSED_BUDGET = 170L << 20;
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  private final ObjectMapper json = new ObjectMapper();
  private Path tar;
  private JsonNode manifest;
  private JsonNode config;
  private final List<Layer> layers = new ArrayList<>();
  /** Every path of the image's filesystem (layers applied in order) with its tar entry. */
  private final Map<String, Tar.Entry> files = new LinkedHashMap<>();
  private Path rootfs;

  private record Layer(String file, long compressed, long uncompressed, String diffId) {}

  @BeforeAll
  void buildAndUnpack() throws Exception {
    assumeTrue(System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").matches("amd64|x86_64"),
        "the image is linux/amd64 and is assembled from this machine's glibc");
    String prebuilt = System.getProperty("rtx.image.tar", "");
    tar = prebuilt.isBlank() ? build() : Path.of(prebuilt);
    assertThat(tar).isRegularFile();

    Path unpacked = Files.createTempDirectory("rtx-image-");
    rootfs = unpacked.resolve("rootfs");
    Files.createDirectories(rootfs);
    Map<String, byte[]> top = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar)) {
      Tar.read(in, (entry, content) -> {
        if (entry.isFile() && !entry.name().endsWith(".tar.gz")) {
          top.put(entry.name(), content.readAllBytes());
        } else if (entry.isFile()) {
          Files.copy(content, unpacked.resolve(entry.name()));
        }
      });
    }
    manifest = json.readTree(top.get("manifest.json"));
    assertThat(manifest).hasSize(1);
    config = json.readTree(top.get(manifest.get(0).get("Config").asText()));
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    JsonNode layerFiles = manifest.get(0).get("Layers");
    assertThat(layerFiles.size()).isEqualTo(diffIds.size());
    for (int i = 0; i < layerFiles.size(); i++) {
      Path layer = unpacked.resolve(layerFiles.get(i).asText());
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long[] size = {0};
      try (InputStream raw = new DigestInputStream(new GZIPInputStream(Files.newInputStream(layer), 1 << 16), sha)) {
        Tar.read(raw, (entry, content) -> {
          files.put(entry.name(), entry);
          size[0] += entry.size();
        });
        raw.transferTo(OutputStreamSink.INSTANCE);
      }
      layers.add(new Layer(layerFiles.get(i).asText(), Files.size(layer), size[0],
          "sha256:" + HexFormat.of().formatHex(sha.digest())));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(layer), 1 << 16)) {
        Tar.extract(in, rootfs);
      }
      Files.delete(layer);
    }
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (rootfs != null) {
      try (Stream<Path> walk = Files.walk(rootfs.getParent())) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void configRunsTheJlinkedJavaAsNonRootWithoutAShell() {
    assertThat(manifest.get(0).get("RepoTags").get(0).asText()).startsWith("rtx/" + SERVICE + ":");
    assertThat(config.get("os").asText()).isEqualTo("linux");
    assertThat(config.get("architecture").asText()).isEqualTo("amd64");
    JsonNode c = config.get("config");
    assertThat(c.get("User").asText()).isEqualTo("65532:65532");
    assertThat(c.get("WorkingDir").asText()).isEqualTo("/opt/rtx");
    assertThat(strings(c.get("Entrypoint"))).containsExactly("/opt/java/bin/java", "-XX:MaxRAMPercentage=75",
        "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-cp", "@/opt/rtx/jib-classpath-file",
        "@/opt/rtx/jib-main-class-file");
    assertThat(c.has("Cmd") && !c.get("Cmd").isNull() && !c.get("Cmd").isEmpty()).as("no Cmd").isFalse();
    assertThat(c.get("ExposedPorts").has("8081/tcp")).isTrue();
    assertThat(fieldNames(c.get("Volumes"))).containsExactlyInAnyOrder("/tmp", "/var/lib/rtx/state");
    assertThat(strings(c.get("Env"))).contains("JAVA_HOME=/opt/java", "RTX_SERVICE=" + SERVICE);
    assertThat(c.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("rtx-" + SERVICE);
    assertThat(c.get("Labels").get("org.opencontainers.image.version").asText()).isNotBlank();
  }

  @Test
  void layersHoldTheJreLibcAndTheAppButNoShellOrPackageManager() throws IOException {
    assertThat(strings(config.get("rootfs").get("diff_ids")))
        .as("layer digests").containsExactlyElementsOf(layers.stream().map(Layer::diffId).toList());
    // Jib's layering: dependencies, project dependencies, resources, classes, arg files, then the extra files.
    assertThat(config.get("history").findValuesAsText("comment")).containsExactly("dependencies",
        "project dependencies", "resources", "classes", "jvm arg files", "extra files");

    assertThat(files.keySet()).noneMatch(p -> p.matches(
        "(usr/)?s?bin/(sh|bash|dash|ash|busybox|su|sudo|apt|apt-get|dpkg|curl|wget)|var/lib/dpkg.*|etc/apt.*"
            + "|(usr/)?s?bin/.*"));
    assertExecutable("opt/java/bin/java");
    assertExecutable("lib64/ld-linux-x86-64.so.2");
    assertExecutable("opt/java/lib/server/libjvm.so");
    assertThat(files).containsKeys("opt/java/lib/modules", "opt/java/lib/security/cacerts",
        "lib/x86_64-linux-gnu/libc.so.6", "lib/x86_64-linux-gnu/libm.so.6", "lib/x86_64-linux-gnu/libz.so.1",
        "lib/x86_64-linux-gnu/libstdc++.so.6", "lib/x86_64-linux-gnu/libgcc_s.so.1",
        "opt/rtx/classes/io/rtx/risk/RiskApplication.class", "opt/rtx/resources/risk.yml");
    // No full JDK: no compiler, no jmods, no headers.
    assertThat(files.keySet()).noneMatch(p -> p.matches("opt/java/(bin/javac|jmods/.*|include/.*)"));
    assertThat(files.get("tmp").mode()).isEqualTo(0777);
    assertThat(files.get("var/lib/rtx/state").mode()).isEqualTo(0777);
    assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("nonroot:x:65532:65532:");

    assertThat(Files.readString(rootfs.resolve("opt/rtx/jib-main-class-file")).trim())
        .isEqualTo("io.rtx.risk.RiskApplication");
    String classpath = Files.readString(rootfs.resolve("opt/rtx/jib-classpath-file")).trim();
    assertThat(classpath.split(":")).allSatisfy(entry -> assertThat(files).containsKey(entry.substring(1)))
        .anyMatch(entry -> entry.matches("/opt/rtx/libs/rocksdbjni-.*\\.jar"))
        .anyMatch(entry -> entry.matches("/opt/rtx/libs/rtx-streams-.*\\.jar"));
    // The plain jar's classes, not the Boot fat jar.
    assertThat(files.keySet()).noneMatch(p -> p.endsWith("-exec.jar") || p.startsWith("opt/rtx/libs/rtx-risk"));
  }

  @Test
  void imageFitsTheSizeBudget() throws IOException {
    long compressed = layers.stream().mapToLong(Layer::compressed).sum();
    long uncompressed = layers.stream().mapToLong(Layer::uncompressed).sum();
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "rtx/%s image: %.1f MiB compressed (layers), %.1f MiB uncompressed, tar %.1f MiB%n", SERVICE,
        mib(compressed), mib(uncompressed), mib(Files.size(tar))));
    JsonNode history = config.get("history");
    for (int i = 0; i < layers.size(); i++) {
      report.append(String.format(Locale.ROOT, "  %-22s %7.1f MiB compressed %7.1f MiB uncompressed%n",
          history.get(i).get("comment").asText(), mib(layers.get(i).compressed()),
          mib(layers.get(i).uncompressed())));
    }
    System.out.print(report);
    Path out = Repo.ROOT.resolve("services/delivery-check/target/image-size-" + SERVICE + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    assertThat(compressed).as("compressed image size, budget %d MiB", COMPRESSED_BUDGET >> 20)
        .isLessThan(COMPRESSED_BUDGET);
  }

  @Test
  void jreStartsWithTheImagesOwnLoaderAndLibraries() {
    Repo.Result version = run(Duration.ofSeconds(60), Map.of(),
        rootfs.resolve("lib64/ld-linux-x86-64.so.2").toString(), "--inhibit-cache",
        "--library-path", rootfs.resolve("lib/x86_64-linux-gnu").toString(),
        rootfs.resolve("opt/java/bin/java").toString(), "-version");
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains("version \"17.");
  }

  /**
   * The strictest check short of a container runtime: the unpacked image as the root directory (chroot, own
   * mount and PID namespaces, /proc mounted), as user 65532, so only the image's own files can be loaded.
   */
  @Test
  void rocksDbAndTheServiceStartInsideTheImageAsNonRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")) && Repo.onPath("unshare") && Repo.onPath("chroot"),
        "needs root, unshare and chroot to run the image's filesystem as a root directory");
    Files.createDirectories(rootfs.resolve("proc"));
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : strings(config.get("config").get("Env"))) {
      env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }

    Repo.Result version = run(Duration.ofSeconds(60), env, inImage("/opt/java/bin/java", "-version"));
    assertThat(version.exitCode()).as(version.output()).isZero();

    // RocksDB's JNI library extracts to java.io.tmpdir and needs libstdc++/libgcc_s/libm from the image.
    Path probe = rootfs.resolve("opt/probe");
    Files.createDirectories(probe);
    Path source = probe.resolve("RocksProbe.java");
    Files.writeString(source, """
        import org.rocksdb.*;
        public class RocksProbe {
          public static void main(String[] args) throws Exception {
            RocksDB.loadLibrary();
            try (Options options = new Options().setCreateIfMissing(true)
                     .setCompressionType(CompressionType.LZ4_COMPRESSION);
                 RocksDB db = RocksDB.open(options, "/tmp/rocks-probe")) {
              db.put("k".getBytes(), "v".getBytes());
              System.out.println("rocksdb-ok " + new String(db.get("k".getBytes())));
            }
          }
        }
        """);
    String rocksJar;
    try (Stream<Path> libs = Files.list(rootfs.resolve("opt/rtx/libs"))) {
      rocksJar = libs.filter(p -> p.getFileName().toString().startsWith("rocksdbjni-")).findFirst().orElseThrow()
          .getFileName().toString();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assumeTrue(javac != null, "needs a JDK to compile the RocksDB probe");
    int compiled = javac.run(null, null, null, "-d", probe.toString(), "-cp",
        rootfs.resolve("opt/rtx/libs/" + rocksJar).toString(), source.toString());
    assertThat(compiled).isZero();
    Repo.Result rocks = run(Duration.ofSeconds(90), env, inImage("/opt/java/bin/java", "-Djava.io.tmpdir=/tmp",
        "-cp", "/opt/probe:/opt/rtx/libs/" + rocksJar, "RocksProbe"));
    assertThat(rocks.output()).as(rocks.output()).contains("rocksdb-ok v");

    // The image's own entrypoint, unchanged: Spring Boot and the Kafka Streams binder come up with the jlinked
    // module set until the first Kafka connection, topic provisioning's (there is no broker here; port 1 refuses
    // at once). The web server starts only after provisioning, so it is not reached here.
    List<String> entrypoint = new ArrayList<>(strings(config.get("config").get("Entrypoint")));
    entrypoint.addAll(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:1"));
    String log = runUntil(Duration.ofSeconds(120), env, "Kafka version: ", inImage(entrypoint.toArray(String[]::new)));
    assertThat(log).as(log).contains("Starting RiskApplication", "StreamsConfig values",
            "Kafka version: ")
        .doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "UnsatisfiedLinkError",
            "Error occurred during initialization of boot layer");
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  /** Builds the tar with the same command a developer uses (docs/images.md), offline when the repo allows. */
  private Path build() throws IOException, InterruptedException {
    assumeTrue(Repo.onPath("mvn"), "mvn is not on the PATH");
    Path log = Repo.ROOT.resolve("services/delivery-check/target/jib-image-build.log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(Repo.which("mvn").toString(), "-B", "-ntp", "-o", "-Pimage",
        "-pl", "services/" + SERVICE, "-am", "package", "-DskipTests"));
    long started = System.nanoTime();
    int exit = mvn(command, log);
    if (exit != 0 && Files.readString(log).contains("offline")) {
      // A fresh local repository lacks the image plugins: the same build, allowed to resolve from Maven Central.
      command.remove("-o");
      exit = mvn(command, log);
    }
    assertThat(exit).as("%s failed, see %s", String.join(" ", command), log).isZero();
    System.out.printf(Locale.ROOT, "image build: %s in %d s%n", String.join(" ", command),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    return Repo.ROOT.resolve("services/" + SERVICE + "/target/jib-image.tar");
  }

  private static int mvn(List<String> command, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out, see " + log);
    }
    return process.exitValue();
  }

  /** The command run with the unpacked image as root directory, as user 65532, with its own /proc. */
  private String[] inImage(String... command) {
    List<String> full = new ArrayList<>(List.of(Repo.which("unshare").toString(), "--mount", "--pid", "--fork",
        "--kill-child", "--mount-proc=" + rootfs.resolve("proc"), Repo.which("chroot").toString(),
        "--userspec=65532:65532", rootfs.toString()));
    full.addAll(List.of(command));
    return full.toArray(String[]::new);
  }

  private static Repo.Result run(Duration timeout, Map<String, String> env, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (!env.isEmpty()) {
        builder.environment().clear();
        builder.environment().putAll(env);
      }
      Process process = builder.start();
      process.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> {
        try {
          process.getInputStream().transferTo(out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      reader.join(5_000);
      return new Repo.Result(process.isAlive() ? -1 : process.exitValue(), out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs until the output holds the whole line with {@code marker} (or the process ends, or the timeout), then stops it. */
  private static String runUntil(Duration timeout, Map<String, String> env, String marker, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = process.getInputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (out) {
            out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          }
        }
      } catch (IOException ignored) {
        // the process was stopped
      }
    });
    reader.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline && process.isAlive()) {
        synchronized (out) {
          int at = out.indexOf(marker);
          if (at >= 0 && out.indexOf("\n", at) >= 0) {
            break; // the whole line with the marker has arrived
          }
        }
        Thread.sleep(200);
      }
    } finally {
      // unshare --kill-child takes the JVM (PID 1 of its namespace) and anything it started with it.
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(5_000);
    }
    synchronized (out) {
      return out.toString();
    }
  }

  private void assertExecutable(String path) {
    assertThat(files).containsKey(path);
    assertThat(files.get(path).mode() & 0111).as(path + " mode " + Integer.toOctalString(files.get(path).mode()))
        .isEqualTo(0111);
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(node -> list.add(node.asText()));
    return list;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> list = new ArrayList<>();
    object.fieldNames().forEachRemaining(list::add);
    return list;
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  /** Discards what is left of a layer stream after its end-of-archive blocks, so the digest covers it all. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
