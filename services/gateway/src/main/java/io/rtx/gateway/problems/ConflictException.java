package io.rtx.gateway.problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The request contradicts current state (an account that already exists, ...). */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String reason, String detail) {
        super(HttpStatus.CONFLICT, problem(reason, detail), null);
    }

    private static org.springframework.http.ProblemDetail problem(String reason, String detail) {
        var problem = Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", detail);
        problem.setProperty("reason", reason);
        return problem;
    }
}
