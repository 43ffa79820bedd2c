package io.rtx.gateway.problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** Writes a problem outside the controllers: security, rate limiting, the firewall, unknown routes. */
@Component
public class ProblemResponses {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, HttpHeaders extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        if (problem.getInstance() == null) {
            problem.setInstance(Problems.instance(exchange.getRequest().getPath().value()));
        }
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (extraHeaders != null) {
            response.getHeaders().addAll(extraHeaders);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body(problem))));
    }

    /** The problem as the body of a response written below Spring (see {@link ProtocolProblems}). */
    byte[] body(ProblemDetail problem) {
        return json.writeValueAsBytes(problem);
    }
}
