package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.ExecutionReportMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Client order ids exactly once, end to end: risk owns them, so neither the gateway instance nor a risk
 * restart decides whether a retry is a second order.
 */
@Order(2)
class ClientOrderIdTest extends GatewayTest {

    @Test
    void theSameClientOrderIdThroughTwoGatewaysWithARiskRestartBetweenIsOneOrder() throws Exception {
        JsonNode first = json(post("/api/v1/orders", Fixture.keyA, limit("once-1", "BUY", "8200.00", "0.0010")), 201);
        long orderId = Long.parseLong(first.get("orderId").asString());
        reports().await(r -> r.orderId() == orderId && r.execType().equals("NEW"), "the order in the book");

        processors.restartRiskWithoutLocalState();
        try (SecondGateway green = new SecondGateway(broker)) {
            var retry = post(green.web, "/api/v1/orders", Fixture.keyA, limit("once-1", "BUY", "8200.00", "0.0010"))
                    .expectHeader().valueEquals("Idempotent-Replay", "true")
                    .expectHeader().valueEquals("Location", "/api/v1/orders/" + orderId)
                    .expectBody(JsonNode.class).returnResult();
            assertThat(retry.getStatus().value()).as("the original: booked (201) or not yet in the ledger (202)")
                    .isIn(201, 202);
            assertThat(retry.getResponseBody().get("orderId").asString()).isEqualTo(Long.toString(orderId));
        }
        ExecutionReportMessage refused = reports().await(r -> "once-1".equals(r.clientOrderId())
                && r.orderId() != orderId, "risk's answer to the retry");
        assertThat(refused.reason()).isEqualTo("DUPLICATE_CLIENT_ORDER_ID");
        assertThat(refused.originalOrderId()).isEqualTo(orderId);
        // A later order of the same account and symbol is booked behind anything the retry could have placed.
        long marker = place(Fixture.keyA, limit("once-1-after", "BUY", "8200.00", "0.0010"));
        reports().await(r -> r.orderId() == marker && r.execType().equals("NEW"), "the order placed after the retry");
        assertThat(reports().all(r -> "once-1".equals(r.clientOrderId()) && r.source().equals("MATCHING")))
                .extracting(ExecutionReportMessage::orderId).as("one order").containsOnly(orderId);
    }

    @Test
    void aRetryAfterARejectionIsAFreshPlacementThatExists() throws Exception {
        // 90 BTC at 8 300 USD is far more than the account holds.
        JsonNode problem = json(post("/api/v1/orders", Fixture.keyA, limit("fresh-1", "BUY", "8300.00", "90.0000")), 422);
        assertThat(problem.get("reason").asString()).isEqualTo("INSUFFICIENT_BALANCE");

        var retry = post("/api/v1/orders", Fixture.keyA, limit("fresh-1", "BUY", "8300.00", "0.0010"))
                .expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replay", "false")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        long orderId = Long.parseLong(retry.get("orderId").asString());
        assertThat(retry.get("orderId").asString()).isNotEqualTo(problem.get("orderId").asString());
        reports().await(r -> r.orderId() == orderId && r.execType().equals("NEW"), "the fresh order in the book");
    }
}
