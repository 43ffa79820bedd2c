package io.rtx.engine.testing;

import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;

/** Short constructors for commands on BTC-USD. */
public final class Orders {

    public static final String SYMBOL = "BTC-USD";

    private Orders() {
    }

    public static PlaceOrder limit(long orderId, long accountId, Side side, long price, long quantity, TimeInForce tif,
                                   long timestamp) {
        return new PlaceOrder(orderId, "c" + orderId, accountId, SYMBOL, side, OrderType.LIMIT, tif, 0, false,
                price, quantity, timestamp);
    }

    public static PlaceOrder gtc(long orderId, long accountId, Side side, long price, long quantity) {
        return limit(orderId, accountId, side, price, quantity, TimeInForce.GTC, orderId);
    }

    public static PlaceOrder gtd(long orderId, long accountId, Side side, long price, long quantity, long expiresAt,
                                 long timestamp) {
        return new PlaceOrder(orderId, "c" + orderId, accountId, SYMBOL, side, OrderType.LIMIT, TimeInForce.GTD,
                expiresAt, false, price, quantity, timestamp);
    }

    public static PlaceOrder postOnly(long orderId, long accountId, Side side, long price, long quantity) {
        return new PlaceOrder(orderId, "c" + orderId, accountId, SYMBOL, side, OrderType.LIMIT, TimeInForce.GTC, 0,
                true, price, quantity, orderId);
    }

    /** A market order; {@code protectionPrice} is what risk would have filled in (zero before risk). */
    public static PlaceOrder market(long orderId, long accountId, Side side, long protectionPrice, long quantity,
                                    TimeInForce tif) {
        return new PlaceOrder(orderId, "c" + orderId, accountId, SYMBOL, side, OrderType.MARKET, tif, 0, false,
                protectionPrice, quantity, orderId);
    }
}
