package io.rtx.gateway.support;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;

@Configuration
public class WebConfig {

    /**
     * Strict JSON, every setting explicit rather than left to Jackson 3's defaults. Money is never a JSON
     * number (the client's JSON library may already have rounded it), unknown and duplicate fields are
     * errors, nothing may follow the value, and no scalar is coerced into another type: {@code 1},
     * {@code "true"} or {@code ""} is not a boolean, {@code 1.5} not an integer, {@code ""} not an instant.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfigDefaults(coercion -> {
                    coercion.setAcceptBlankAsEmpty(false);
                    for (CoercionInputShape shape : CoercionInputShape.values()) {
                        coercion.setCoercion(shape, CoercionAction.Fail);
                    }
                })
                .addModule(new StrictScalars());
    }

    /**
     * Bounds on what one document can make the parser do, explicit rather than Jackson's defaults (500
     * levels, 100 MB strings, 1000-digit numbers). Request bodies are flat objects of short fields and at
     * most 64 KB; the bounds leave room for the larger documents this mapper also reads (the Redis views,
     * the API document in tests) and still stop a hostile body at once.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    JsonFactoryBuilderCustomizer boundedJson() {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxDocumentLength(1024 * 1024)
                .maxTokenCount(100_000)
                .maxNameLength(256)
                .maxStringLength(16 * 1024)
                .maxNumberLength(64)
                .build());
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
