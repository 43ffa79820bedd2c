package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/openapi.json, from which the clients in services/api-clients are generated, is the document the
 * gateway serves. When the API changes, this test fails and leaves the new document in target/ to commit.
 */
@Order(3)
class OpenApiDocumentTest extends GatewayTest {

    static final Path COMMITTED = Path.of("../../docs/openapi.json");
    static final Path LIVE = Path.of("target/openapi.json");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void theCommittedDocumentIsTheLiveOne() throws Exception {
        String served = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode live = JSON.readTree(served);
        Files.writeString(LIVE, JSON.writeValueAsString(live) + "\n");
        JsonNode committed = Files.exists(COMMITTED) ? JSON.readTree(COMMITTED.toFile()) : null;
        assertThat(live).as("the served /v3/api-docs differs from docs/openapi.json; if the change is meant, run "
                + "cp services/gateway/" + LIVE + " docs/openapi.json").isEqualTo(committed);
    }

    /** A decimal's example is a string like the decimal: a number would teach clients the wrong type. */
    @Test
    void everyStringPropertysExampleIsAString() throws Exception {
        JsonNode schemas = JSON.readTree(web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).path("components").path("schemas");
        schemas.properties().forEach(schema -> schema.getValue().path("properties").properties().forEach(property -> {
            JsonNode example = property.getValue().path("example");
            if ("string".equals(property.getValue().path("type").asString()) && !example.isMissingNode()) {
                assertThat(example.isString()).as(schema.getKey() + "." + property.getKey() + ": " + example).isTrue();
            }
        }));
    }
}
