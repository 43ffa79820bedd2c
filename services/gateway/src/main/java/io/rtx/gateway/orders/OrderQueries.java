package io.rtx.gateway.orders;

import io.r2dbc.spi.Readable;
import io.rtx.gateway.support.Guarded;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Orders from the ledger's {@code orders} table, always restricted to the caller's account. */
@Component
public class OrderQueries {

    private static final String COLUMNS = "order_id, client_order_id, symbol, side, type, time_in_force, price, "
            + "quantity, filled_quantity, leaves_quantity, status, last_reason, created_at, updated_at";

    public record Page(List<OrderView> items, int page, int size, boolean hasNext) {
    }

    private final DatabaseClient db;
    private final Guarded guarded;

    public OrderQueries(DatabaseClient db, Guarded guarded) {
        this.db = db;
        this.guarded = guarded;
    }

    /** The order if it exists and belongs to {@code accountId}; empty otherwise (the caller answers 404). */
    public Mono<OrderView> find(long accountId, long orderId) {
        return guarded.postgres(db.sql("SELECT " + COLUMNS + " FROM orders WHERE order_id = :o AND account_id = :a")
                .bind("o", orderId).bind("a", accountId).map(OrderQueries::view).one());
    }

    /** Newest first; {@code size + 1} rows are read to know whether another page exists. */
    public Mono<Page> list(long accountId, String symbol, String status, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE account_id = :a");
        if (symbol != null) {
            sql.append(" AND symbol = :symbol");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        sql.append(" ORDER BY created_at DESC, order_id DESC LIMIT :limit OFFSET :offset");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("a", accountId)
                .bind("limit", size + 1).bind("offset", (long) page * size);
        if (symbol != null) {
            spec = spec.bind("symbol", symbol);
        }
        if (status != null) {
            spec = spec.bind("status", status);
        }
        return guarded.postgres(spec.map(OrderQueries::view).all().collectList())
                .map(rows -> new Page(rows.subList(0, Math.min(size, rows.size())), page, size, rows.size() > size));
    }

    static OrderView view(Readable row) {
        return new OrderView(String.valueOf(row.get("order_id", Long.class)), row.get("client_order_id", String.class),
                row.get("symbol", String.class), row.get("side", String.class), row.get("type", String.class),
                row.get("time_in_force", String.class), plain(row.get("price", BigDecimal.class)),
                plain(row.get("quantity", BigDecimal.class)), plain(row.get("filled_quantity", BigDecimal.class)),
                plain(row.get("leaves_quantity", BigDecimal.class)), row.get("status", String.class),
                row.get("last_reason", String.class), instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)));
    }

    public static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    public static java.time.Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
