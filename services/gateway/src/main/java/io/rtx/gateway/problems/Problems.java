package io.rtx.gateway.problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
    public static final String INSTRUMENT_REDEFINITION_REFUSED = "instrument-redefinition-refused";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String REQUEST_REJECTED = "request-rejected";
    public static final String URI_TOO_LONG = "uri-too-long";
    public static final String HEADERS_TOO_LARGE = "headers-too-large";
    public static final String HTTP_VERSION_NOT_SUPPORTED = "http-version-not-supported";
    public static final String INTERNAL_ERROR = "internal-error";

    /** The type of a problem that Spring or the server raised without one of ours (by status). */
    private static final Map<Integer, String> KIND_OF_STATUS = Map.ofEntries(
            Map.entry(400, INVALID_REQUEST), Map.entry(401, UNAUTHORIZED), Map.entry(403, FORBIDDEN),
            Map.entry(404, NOT_FOUND), Map.entry(405, METHOD_NOT_ALLOWED), Map.entry(406, NOT_ACCEPTABLE),
            Map.entry(409, CONFLICT), Map.entry(413, PAYLOAD_TOO_LARGE), Map.entry(414, URI_TOO_LONG),
            Map.entry(415, UNSUPPORTED_MEDIA_TYPE), Map.entry(429, RATE_LIMITED), Map.entry(431, HEADERS_TOO_LARGE),
            Map.entry(500, INTERNAL_ERROR), Map.entry(503, UNAVAILABLE), Map.entry(505, HTTP_VERSION_NOT_SUPPORTED));

    private static final URI BLANK = URI.create("about:blank");

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

    /** A problem titled by its status: for errors raised below Spring, which know little more. */
    public static ProblemDetail ofStatus(int status, String kind, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        return of(HttpStatusCode.valueOf(status), kind, known != null ? known.getReasonPhrase() : "Error", detail);
    }

    /** Gives a problem raised without an RTX type (Spring's {@code about:blank}) the type of its status. */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            problem.setType(type(kindOf(problem.getStatus())));
        }
        return problem;
    }

    /** {@code http-<status>} only for a status no gateway path answers today. */
    public static String kindOf(int status) {
        return KIND_OF_STATUS.getOrDefault(status, "http-" + status);
    }

    /** The request path as a problem's {@code instance}, or none where it is no valid URI reference. */
    public static URI instance(String path) {
        try {
            return new URI(path);
        } catch (URISyntaxException e) {
            return null;
        }
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
