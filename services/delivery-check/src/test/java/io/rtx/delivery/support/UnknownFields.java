package io.rtx.delivery.support;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * fabric8 keeps fields it does not know in each model object's additionalProperties instead of
 * failing. Walking the object tree and reporting every non-empty one turns typos ("livenesProbe")
 * and misplaced keys into test failures.
 */
public final class UnknownFields {

  private UnknownFields() {}

  public static List<String> in(Object model) {
    List<String> found = new ArrayList<>();
    walk(model, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = getter.getName();
      if (name.equals("getAdditionalProperties")) {
        Map<?, ?> extra = (Map<?, ?>) invoke(getter, value);
        if (extra != null && !extra.isEmpty()) {
          found.add((path.isEmpty() ? "<root>" : path) + " has unknown fields " + extra.keySet());
        }
      } else if (name.startsWith("get") && name.length() > 3) {
        String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
        walk(invoke(getter, value), path + "." + field, found);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
