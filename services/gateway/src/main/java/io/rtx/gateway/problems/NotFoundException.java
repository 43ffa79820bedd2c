package io.rtx.gateway.problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Unknown, or not the caller's: both answer 404 so ids of other accounts do not leak. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", detail), null);
    }
}
