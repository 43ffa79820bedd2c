package io.rtx.ledger.orders;

import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Wire;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.OrderStatus;
import io.rtx.ledger.support.Amounts;
import io.rtx.ledger.support.Params;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies one execution report, or one accepted order (risk's acknowledgement, applied as the PENDING_NEW
 * report it stands for): records it once in order_events and moves the order's current state forward.
 * The rules, so that a replay, a duplicate or a stale report changes nothing:
 * <ul>
 *   <li>A MATCHING report with a state change upserts the order only if its sequence is above the
 *       stored last_sequence (sequences are per symbol, and an order lives on one symbol).</li>
 *   <li>Risk's reports (sequence 0) come first: PENDING_NEW (accepted by risk, on its way to the book)
 *       or REJECTED. They insert the order only if no row exists, so they can never overwrite a real
 *       order (a DUPLICATE_ORDER_ID rejection names an existing order's id); the book's reports then
 *       move it forward.</li>
 *   <li>A REJECTED report from matching without a sequence (the instrument vanished, the accepted
 *       command was unreadable) ends an order that only risk had seen: it replaces a row whose
 *       last_sequence is still 0, never one the book has written.</li>
 *   <li>A REQUEST_REJECTED report refuses a cancel/amend/reduce; the order, if any, is unchanged, so
 *       it is history only.</li>
 * </ul>
 */
@Component
public class OrderProjection {

    private static final String INSERT_EVENT = """
            INSERT INTO order_events (source, symbol, sequence, order_id, client_order_id, account_id, exec_type,
                status, price, quantity, filled_quantity, leaves_quantity, last_price, last_quantity, liquidity,
                trade_id, reason, event_time)
            VALUES (:source, :symbol, :sequence, :orderId, :clientOrderId, :accountId, :execType, :status, :price,
                :quantity, :filled, :leaves, :lastPrice, :lastQuantity, :liquidity, :tradeId, :reason, :time)
            ON CONFLICT DO NOTHING
            """;

    private static final String INSERT_ORDER = """
            INSERT INTO orders AS o (order_id, client_order_id, account_id, symbol, side, type, time_in_force, price,
                quantity, filled_quantity, leaves_quantity, status, last_reason, created_at, updated_at, last_sequence)
            VALUES (:orderId, :clientOrderId, :accountId, :symbol, :side, :type, :timeInForce, :price, :quantity,
                :filled, :leaves, :status, :reason, :time, :time, :sequence)
            """;

    private static final String UPSERT_ORDER = INSERT_ORDER + """
            ON CONFLICT (order_id) DO UPDATE SET
                client_order_id = COALESCE(EXCLUDED.client_order_id, o.client_order_id),
                side = COALESCE(EXCLUDED.side, o.side),
                type = COALESCE(EXCLUDED.type, o.type),
                time_in_force = COALESCE(EXCLUDED.time_in_force, o.time_in_force),
                price = EXCLUDED.price,
                quantity = EXCLUDED.quantity,
                filled_quantity = EXCLUDED.filled_quantity,
                leaves_quantity = EXCLUDED.leaves_quantity,
                status = EXCLUDED.status,
                last_reason = EXCLUDED.last_reason,
                updated_at = EXCLUDED.updated_at,
                last_sequence = EXCLUDED.last_sequence
            WHERE o.last_sequence < EXCLUDED.last_sequence
            """;

    /**
     * The accepted order and the book's reports are on different topics, so either may be read first;
     * an order was created when risk accepted it, so its PENDING_NEW moves created_at back to then, and
     * the row is the same whatever the order of reading (a rebuild reads them in another order).
     */
    private static final String INSERT_ORDER_IF_ABSENT = INSERT_ORDER + """
            ON CONFLICT (order_id) DO UPDATE SET created_at = EXCLUDED.created_at
            WHERE EXCLUDED.status = 'PENDING_NEW' AND EXCLUDED.created_at < o.created_at
            """;

    private static final String REJECT_IF_UNSEQUENCED = INSERT_ORDER + """
            ON CONFLICT (order_id) DO UPDATE SET
                status = EXCLUDED.status,
                leaves_quantity = EXCLUDED.leaves_quantity,
                last_reason = EXCLUDED.last_reason,
                updated_at = EXCLUDED.updated_at
            WHERE o.last_sequence = 0
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public OrderProjection(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** A new order accepted by risk: its row, as PENDING_NEW, if the book has not reported it yet. */
    public Mono<Void> accepted(OrderCommandMessage m) {
        return m.kind() == OrderCommandMessage.Kind.PLACE ? apply(Wire.pendingNew(m)) : Mono.empty();
    }

    public Mono<Void> apply(ExecutionReportMessage m) {
        Report report = Report.of(m);
        Mono<Long> event = report.params().bind(db, INSERT_EVENT).fetch().rowsUpdated();
        Mono<Long> order = switch (report.effect()) {
            case HISTORY_ONLY -> Mono.just(0L);
            case INSERT_IF_ABSENT -> report.params().bind(db, INSERT_ORDER_IF_ABSENT).fetch().rowsUpdated();
            case REJECT_IF_UNSEQUENCED -> report.params().bind(db, REJECT_IF_UNSEQUENCED).fetch().rowsUpdated();
            case UPSERT -> report.params().bind(db, UPSERT_ORDER).fetch().rowsUpdated();
        };
        return tx.transactional(event.then(order)).then();
    }

    enum Effect { HISTORY_ONLY, INSERT_IF_ABSENT, REJECT_IF_UNSEQUENCED, UPSERT }

    /** A validated report: every decimal parsed exactly, every enum known, the effect decided. */
    record Report(Effect effect, Params params) {

        static Report of(ExecutionReportMessage m) {
            boolean matching = ExecutionReportMessage.SOURCE_MATCHING.equals(m.source());
            if (!matching && !ExecutionReportMessage.SOURCE_RISK.equals(m.source())) {
                throw new IllegalArgumentException("source: '" + m.source() + "' is not MATCHING or RISK");
            }
            ExecType execType = parse(ExecType.class, m.execType(), "execType");
            OrderStatus status = parse(OrderStatus.class, m.status(), "status");
            if (status == OrderStatus.PENDING_NEW && execType != ExecType.PENDING_NEW) {
                throw new IllegalArgumentException("status: PENDING_NEW comes only with exec type PENDING_NEW");
            }
            Effect effect = effect(m, matching, execType);
            if (matching && (m.symbol() == null || m.sequence() < 0)) {
                throw new IllegalArgumentException("a MATCHING report needs a symbol and a sequence of 0 or more");
            } else if (!matching && m.sequence() != 0) {
                throw new IllegalArgumentException("sequence: a RISK report has sequence 0, got " + m.sequence());
            }
            boolean ordered = effect == Effect.UPSERT;
            Params params = Params.create()
                    .put("source", m.source(), String.class)
                    .put("symbol", m.symbol(), String.class)
                    .put("sequence", m.sequence(), Long.class)
                    .put("orderId", m.orderId(), Long.class)
                    .put("clientOrderId", m.clientOrderId(), String.class)
                    .put("accountId", m.accountId(), Long.class)
                    .put("side", m.side(), String.class)
                    .put("type", m.type(), String.class)
                    .put("timeInForce", m.timeInForce(), String.class)
                    .put("execType", execType.name(), String.class)
                    .put("status", status.name(), String.class)
                    .put("price", Amounts.optional(m.price(), "price"), BigDecimal.class)
                    .put("quantity", ordered ? Amounts.nonNegative(m.quantity(), "quantity")
                            : Amounts.optional(m.quantity(), "quantity"), BigDecimal.class)
                    .put("filled", orZero(Amounts.optional(m.filledQuantity(), "filledQuantity")), BigDecimal.class)
                    .put("leaves", orZero(Amounts.optional(m.leavesQuantity(), "leavesQuantity")), BigDecimal.class)
                    .put("lastPrice", Amounts.optional(m.lastPrice(), "lastPrice"), BigDecimal.class)
                    .put("lastQuantity", Amounts.optional(m.lastQuantity(), "lastQuantity"), BigDecimal.class)
                    .put("liquidity", m.liquidity(), String.class)
                    .put("tradeId", m.tradeId(), Long.class)
                    .put("reason", m.reason(), String.class)
                    .put("time", Instant.ofEpochMilli(m.timestamp()), Instant.class);
            return new Report(effect, params);
        }

        private static Effect effect(ExecutionReportMessage m, boolean matching, ExecType execType) {
            if (execType == ExecType.REQUEST_REJECTED) {
                return Effect.HISTORY_ONLY;
            }
            if (!matching && (execType == ExecType.PENDING_NEW || execType == ExecType.REJECTED)) {
                return Effect.INSERT_IF_ABSENT;
            }
            if (!matching || execType == ExecType.PENDING_NEW) {
                throw new IllegalArgumentException("execType: only risk reports PENDING_NEW, and risk reports only"
                        + " PENDING_NEW or rejections; got " + execType + " from " + m.source());
            }
            if (m.sequence() == 0) {
                if (execType != ExecType.REJECTED) {
                    throw new IllegalArgumentException("sequence: only a MATCHING rejection may have sequence 0");
                }
                return Effect.REJECT_IF_UNSEQUENCED;
            }
            return Effect.UPSERT;
        }

        private static BigDecimal orZero(BigDecimal value) {
            return value == null ? BigDecimal.ZERO : value;
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + ": is required");
            }
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": '" + value + "' is not a known " + type.getSimpleName());
            }
        }
    }
}
