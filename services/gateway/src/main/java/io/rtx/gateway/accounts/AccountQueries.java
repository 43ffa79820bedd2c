package io.rtx.gateway.accounts;

import io.rtx.gateway.orders.OrderQueries;
import io.rtx.gateway.support.Guarded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Balances and trades of one account, from the ledger's tables. */
@Component
public class AccountQueries {

    public record Balance(String asset, String available, String reserved, Instant updatedAt) {
    }

    public record Balances(String accountId, Boolean suspended, List<Balance> balances) {
    }

    /** A trade from the account's side: its order, side and liquidity. */
    public record MyTrade(String symbol, String tradeId, String orderId, String side, String liquidity, String price,
                          String quantity, Instant executedAt) {
    }

    private final DatabaseClient db;
    private final Guarded guarded;

    public AccountQueries(DatabaseClient db, Guarded guarded) {
        this.db = db;
        this.guarded = guarded;
    }

    public Mono<Balances> balances(long accountId) {
        Mono<List<Balance>> balances = db.sql("SELECT asset, available, reserved, updated_at FROM balances "
                        + "WHERE account_id = :a ORDER BY asset")
                .bind("a", accountId)
                .map(row -> new Balance(row.get("asset", String.class),
                        OrderQueries.plain(row.get("available", BigDecimal.class)),
                        OrderQueries.plain(row.get("reserved", BigDecimal.class)),
                        OrderQueries.instant(row.get("updated_at", OffsetDateTime.class))))
                .all().collectList();
        Mono<Boolean> suspended = db.sql("SELECT suspended FROM accounts WHERE account_id = :a").bind("a", accountId)
                .map(row -> row.get("suspended", Boolean.class)).one();
        return guarded.postgres(suspended.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .zipWith(balances, (s, b) -> new Balances(Long.toString(accountId), s.orElse(null), b)));
    }

    /** Newest first; {@code before} (a trade time) pages backwards. */
    public Mono<List<MyTrade>> trades(long accountId, String symbol, Instant before, int limit) {
        String sql = "SELECT symbol, trade_id, price, quantity, buy_order_id, buy_account_id, sell_order_id, "
                + "sell_account_id, taker_side, executed_at FROM trades "
                + "WHERE (buy_account_id = :a OR sell_account_id = :a)"
                + (symbol != null ? " AND symbol = :symbol" : "")
                + (before != null ? " AND executed_at < :before" : "")
                + " ORDER BY executed_at DESC, trade_id DESC LIMIT :limit";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("a", accountId).bind("limit", limit);
        if (symbol != null) {
            spec = spec.bind("symbol", symbol);
        }
        if (before != null) {
            spec = spec.bind("before", before);
        }
        return guarded.postgres(spec.map(row -> {
            // A self-trade (both sides one account) is listed from the taker's side.
            String takerSide = row.get("taker_side", String.class);
            boolean buyer = row.get("buy_account_id", Long.class) == accountId
                    && (row.get("sell_account_id", Long.class) != accountId || "BUY".equals(takerSide));
            return new MyTrade(row.get("symbol", String.class), String.valueOf(row.get("trade_id", Long.class)),
                    String.valueOf(row.get(buyer ? "buy_order_id" : "sell_order_id", Long.class)),
                    buyer ? "BUY" : "SELL",
                    (buyer ? "BUY" : "SELL").equals(takerSide) ? "TAKER" : "MAKER",
                    OrderQueries.plain(row.get("price", BigDecimal.class)),
                    OrderQueries.plain(row.get("quantity", BigDecimal.class)),
                    OrderQueries.instant(row.get("executed_at", OffsetDateTime.class)));
        }).all().collectList());
    }
}
