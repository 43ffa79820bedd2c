package io.rtx.gateway.problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Bad input that names its field: always a 400 problem, never a 500. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, Problems.invalid(java.util.List.of(new Problems.FieldError(field, message))), null);
    }
}
