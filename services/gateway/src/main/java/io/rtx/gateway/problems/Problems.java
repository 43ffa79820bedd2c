package io.rtx.gateway.problems;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 7807 problems as RTX writes them: a stable {@code type} URN per kind, fields named in {@code errors}. */
public final class Problems {

    public static final String INVALID_REQUEST = "invalid-request";
    public static final String NOT_FOUND = "not-found";
    public static final String UNAVAILABLE = "service-unavailable";
    public static final String ORDER_REJECTED = "order-rejected";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String CONFLICT = "conflict";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(kind));
        problem.setTitle(title);
        return problem;
    }

    public static URI type(String kind) {
        return URI.create("urn:rtx:problem:" + kind);
    }

    /** A problem the framework raised (405, 406, ...) gets an RTX type too: {@code http-<status>}. */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(type(problem.getStatus() == 404 ? NOT_FOUND : "http-" + problem.getStatus()));
        }
        return problem;
    }

    /** A 400 naming every offending field; {@code field} repeats the first one for simple clients. */
    public static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), INVALID_REQUEST, "Invalid request",
                errors.get(0).field() + ": " + errors.get(0).message());
        problem.setProperty("field", errors.get(0).field());
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    public record FieldError(String field, String message) {
    }
}
