package io.rtx.benchmark;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.events.JsonSerde;
import io.rtx.events.OrderCommandMessage;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A seeded stream of order commands that keeps the books busy and bounded: limit orders on both
 * sides within a few ticks of a fixed mid (about a quarter cross and trade), IOC orders that take
 * liquidity, and cancels of the oldest resting orders. Orders are spread uniformly over the accounts
 * and symbols; the same seed gives the same stream, so the floor chain and the pipeline carry the
 * same records.
 *
 * <p>Place commands get order ids {@code orderIdBase + sequence}; a cancel names an earlier order,
 * so its own sequence number has no order.
 */
final class OrderFlow {

    static final int MAX_SYMBOLS = 4;
    private static final String[] BASES = {"BTC", "ETH", "SOL", "XRP"};
    static final Asset USD = new Asset("USD", 8);
    /** Prices in cents (tick 0.01), quantities in 0.0001 with a 0.001 lot: BTC-USD as the tests use it. */
    private static final long MID_CENTS = 1_000_000;
    private static final int CANCEL_PERCENT = 10;
    private static final int IOC_PERCENT = 15;
    /** Our GTC orders not yet cancelled, per symbol, beyond which the oldest is cancelled first. */
    private static final int MAX_OUTSTANDING_PER_SYMBOL = 2_000;

    /** One command ready to send: the topic key (account id) and the JSON value. */
    record Command(String key, byte[] value, boolean place) {
    }

    private record Outstanding(long orderId, long accountId, String symbol) {
    }

    private final Random random;
    private final int accounts;
    private final List<Instrument> instruments;
    private final long orderIdBase;
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();

    OrderFlow(long seed, int accounts, int symbols, long orderIdBase) {
        this.random = new Random(seed);
        this.accounts = accounts;
        this.instruments = instruments(symbols);
        this.orderIdBase = orderIdBase;
    }

    static List<Instrument> instruments(int symbols) {
        return IntStream.range(0, symbols).mapToObj(i -> new Instrument(BASES[i] + "-USD", new Asset(BASES[i], 8), USD,
                2, 4, 1, 10, 10, 1_000_000, 1_000, MID_CENTS, 10_000_000L * 100_000_000L, 10, 20,
                SelfTradePolicy.CANCEL_NEWEST)).toList();
    }

    long orderIdBase() {
        return orderIdBase;
    }

    /** The command at {@code sequence}; call with 0, 1, 2, ... in order. */
    Command next(long sequence, long timestampMillis) {
        boolean mustCancel = outstanding.size() > MAX_OUTSTANDING_PER_SYMBOL * instruments.size();
        if (mustCancel || (!outstanding.isEmpty() && random.nextInt(100) < CANCEL_PERCENT)) {
            return cancel(outstanding.poll(), timestampMillis);
        }
        return place(orderIdBase + sequence, timestampMillis);
    }

    private Command place(long orderId, long timestampMillis) {
        long account = 1 + random.nextInt(accounts);
        String symbol = instruments.get(random.nextInt(instruments.size())).symbol();
        boolean buy = random.nextBoolean();
        boolean ioc = random.nextInt(100) < IOC_PERCENT;
        // Ticks towards the other side: IOC 0..5 (always crosses the mid), GTC -20..5 (mostly rests).
        int aggression = ioc ? random.nextInt(6) : random.nextInt(26) - 20;
        long cents = MID_CENTS + (buy ? aggression : -aggression);
        String quantity = BigDecimal.valueOf(10L * (1 + random.nextInt(10)), 4).toPlainString();
        if (!ioc) {
            outstanding.add(new Outstanding(orderId, account, symbol));
        }
        OrderCommandMessage message = new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "b" + orderId,
                account, symbol, buy ? "BUY" : "SELL",
                "LIMIT", ioc ? "IOC" : "GTC", 0, false, BigDecimal.valueOf(cents, 2).toPlainString(), quantity,
                timestampMillis);
        return new Command(Long.toString(account), JsonSerde.write(message), true);
    }

    private Command cancel(Outstanding order, long timestampMillis) {
        OrderCommandMessage message = new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL, order.orderId(), null,
                order.accountId(), order.symbol(), null, null,
                null, 0, false, null, null, timestampMillis);
        return new Command(Long.toString(order.accountId()), JsonSerde.write(message), false);
    }
}
