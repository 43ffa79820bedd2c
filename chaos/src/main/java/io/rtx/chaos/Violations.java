package io.rtx.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Violations found by the checks, by check name. Every violation is counted; only the first few
 * of each check are kept verbatim so a systematic failure stays readable.
 */
final class Violations {

    private static final int EXAMPLES = 5;

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    void add(String check, String detail) {
        counts.merge(check, 1, Integer::sum);
        List<String> kept = examples.computeIfAbsent(check, c -> new ArrayList<>());
        if (kept.size() < EXAMPLES) {
            kept.add(detail);
        }
    }

    int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        counts.forEach((check, n) -> {
            lines.add(check + ": " + n);
            examples.get(check).forEach(e -> lines.add("    " + e));
        });
        return lines;
    }
}
