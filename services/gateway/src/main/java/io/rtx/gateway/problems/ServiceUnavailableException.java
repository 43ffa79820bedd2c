package io.rtx.gateway.problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A store the request needs is down or too slow: 503, the client may retry later. */
public class ServiceUnavailableException extends ErrorResponseException {

    public ServiceUnavailableException(String store, Throwable cause) {
        this(store, store + " is unavailable; retry later", cause);
    }

    public ServiceUnavailableException(String store, String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(store, detail), cause);
        getHeaders().set("Retry-After", "5");
    }

    private static org.springframework.http.ProblemDetail problem(String store, String detail) {
        var problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service unavailable",
                detail);
        problem.setProperty("dependency", store);
        return problem;
    }
}
