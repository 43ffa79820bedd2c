package io.rtx.benchmarks;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.OrderCommandMessage;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The instruments, accounts and seeded order stream the topology benchmarks drive, as the pipeline benchmark's
 * order flow makes them: limit orders on both sides within a few ticks of a fixed mid (about a quarter cross and
 * trade), IOC orders that take liquidity, cancels of the oldest resting orders. Each account trades
 * {@link #SYMBOLS_PER_ACCOUNT} symbols and holds the quote and their bases, so a thousand symbols do not mean a
 * thousand deposits per account.
 */
final class Market {

    static final Asset USD = new Asset("USD", 8);
    static final int SYMBOLS_PER_ACCOUNT = 3;
    /** Prices in cents (tick 0.01), quantities in 0.0001 with a 0.001 lot. */
    private static final long MID_CENTS = 1_000_000;
    private static final int CANCEL_PERCENT = 10;
    private static final int IOC_PERCENT = 15;
    /** Far more than the orders can use, so no order is refused for lack of funds, yet within a long at 8 decimals. */
    private static final String QUOTE_DEPOSIT = "1000000000";
    private static final String BASE_DEPOSIT = "100000000";

    private record Outstanding(long orderId, long accountId, String symbol) {
    }

    private final List<Instrument> instruments;
    private final int accounts;
    private final Random random;
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private final int maxOutstanding;
    private long nextOrderId = 1;

    /** @param maxOutstanding our GTC orders not yet cancelled beyond which the oldest is cancelled first */
    Market(int symbols, int accounts, long seed, int maxOutstanding) {
        this.instruments = IntStream.range(0, symbols).mapToObj(Market::instrument).toList();
        this.accounts = accounts;
        this.random = new Random(seed);
        this.maxOutstanding = maxOutstanding;
    }

    private static Instrument instrument(int index) {
        String base = "B" + index;
        return new Instrument(base + "-USD", new Asset(base, 8), USD, 2, 4, 1, 10, 10, 1_000_000, 1_000, MID_CENTS,
                10_000_000L * 100_000_000L, 10, 20, SelfTradePolicy.CANCEL_NEWEST);
    }

    List<Instrument> instruments() {
        return instruments;
    }

    /** Opens account {@code id} and deposits the quote and the bases of the symbols it trades. */
    List<AccountCommandMessage> funding(long id) {
        List<AccountCommandMessage> commands = new ArrayList<>();
        commands.add(new AccountCommandMessage(AccountCommandMessage.Kind.OPEN, "open:" + id, id, null, null, 1));
        commands.add(new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT, "usd:" + id, id, USD.code(),
                QUOTE_DEPOSIT, 1));
        for (int j = 0; j < Math.min(SYMBOLS_PER_ACCOUNT, instruments.size()); j++) {
            Instrument traded = symbolOf(id, j);
            commands.add(new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT, traded.symbol() + ":" + id, id,
                    traded.base().code(), BASE_DEPOSIT, 1));
        }
        return commands;
    }

    /** A GTC order 1-20 ticks behind the mid that rests and stays (it is never cancelled by the stream). */
    OrderCommandMessage resting(long accountId, long timestamp) {
        Instrument instrument = symbolOf(accountId, random.nextInt(Math.min(SYMBOLS_PER_ACCOUNT, instruments.size())));
        boolean buy = random.nextBoolean();
        int behind = 1 + random.nextInt(20);
        return place(nextOrderId++, accountId, instrument.symbol(), buy, MID_CENTS + (buy ? -behind : behind), false,
                timestamp);
    }

    /** The next command of the stream from a uniformly chosen account. */
    OrderCommandMessage next(long timestamp) {
        if (outstanding.size() > maxOutstanding || (!outstanding.isEmpty() && random.nextInt(100) < CANCEL_PERCENT)) {
            Outstanding order = outstanding.poll();
            return new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL, order.orderId(), null, order.accountId(),
                    order.symbol(), null, null, null, 0, false, null, null, timestamp);
        }
        long account = 1 + random.nextInt(accounts);
        String symbol = symbolOf(account, random.nextInt(Math.min(SYMBOLS_PER_ACCOUNT, instruments.size()))).symbol();
        boolean buy = random.nextBoolean();
        boolean ioc = random.nextInt(100) < IOC_PERCENT;
        // Ticks towards the other side: IOC 0..5 (always crosses the mid), GTC -20..5 (mostly rests).
        int aggression = ioc ? random.nextInt(6) : random.nextInt(26) - 20;
        long orderId = nextOrderId++;
        if (!ioc) {
            outstanding.add(new Outstanding(orderId, account, symbol));
        }
        return place(orderId, account, symbol, buy, MID_CENTS + (buy ? aggression : -aggression), ioc, timestamp);
    }

    private OrderCommandMessage place(long orderId, long account, String symbol, boolean buy, long cents, boolean ioc,
                                      long timestamp) {
        String quantity = BigDecimal.valueOf(10L * (1 + random.nextInt(10)), 4).toPlainString();
        return new OrderCommandMessage(OrderCommandMessage.Kind.PLACE, orderId, "b" + orderId, account, symbol,
                buy ? "BUY" : "SELL", "LIMIT", ioc ? "IOC" : "GTC", 0, false, BigDecimal.valueOf(cents, 2).toPlainString(),
                quantity, timestamp);
    }

    /** The {@code j}-th symbol account {@code id} trades. */
    private Instrument symbolOf(long id, int j) {
        return instruments.get((int) ((id + j) % instruments.size()));
    }
}
