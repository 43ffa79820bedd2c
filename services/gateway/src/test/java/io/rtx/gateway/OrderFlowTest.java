package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.ExecutionReportMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/** Orders through the real risk and matching processors: the ack contract, modifications, idempotency, SSE. */
@Order(1)
class OrderFlowTest extends GatewayTest {

    @Test
    void anAcceptedOrderIsAnswered201PendingNewFromRisksAcceptedOrder() {
        JsonNode order = json(post("/api/v1/orders", Fixture.keyA, limit("accept-1", "BUY", "9000.00", "0.0100")), 201);
        assertThat(order.get("status").asString()).isEqualTo("PENDING_NEW");
        assertThat(order.get("orderId").isString()).isTrue();
        assertThat(order.get("clientOrderId").asString()).isEqualTo("accept-1");
        assertThat(order.get("price").asString()).isEqualTo("9000.00");
        assertThat(order.get("quantity").asString()).isEqualTo("0.0100");
    }

    @Test
    void aRiskRejectionIs422ProblemWithTheReasonCode() {
        // 90 BTC at 9 000 USD needs 810 000 USD; the account has 100 000.
        var response = post("/api/v1/orders", Fixture.keyA, limit("too-big-1", "BUY", "9000.00", "90.0000"));
        JsonNode problem = response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectStatus().isEqualTo(422).expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("reason").asString()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(problem.get("orderId").asString()).isNotBlank();
    }

    @Test
    void withoutRisksDecisionWithinTheAckTimeoutTheOrderIs202PendingAndIsDecidedLater() throws Exception {
        long orderId;
        long retryId;
        processors.pauseRisk();
        try {
            long started = System.nanoTime();
            JsonNode pending = post("/api/v1/orders", Fixture.keyA, limit("slow-risk-1", "BUY", "8500.00", "0.0100"))
                    .expectStatus().isAccepted()
                    .expectHeader().valueEquals("Idempotent-Replay", "false")
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited the whole ack timeout")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(ACK_TIMEOUT_SECONDS));
            assertThat(pending.get("status").asString()).isEqualTo("PENDING");
            assertThat(pending.get("kind").asString()).isEqualTo("PLACE");
            assertThat(pending.get("clientOrderId").asString()).isEqualTo("slow-risk-1");
            orderId = Long.parseLong(pending.get("orderId").asString());
            assertThat(reports().all(r -> r.orderId() == orderId)).as("risk has not decided it").isEmpty();

            // A retry while it is still undecided is published too, and waits for risk like the original.
            JsonNode retried = post("/api/v1/orders", Fixture.keyA, limit("slow-risk-1", "BUY", "8500.00", "0.0100"))
                    .expectStatus().isAccepted()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            retryId = Long.parseLong(retried.get("orderId").asString());
        } finally {
            processors.resumeRisk();
        }

        // Risk decides both once it runs again: the first is booked, the retry refused naming it.
        reports().await(r -> r.orderId() == orderId && r.execType().equals("NEW"), "the order in the book");
        ExecutionReportMessage refused = reports().await(r -> r.orderId() == retryId, "risk's answer to the retry");
        assertThat(refused.reason()).isEqualTo("DUPLICATE_CLIENT_ORDER_ID");
        assertThat(refused.originalOrderId()).isEqualTo(orderId);
        // A retry now answers 201 with the original, and nothing is placed twice.
        JsonNode decided = post("/api/v1/orders", Fixture.keyA, limit("slow-risk-1", "BUY", "8500.00", "0.0100"))
                .expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replay", "true")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(decided.get("orderId").asString()).isEqualTo(Long.toString(orderId));
        assertThat(reports().all(r -> "slow-risk-1".equals(r.clientOrderId()) && r.source().equals("MATCHING")))
                .extracting(r -> r.orderId()).containsOnly(orderId);
    }

    @Test
    void aRetriedClientOrderIdReturnsTheOriginalOrderAndPlacesNothingNew() throws Exception {
        JsonNode first = json(post("/api/v1/orders", Fixture.keyA, limit("retry-1", "BUY", "9001.00", "0.0100")), 201);
        var retry = post("/api/v1/orders", Fixture.keyA, limit("retry-1", "BUY", "9001.00", "0.0100"));
        JsonNode second = retry.expectHeader().valueEquals("Idempotent-Replay", "true")
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(second.get("orderId").asString()).isEqualTo(first.get("orderId").asString());

        long orderId = Long.parseLong(first.get("orderId").asString());
        reports().await(r -> r.orderId() == orderId && r.source().equals("MATCHING"), "the order in the book");
        // A later order of the same account and symbol travels the same partitions behind anything the retry
        // could have placed: once it is booked, a duplicate would already have been reported.
        long marker = place(Fixture.keyA, limit("retry-1-after", "BUY", "9001.00", "0.0100"));
        reports().await(r -> r.orderId() == marker && r.source().equals("MATCHING"), "the order placed after the retry");
        assertThat(reports().all(r -> "retry-1".equals(r.clientOrderId()) && r.accountId() == Fixture.ACCOUNT_A))
                .as("one order, so one NEW; the retry only risk's refusal naming it")
                .extracting(r -> r.execType() + ":" + (r.originalOrderId() == null ? r.orderId() : r.originalOrderId()))
                .containsExactlyInAnyOrder("NEW:" + orderId, "REJECTED:" + orderId);

        // The same client order id from another account is another order.
        JsonNode other = json(post("/api/v1/orders", Fixture.keyB, limit("retry-1", "BUY", "9001.00", "0.0100")), 201);
        assertThat(other.get("orderId").asString()).isNotEqualTo(first.get("orderId").asString());
    }

