package io.rtx.gateway.support;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@Configuration
public class WebConfig {

    /**
     * Money is never a JSON number: a number where a string is expected is refused (it may already
     * have been rounded by the client's JSON library), and unknown fields are errors, not ignored.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** {@code GET /health} is the readiness group, for load balancers and container health checks. */
    @Bean
    WebFilter healthAlias() {
        return (exchange, chain) -> {
            if ("/health".equals(exchange.getRequest().getPath().value())) {
                return chain.filter(exchange.mutate()
                        .request(r -> r.path("/actuator/health/readiness")).build());
            }
            return chain.filter(exchange);
        };
    }
}
