package io.rtx.delivery.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helm's value merge (maps merge deeply, everything else is replaced) and typed look-ups. */
public final class Values {

  private Values() {}

  public static Map<String, Object> merged(Path valuesFile) {
    return deepMerge(Repo.yamlMap(Repo.CHART.resolve("values.yaml")), Repo.yamlMap(valuesFile));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    override.forEach((key, value) -> {
      Object current = out.get(key);
      if (current instanceof Map && value instanceof Map) {
        out.put(key, deepMerge((Map<String, Object>) current, (Map<String, Object>) value));
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  /** Value at a dotted path, e.g. get(values, "gateway.blueGreen.autoPromotionEnabled"). */
  @SuppressWarnings("unchecked")
  public static <T> T get(Map<String, Object> map, String dottedPath) {
    Object current = map;
    for (String part : dottedPath.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(part);
    }
    return (T) current;
  }
}
