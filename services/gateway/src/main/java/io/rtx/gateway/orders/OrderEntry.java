package io.rtx.gateway.orders;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.ReasonCode;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.gateway.kafka.CommandPublisher;
import io.rtx.gateway.kafka.EventTail;
import io.rtx.gateway.problems.NotFoundException;
import io.rtx.gateway.problems.ServiceUnavailableException;
import io.rtx.gateway.security.ApiKeyPrincipal;
import io.rtx.gateway.support.GatewayProperties;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Order entry: validates at the edge, publishes the command (keyed by account) and, for a new order,
 * waits for risk's decision. Needs only Kafka: risk owns client order ids and answers a retry with
 * the original order, which only then is looked up (this instance's memory, else the ledger).
 */
@Service
public class OrderEntry {

    /** What placing (or replaying) an order came to. Exactly one of report, stored or neither (pending). */
    public record Placed(long orderId, String clientOrderId, ExecutionReportMessage report, OrderView stored,
                         String timeInForce, boolean replay) {
    }

    private final OrderIds ids;
    private final OrderValidation validation;
    private final AckRegistry acks;
    private final CommandPublisher publisher;
    private final OrderQueries queries;
    private final OrderMetrics metrics;
    private final EventTail tail;
    private final Duration ackTimeout;

    public OrderEntry(OrderIds ids, OrderValidation validation, AckRegistry acks,
                      CommandPublisher publisher, OrderQueries queries, OrderMetrics metrics, EventTail tail,
                      GatewayProperties properties) {
        this.ids = ids;
        this.validation = validation;
        this.acks = acks;
        this.publisher = publisher;
        this.queries = queries;
        this.metrics = metrics;
        this.tail = tail;
        this.ackTimeout = properties.ackTimeout();
    }

    public Mono<Placed> place(ApiKeyPrincipal caller, PlaceOrderRequest request, long receivedNanos) {
        long accountId = caller.requireAccount();
        validation.place(request);
        if (!tail.ready()) {
            return Mono.error(new ServiceUnavailableException("the execution-report stream", null));
        }
        long orderId = ids.next();
        return submit(accountId, orderId, request, receivedNanos)
                .flatMap(placed -> duplicate(placed.report())
                        ? replay(accountId, placed.report().originalOrderId(), request.clientOrderId())
                        : Mono.just(placed));
    }

    private static boolean duplicate(ExecutionReportMessage report) {
        return report != null && ReasonCode.DUPLICATE_CLIENT_ORDER_ID.name().equals(report.reason())
                && report.originalOrderId() != null;
    }

    private Mono<Placed> submit(long accountId, long orderId, PlaceOrderRequest request, long receivedNanos) {
        String tif = request.timeInForceOrDefault();
        OrderCommandMessage command = new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId,
                request.clientOrderId(), accountId, request.symbol(),
                request.side(), request.type(), tif,
                request.expiresAt() == null ? 0 : request.expiresAt().toEpochMilli(),
                Boolean.TRUE.equals(request.postOnly()), request.price(), request.quantity(), System.currentTimeMillis());
        acks.expect(new AckRegistry.OwnOrder(orderId, accountId, request.symbol(), tif, receivedNanos));
        long publishStart = System.nanoTime();
        return publisher.publish(Topics.ORDER_COMMANDS, Long.toString(accountId), command)
                .doOnSuccess(sent -> metrics.stage(OrderMetrics.Stage.PUBLISH, publishStart))
                .doOnError(e -> acks.forget(orderId))
                .then(Mono.fromRunnable(() -> metrics.received(OrderCommandMessage.Kind.PLACE)))
                .then(Mono.defer(() -> acks.await(orderId, ackTimeout)))
                .map(report -> new Placed(orderId, request.clientOrderId(), report.orElse(null), null, tif, false));
    }

    /**
     * A retry of an order risk already accepted: the original's answer, never a second order. This
     * instance may remember the original's decision or still wait for it, or the ledger may have it;
     * otherwise the original is answered as pending (risk accepted it, so it exists).
     */
    private Mono<Placed> replay(long accountId, long orderId, String clientOrderId) {
        Optional<AckRegistry.OwnOrder> own = acks.own(orderId, accountId);
        String tif = own.map(AckRegistry.OwnOrder::timeInForce).orElse(null);
        if (acks.firstReport(orderId).isPresent() || acks.isWaiting(orderId)) {
            return acks.await(orderId, ackTimeout)
                    .map(r -> new Placed(orderId, clientOrderId, r.orElse(null), null, tif, true));
        }
        return queries.find(accountId, orderId)
                .map(stored -> new Placed(orderId, clientOrderId, null, stored, stored.timeInForce(), true))
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(new Placed(orderId, clientOrderId, null, null, tif, true));
    }

    /** Cancel, amend or reduce one of the caller's orders; the outcome comes as an execution report. */
    public Mono<OrderPending> modify(ApiKeyPrincipal caller, long orderId, OrderCommandMessage.Kind kind,
                                     String price, String quantity) {
        long accountId = caller.requireAccount();
        return symbolOf(accountId, orderId).flatMap(symbol -> {
            Instrument instrument = validation.instrument(symbol);
            if (kind == OrderCommandMessage.Kind.AMEND_PRICE) {
                validation.price(price, instrument);
            } else if (kind == OrderCommandMessage.Kind.REDUCE_QUANTITY) {
                validation.quantity(quantity, instrument);
            }
            long requestId = ids.next();
            OrderCommandMessage command = new OrderCommandMessage(kind, orderId, null,
                    accountId, symbol, null, null, null, 0, false, price, quantity, System.currentTimeMillis());
            return publisher.publish(Topics.ORDER_COMMANDS, Long.toString(accountId), command)
                    .then(Mono.fromRunnable(() -> metrics.received(kind)))
                    .thenReturn(new OrderPending(Long.toString(orderId), null, Long.toString(requestId), kind.name(),
                            OrderPending.PENDING));
        });
    }

    /** Orders placed here are known at once; others come from the ledger. Not the caller's: 404. */
    private Mono<String> symbolOf(long accountId, long orderId) {
        Optional<AckRegistry.OwnOrder> own = acks.own(orderId, accountId);
        if (own.isPresent()) {
            return Mono.just(own.get().symbol());
        }
        return queries.find(accountId, orderId).map(OrderView::symbol)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("order " + orderId + " not found")));
    }
}
