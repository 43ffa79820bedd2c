package io.rtx.gateway.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every error a controller can meet into {@code application/problem+json}. Bad input of any kind
 * (missing or invalid field, malformed JSON, wrong type, oversize body, wrong media type) is a 4xx that
 * names the field where there is one; only a genuine fault of the gateway is a 500.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** How Jackson's STRICT_DUPLICATE_DETECTION words its refusal; the parser still names the field. */
    private static final String DUPLICATE_FIELD = "Duplicate Object property";

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Problems.FieldError> errors = new ArrayList<>();
        ex.getFieldErrors().forEach(e -> errors.add(new Problems.FieldError(e.getField(), e.getDefaultMessage())));
        ex.getGlobalErrors().forEach(e -> errors.add(new Problems.FieldError(e.getObjectName(), e.getDefaultMessage())));
        return respond(Problems.invalid(errors), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                // A request body validated with the path: its own fields, not the parameter, are the names.
                body.getFieldErrors().forEach(e -> errors.add(new Problems.FieldError(e.getField(), e.getDefaultMessage())));
                continue;
            }
            String field = result.getMethodParameter().getParameterName();
            String message = result.getResolvableErrors().stream().map(e -> e.getDefaultMessage())
                    .collect(Collectors.joining("; "));
            errors.add(new Problems.FieldError(field, message));
        }
        return respond(Problems.invalid(errors), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return respond(inputProblem(ex), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleUnsupportedMediaTypeStatusException(
            UnsupportedMediaTypeStatusException ex, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", "Content-Type " + ex.getContentType() + " is not supported; send application/json");
        problem.setProperty("field", "Content-Type");
        return respond(problem, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleResponseStatusException(
            org.springframework.web.server.ResponseStatusException ex, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        if (status.value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return respond(tooLargeProblem(), exchange);
        }
        return super.handleResponseStatusException(ex, headers, status, exchange);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> tooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        return respond(tooLargeProblem(), exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex); // e.g. an SSE client went away: nothing can be written any more
        }
        log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "Internal error",
                "the gateway failed to handle the request"), exchange);
    }

    /** Classifies unreadable input: which field, or which part of the request, was wrong. */
    static ProblemDetail inputProblem(ServerWebInputException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return tooLargeProblem();
            }
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                String field = json.getPath().stream()
                        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[");
                return Problems.invalid(List.of(new Problems.FieldError(field, mappingMessage(json))));
            }
            if (cause instanceof StreamReadException duplicate && duplicate.processor() != null
                    && String.valueOf(duplicate.getOriginalMessage()).startsWith(DUPLICATE_FIELD)) {
                return Problems.invalid(List.of(new Problems.FieldError(
                        String.valueOf(duplicate.processor().currentName()), "appears more than once")));
            }
            if (cause instanceof JacksonException json) {
                return Problems.invalid(List.of(new Problems.FieldError("body",
                        "malformed JSON: " + json.getOriginalMessage())));
            }
            if (cause instanceof TypeMismatchException mismatch) {
                String field = ex.getMethodParameter() != null ? ex.getMethodParameter().getParameterName()
                        : mismatch.getPropertyName();
                return Problems.invalid(List.of(new Problems.FieldError(String.valueOf(field),
                        "'" + mismatch.getValue() + "' " + reason(mismatch))));
            }
        }
        if (ex instanceof MissingRequestValueException missing) {
            return Problems.invalid(List.of(new Problems.FieldError(missing.getName(), "is required")));
        }
        String field = ex.getMethodParameter() != null && ex.getMethodParameter().hasParameterAnnotation(
                org.springframework.web.bind.annotation.RequestBody.class) ? "body"
                : ex.getMethodParameter() != null ? ex.getMethodParameter().getParameterName() : "body";
        return Problems.invalid(List.of(new Problems.FieldError(String.valueOf(field), String.valueOf(ex.getReason()))));
    }

    /** Our parameter converters explain the rule they apply (see {@code ParameterGrammar}). */
    private static String reason(TypeMismatchException mismatch) {
        return mismatch.getMostSpecificCause() instanceof IllegalArgumentException rule && rule.getMessage() != null
                ? rule.getMessage() : "is not a valid value";
    }

    private static String mappingMessage(JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not a valid value";
        }
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException) {
            return "has the wrong JSON type (decimals and ids are strings)";
        }
        return e.getOriginalMessage();
    }

    static ProblemDetail tooLargeProblem() {
        ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
                "Payload too large", "the request body exceeds the gateway's limit");
        problem.setProperty("field", "body");
        return problem;
    }

    /**
     * Spring's own problems (404, 405, 406, ...) pass here too: they get an RTX type, and an explicit
     * content type, so that neither the request's {@code Accept} nor an SSE endpoint's {@code produces}
     * can turn the problem into an empty body or an event stream.
     */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                                ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            return respond(Problems.typed(problem), headers, exchange);
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    private static Mono<ResponseEntity<Object>> respond(ProblemDetail problem, ServerWebExchange exchange) {
        return respond(problem, HttpHeaders.EMPTY, exchange);
    }

    private static Mono<ResponseEntity<Object>> respond(ProblemDetail problem, HttpHeaders headers,
                                                        ServerWebExchange exchange) {
        problem.setInstance(Problems.instance(exchange.getRequest().getPath().value()));
        return Mono.just(ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }
}
