package io.rtx.gateway.support;

import io.rtx.gateway.problems.Problem;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document as a contract that generated clients use unchanged (services/api-clients): every
 * operation needs the API key, every error response is a {@link Problem}, ids in paths are strings as in
 * bodies (a JavaScript number cannot hold a 63-bit id), and the server is relative, so the document is the
 * same wherever it is served. The controllers' annotations say what is particular to an operation.
 */
@OpenAPIDefinition(info = @Info(title = "RTX gateway API", version = "v1",
        description = "Order entry, account and market data, streams and administration of the RTX exchange. "
                + "Decimals and ids are JSON strings. Errors are application/problem+json (RFC 7807)."))
@SecurityScheme(name = ApiDocument.API_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-API-Key", description = "<keyId>.<secret>")
@Configuration
public class ApiDocument {

    static final String API_KEY = "apiKey";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** What any operation may answer, whatever it does (docs/api.md, Errors). */
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid request (the problem names the field), or a request the gateway cannot read",
            "401", "No valid API key",
            "403", "This key's role may not use the operation",
            "429", "Past this key's rate limit (Retry-After says when to try again)",
            "500", "A fault of the gateway",
            "503", "A store the request needs is down, or this gateway may not issue order ids (Retry-After)");
    private static final Map<String, String> PATH_ERRORS = Map.of("404", "No such id or symbol, or not yours");
    private static final Map<String, String> BODY_ERRORS = Map.of(
            "413", "Body over 64 KB",
            "415", "Body not application/json");

    @Bean
    OpenApiCustomizer contract() {
        return api -> {
            api.setServers(List.of(new Server().url("/").description("the gateway that serves this document")));
            problemSchema(api);
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                operation.setSecurity(List.of(new SecurityRequirement().addList(API_KEY)));
                idsAsStrings(operation);
                errors(operation, path.contains("{"));
            }));
        };
    }

    private static void problemSchema(OpenAPI api) {
        ModelConverters.getInstance().readAll(Problem.class).forEach(api.getComponents()::addSchemas);
    }

    private static void idsAsStrings(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if ("path".equals(parameter.getIn()) && "int64".equals(parameter.getSchema().getFormat())) {
                parameter.setSchema(new StringSchema().pattern("[0-9]{1,19}"));
            }
        }
    }

    private static void errors(Operation operation, boolean namesSomething) {
        ApiResponses responses = operation.getResponses();
        add(responses, ERRORS);
        if (namesSomething) {
            add(responses, PATH_ERRORS);
        }
        if (operation.getRequestBody() != null) {
            add(responses, BODY_ERRORS);
        }
        responses.replaceAll((status, response) -> status.matches("[45].*") ? problem(response) : response);
    }

    private static void add(ApiResponses responses, Map<String, String> errors) {
        errors.forEach((status, description) ->
                responses.putIfAbsent(status, new ApiResponse().description(description)));
    }

    private static ApiResponse problem(ApiResponse response) {
        return response.content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
