package io.rtx.gateway.support;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@OpenAPIDefinition(
        info = @Info(title = "RTX gateway API", version = "v1",
                description = "Order entry, account and market data, streams and administration of the RTX exchange. "
                        + "Decimals and ids are JSON strings. Errors are application/problem+json (RFC 7807)."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-API-Key", description = "<keyId>.<secret>")
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
