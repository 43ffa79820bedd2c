package io.rtx.gateway.problems;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Errors raised outside the controllers (no such route, method not allowed, unreadable input met by a
 * filter) as problems too, ahead of Boot's default JSON error handler.
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private final ProblemResponses problems;

    public ProblemWebExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ServerWebInputException input) {
            return problems.write(exchange, ProblemHandler.inputProblem(input), null);
        }
        if (ex instanceof ErrorResponse error && error.getStatusCode().value() == 413) {
            return problems.write(exchange, ProblemHandler.tooLargeProblem(), null);
        }
        if (ex instanceof ErrorResponse error) {
            return problems.write(exchange, Problems.typed(error.getBody()), error.getHeaders());
        }
        if (ex instanceof org.springframework.core.io.buffer.DataBufferLimitException) {
            return problems.write(exchange, ProblemHandler.tooLargeProblem(), null);
        }
        return Mono.error(ex);
    }
}
