package io.rtx.gateway.problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

public class ForbiddenException extends ErrorResponseException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", detail), null);
    }
}