    @Test
    void cancelAmendAndReduceAre202AndTheirReportsFollow() throws Exception {
        long orderId = place(Fixture.keyA, limit(null, "BUY", "8000.00", "0.5000"));
        reports().await(r -> r.orderId() == orderId && r.execType().equals("NEW"), "NEW");

        JsonNode amend = json(patch("/api/v1/orders/" + orderId + "/price", Fixture.keyA, Map.of("price", "8100.00")), 202);
        assertThat(amend.get("status").asString()).isEqualTo("PENDING");
        assertThat(amend.get("requestId").asString()).isNotBlank();
        ExecutionReportMessage amended = reports().await(r -> r.orderId() == orderId && r.execType().equals("REPLACED")
                && r.price().equals("8100.00"), "REPLACED at the new price");
        assertThat(amended.status()).isEqualTo("NEW");

        json(patch("/api/v1/orders/" + orderId + "/quantity", Fixture.keyA, Map.of("quantity", "0.2000")), 202);
        reports().await(r -> r.orderId() == orderId && r.execType().equals("REPLACED")
                && r.quantity().equals("0.2000"), "REPLACED with the reduced quantity");

        JsonNode cancel = json(web.delete().uri("/api/v1/orders/" + orderId).header("X-API-Key", Fixture.keyA).exchange(), 202);
        assertThat(cancel.get("kind").asString()).isEqualTo("CANCEL");
        reports().await(r -> r.orderId() == orderId && r.execType().equals("CANCELED"), "CANCELED");
    }

    @Test
    void anotherAccountsOrderIsNotFoundNotForbidden() {
        long orderOfB = place(Fixture.keyB, limit(null, "SELL", "20000.00", "0.0100"));
        json(web.delete().uri("/api/v1/orders/" + orderOfB).header("X-API-Key", Fixture.keyA).exchange(), 404);
        json(patch("/api/v1/orders/" + orderOfB + "/price", Fixture.keyA, Map.of("price", "20001.00")), 404);
        json(get("/api/v1/orders/" + orderOfB, Fixture.keyA), 404);
    }

    @Test
    void theReportStreamDeliversMyReportsAndNoOneElses() {
        Flux<ServerSentEvent<JsonNode>> stream = web.get().uri("/api/v1/streams/execution-reports")
                .header("X-API-Key", Fixture.keyA).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() { }).getResponseBody();
        // Every report after the stream's `subscribed` event reaches it: one order of each account is enough.
        List<ServerSentEvent<JsonNode>> events = stream.filter(e -> e.event() != null)
                .doOnNext(e -> {
                    if ("subscribed".equals(e.event())) {
                        Mono.fromRunnable(() -> {
                            place(Fixture.keyB, limit("sse-b-1", "BUY", "7000.00", "0.0100"));
                            place(Fixture.keyA, limit("sse-a-1", "BUY", "7000.00", "0.0100"));
                        }).subscribeOn(Schedulers.boundedElastic()).subscribe();
                    }
                })
                // A's order seen: matching's report (risk's acceptance is the HTTP answer, not a report).
                .takeUntil(e -> "sse-a-1".equals(e.data().path("clientOrderId").asString())
                        && "MATCHING".equals(e.data().path("source").asString()))
                .collectList().block(Duration.ofSeconds(30));
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).event()).isEqualTo("subscribed");
        assertThat(events.get(0).data().path("stream").asString()).isEqualTo("execution-reports");
        List<ServerSentEvent<JsonNode>> reports = events.subList(1, events.size());
        assertThat(reports).allSatisfy(e -> assertThat(e.event()).isEqualTo("execution-report"));
        assertThat(reports).extracting(e -> e.data().path("clientOrderId").asString())
                .contains("sse-a-1").doesNotContain("sse-b-1");
        assertThat(reports).extracting(e -> e.data().path("status").asString()).contains("NEW")
                .doesNotContain("PENDING_NEW");
    }
}
