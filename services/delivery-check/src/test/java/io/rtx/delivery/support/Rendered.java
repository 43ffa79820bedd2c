package io.rtx.delivery.support;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The chart rendered with one values file: raw YAML maps and fabric8 objects, side by side. */
public final class Rendered {

  /** Kubernetes version the chart is rendered for (the chart requires 1.30+). */
  public static final String KUBE_VERSION = "1.31.0";

  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final Pattern DOC_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();

  public final Path valuesFile;
  public final String namespace;
  public final List<Doc> docs;
  public final String yaml;

  /** One rendered document: its raw map and its typed (or generic) fabric8 form. */
  public record Doc(Map<String, Object> raw, HasMetadata object) {
    public String kind() {
      return object.getKind();
    }

    public String name() {
      return object.getMetadata().getName();
    }

    public boolean generic() {
      return object instanceof GenericKubernetesResource;
    }

    @Override
    public String toString() {
      return kind() + "/" + name();
    }
  }

  private Rendered(Path valuesFile, String namespace, String yaml, List<Doc> docs) {
    this.yaml = yaml;
    this.valuesFile = valuesFile;
    this.namespace = namespace;
    this.docs = docs;
  }

  public static Rendered of(Path valuesFile) {
    return CACHE.computeIfAbsent(valuesFile.toAbsolutePath().normalize(), Rendered::render);
  }

  /** "dev", "staging", "prod" or the ci file's base name. */
  public static String label(Path valuesFile) {
    String file = valuesFile.getFileName().toString().replace(".yaml", "");
    return file.startsWith("values-") ? file.substring("values-".length()) : "ci-" + file;
  }

  private static Rendered render(Path valuesFile) {
    String namespace = "rtx-" + label(valuesFile);
    String yaml = template(valuesFile, namespace);
    List<Doc> docs = new ArrayList<>();
    for (String text : DOC_SEPARATOR.split(yaml)) {
      Object raw = Repo.yaml().load(text);
      if (raw == null) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) raw;
      HasMetadata object = SERIALIZATION.unmarshal(text);
      docs.add(new Doc(map, object));
    }
    return new Rendered(valuesFile, namespace, yaml, List.copyOf(docs));
  }

  public static String template(Path valuesFile, String namespace) {
    return new Helm(Repo.CHART)
        .template()
        .withName("rtx")
        .withNamespace(namespace)
        .withKubeVersion(KUBE_VERSION)
        .withValuesFile(valuesFile)
        .call();
  }

  public List<Doc> ofKind(String kind) {
    return docs.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  public <T extends HasMetadata> List<T> typed(Class<T> type) {
    return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).toList();
  }

  public Doc find(String kind, String name) {
    return docs.stream()
        .filter(d -> d.kind().equals(kind) && Objects.equals(d.name(), name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + "/" + name + " not rendered from " + valuesFile));
  }

  /** The values the chart saw: values.yaml deep-merged with the values file. */
  public Map<String, Object> values() {
    return Values.merged(valuesFile);
  }
}
