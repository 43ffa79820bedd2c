package io.rtx.gateway.orders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.Message;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.events.Wire;
import io.rtx.gateway.kafka.TopicListener;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Matches risk's decisions to the orders this instance placed: the accepted order on
 * {@code rtx.accepted-orders.v1} (risk's acknowledgement; {@link AcceptedOrderListener}) or a
 * rejection on the execution reports, whichever of an order's records comes first. Every instance
 * reads every partition of both (see {@link io.rtx.gateway.kafka.EventTail}), so the instance that
 * holds the HTTP request always sees its order's decision. The orders placed here and their first reports are remembered
 * for a while: for retries with the same client order id, for cancels of orders the ledger has not
 * projected yet, and to time acknowledgements that arrive after the HTTP answer.
 */
@Component
public class AckRegistry implements TopicListener {

    /** An order placed through this instance. */
    public record OwnOrder(long orderId, long accountId, String symbol, String timeInForce, long receivedNanos) {
    }

    private final OrderMetrics metrics;
    private final Cache<Long, OwnOrder> own = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterWrite(Duration.ofMinutes(30)).build();
    private final Cache<Long, ExecutionReportMessage> firstReports = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterWrite(Duration.ofMinutes(30)).build();
    private final Map<Long, Sinks.One<ExecutionReportMessage>> waiting = new ConcurrentHashMap<>();

    public AckRegistry(OrderMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String topic() {
        return Topics.EXECUTION_REPORTS;
    }

    /** Call before publishing, so a report that comes back at once is not missed. */
    public void expect(OwnOrder order) {
        own.put(order.orderId(), order);
        waiting.put(order.orderId(), Sinks.one());
    }

    /** The publish failed: nothing will come. */
    public void forget(long orderId) {
        own.invalidate(orderId);
        Sinks.One<ExecutionReportMessage> sink = waiting.remove(orderId);
        if (sink != null) {
            sink.tryEmitEmpty();
        }
    }

    /** The first report, or empty after {@code timeout}. */
    public Mono<Optional<ExecutionReportMessage>> await(long orderId, Duration timeout) {
        ExecutionReportMessage first = firstReports.getIfPresent(orderId);
        if (first != null) {
            return Mono.just(Optional.of(first));
        }
        Sinks.One<ExecutionReportMessage> sink = waiting.get(orderId);
        if (sink == null) {
            return Mono.just(Optional.empty());
        }
        return sink.asMono().timeout(timeout)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(TimeoutException.class, e -> {
                    waiting.remove(orderId, sink);
                    return Mono.just(Optional.empty());
                });
    }

    public boolean isWaiting(long orderId) {
        return waiting.containsKey(orderId);
    }

    public Optional<ExecutionReportMessage> firstReport(long orderId) {
        return Optional.ofNullable(firstReports.getIfPresent(orderId));
    }

    public Optional<OwnOrder> own(long orderId, long accountId) {
        return Optional.ofNullable(own.getIfPresent(orderId)).filter(o -> o.accountId() == accountId);
    }

    /** An accepted order, as the PENDING_NEW report this instance answers with (never published). */
    void accepted(OrderCommandMessage accepted) {
        if (accepted.kind() != OrderCommandMessage.Kind.PLACE) {
            return;
        }
        on(null, Wire.pendingNew(accepted));
    }

    @Override
    public void on(String key, Message message) {
        ExecutionReportMessage report = (ExecutionReportMessage) message;
        if (report == null) {
            return;
        }
        OwnOrder order = own.getIfPresent(report.orderId());
        if (order == null || order.accountId() != report.accountId()) {
            return;
        }
        if (firstReports.asMap().putIfAbsent(report.orderId(), report) != null) {
            return;
        }
        metrics.firstReport(report, order.receivedNanos());
        Sinks.One<ExecutionReportMessage> sink = waiting.remove(report.orderId());
        if (sink != null) {
            sink.tryEmitValue(report);
        }
    }
}
