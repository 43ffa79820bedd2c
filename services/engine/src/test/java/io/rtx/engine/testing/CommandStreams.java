package io.rtx.engine.testing;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.ExpireOrders;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.OrderType;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.order.Side;
import io.rtx.engine.order.TimeInForce;
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.Trade;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Realistic random command streams for one symbol, reproducible from a seed.
 *
 * <p>The generator drives a live venue (a funded {@link SimulatedExchange}, or a bare {@link OrderBook})
 * while it generates, and follows the execution reports, so cancels, amends and reductions name orders
 * that are actually resting at that moment. Replaying the returned commands on a fresh venue set up the
 * same way reproduces the run exactly. Prices stay within a few ticks of {@link #MID_PRICE}, so levels
 * queue several orders and a share of the orders cross; time advances by 0-200 ms per command.
 */
public final class CommandStreams implements BookEvents {

    /**
     * Relative weights of the kinds of command; zero leaves a kind out.
     *
     * @param crossingIoc  IOC limits priced through the mid, so they usually trade
     * @param unknownOrder cancels, amends and reductions of ids that are not the sender's live orders
     * @param malformed    orders a venue must refuse or end at once: duplicate ids, GTDs already past
     *                     their expiry, quantities off the lot
     */
    public record Mix(int gtc, int gtd, int postOnly, int ioc, int crossingIoc, int fok, int market,
                      int cancel, int amend, int reduce, int unknownOrder, int expire, int malformed) {

        private int total() {
            return gtc + gtd + postOnly + ioc + crossingIoc + fok + market + cancel + amend + reduce + unknownOrder
                    + expire + malformed;
        }
    }

    /** Every kind of command, weighted roughly like a busy market. */
    public static final Mix EVERYTHING = new Mix(34, 8, 6, 5, 3, 5, 3, 9, 8, 6, 4, 3, 4);

    public static final long MID_PRICE = 3_000_000;
    /** How far behind the mid resting orders go: few levels, so levels queue several orders. */
    public static final int PASSIVE_TICKS = 10;
    public static final long START_TIME = 1_700_000_000_000L;
    /** 10 BTC and 300,000 USD per account: enough that a stream of a few hundred orders never runs short. */
    public static final long BASE_DEPOSIT = 10L * 100_000_000L;
    public static final long QUOTE_DEPOSIT = 300_000L * 100_000_000L;
    /** Fee account of {@link #fundedExchange}; trading accounts are 1..n. */
    public static final long FEE_ACCOUNT = 0;

    private final Instrument instrument;
    private final int accounts;
    private final Mix mix;
    private final Random random;
    /** Applies one command to the venue; its reports come back through {@link #report}. */
    private Consumer<OrderCommand> venue;
    /** Risk fills in a market order's protection price; a bare book needs it in the command. */
    private final OrderBook bareBook;

    private long nextOrderId = 1;
    private long clock = START_TIME;
    /** Resting orders by id with their latest report; the list gives O(1) random picks. */
    private final Map<Long, ExecutionReport> live = new HashMap<>();
    private final Map<Long, Integer> liveIndex = new HashMap<>();
    private final List<Long> liveIds = new ArrayList<>();
    private final Set<Long> gtdOrderIds = new HashSet<>();

    private CommandStreams(Instrument instrument, int accounts, Mix mix, long seed, OrderBook bareBook) {
        if (accounts < 2 || mix.total() <= 0) {
            throw new IllegalArgumentException("need at least two accounts and a non-empty mix");
        }
        this.instrument = instrument;
        this.accounts = accounts;
        this.mix = mix;
        this.random = new Random(seed);
        this.bareBook = bareBook;
    }

    /** An exchange whose accounts 1..{@code accounts} each hold {@link #BASE_DEPOSIT} and {@link #QUOTE_DEPOSIT}. */
    public static SimulatedExchange fundedExchange(Instrument instrument, int accounts) {
        SimulatedExchange exchange = new SimulatedExchange(instrument, new RiskConfiguration(1_000, FEE_ACCOUNT));
        for (long account = 1; account <= accounts; account++) {
            exchange.open(account, BASE_DEPOSIT, QUOTE_DEPOSIT);
        }
        return exchange;
    }

    /** Generates commands for accounts 1..{@code accounts} of {@code exchange} (see {@link #fundedExchange}). */
    public static CommandStreams onExchange(SimulatedExchange exchange, int accounts, Mix mix, long seed) {
        CommandStreams stream = new CommandStreams(exchange.instrument, accounts, mix, seed, null);
        stream.venue = command -> {
            int seen = exchange.reports.size();
            exchange.submit(command);
            exchange.reports.subList(seen, exchange.reports.size()).forEach(stream::report);
        };
        return stream;
    }

    /** Generates commands for a book with no risk in front: accounts are just ids 1..{@code accounts}. */
    public static CommandStreams onBook(OrderBook book, Instrument instrument, int accounts, Mix mix, long seed) {
        CommandStreams stream = new CommandStreams(instrument, accounts, mix, seed, book);
        stream.venue = command -> book.apply(command, stream);
        return stream;
    }

    /** The next {@code count} commands, each applied to the venue as it is generated. */
    public List<OrderCommand> next(int count) {
        List<OrderCommand> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            commands.add(next());
        }
        return commands;
    }

    /** {@code perSide} GTC orders on each side that do not cross: a book to start from. */
    public List<OrderCommand> restingOrders(int perSide, int levels) {
        List<OrderCommand> commands = new ArrayList<>(2 * perSide);
        for (int i = 0; i < 2 * perSide; i++) {
            Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            long distance = (1 + random.nextInt(levels)) * instrument.tickSize();
            long price = side == Side.BUY ? MID_PRICE - distance : MID_PRICE + distance;
            commands.add(apply(limit(side, price, TimeInForce.GTC, 0, false)));
        }
        return commands;
    }

    public OrderCommand next() {
        clock += random.nextInt(201);
        int pick = random.nextInt(mix.total());
        if ((pick -= mix.gtc) < 0) {
            return apply(limit(randomSide(), TimeInForce.GTC, 1));
        }
        if ((pick -= mix.gtd) < 0) {
            return apply(gtd(randomSide(), restingPrice(), false));
        }
        if ((pick -= mix.postOnly) < 0) {
            Side side = randomSide();
            return apply(random.nextBoolean() ? limit(side, restingPrice(side), TimeInForce.GTC, 0, true)
                    : gtd(side, restingPrice(side), true));
        }
        if ((pick -= mix.ioc) < 0) {
            return apply(limit(randomSide(), TimeInForce.IOC, 10));
        }
        if ((pick -= mix.crossingIoc) < 0) {
            Side side = randomSide();
            return apply(limit(side, crossingPrice(side), TimeInForce.IOC, 0, false));
        }
        if ((pick -= mix.fok) < 0) {
            return apply(limit(randomSide(), TimeInForce.FOK, 10));
        }
        if ((pick -= mix.market) < 0) {
            return apply(market(randomSide()));
        }
        if ((pick -= mix.cancel) < 0) {
            return apply(liveIds.isEmpty() ? cancelUnknown() : cancel(randomLive()));
        }
        if ((pick -= mix.amend) < 0) {
            return apply(liveIds.isEmpty() ? cancelUnknown() : amend(randomLive()));
        }
        if ((pick -= mix.reduce) < 0) {
            return apply(liveIds.isEmpty() ? cancelUnknown() : reduce(randomLive()));
        }
        if ((pick -= mix.unknownOrder) < 0) {
            return apply(unknownOrderRequest());
        }
        if ((pick -= mix.expire) < 0) {
            return apply(new ExpireOrders(instrument.symbol(), clock));
        }
        return apply(malformed());
    }

    private OrderCommand apply(OrderCommand command) {
        venue.accept(command);
        return command;
    }

    /** A limit at up to {@link #PASSIVE_TICKS} behind the mid or up to {@code crossTicks} through it. */
    private PlaceOrder limit(Side side, TimeInForce tif, int crossTicks) {
        long ticks = random.nextInt(PASSIVE_TICKS + 1 + crossTicks) - PASSIVE_TICKS;
        return limit(side, through(side, ticks), tif, 0, false);
    }

    private PlaceOrder gtd(Side side, long price, boolean postOnly) {
        // Whole seconds, so several orders share an expiry and expire in the same pass.
        long expiresAt = (clock / 1000 + 1 + random.nextInt(3)) * 1000;
        return limit(side, price, TimeInForce.GTD, expiresAt, postOnly);
    }

    private PlaceOrder limit(Side side, long price, TimeInForce tif, long expiresAt, boolean postOnly) {
        long orderId = nextOrderId++;
        if (tif == TimeInForce.GTD) {
            gtdOrderIds.add(orderId);
        }
        return new PlaceOrder(orderId, "c" + orderId, randomAccount(), instrument.symbol(), side, OrderType.LIMIT, tif,
                expiresAt, postOnly, price, quantity(), clock);
    }

    private PlaceOrder market(Side side) {
        long orderId = nextOrderId++;
        long protection = 0;
        if (bareBook != null) {
            long reference = bareBook.lastTradePrice() > 0 ? bareBook.lastTradePrice() : MID_PRICE;
            protection = PreTradeRisk.protectionPrice(instrument, side, reference);
        }
        return new PlaceOrder(orderId, "c" + orderId, randomAccount(), instrument.symbol(), side, OrderType.MARKET,
                random.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK, 0, false, protection, quantity(), clock);
    }

    private CancelOrder cancel(ExecutionReport order) {
        return new CancelOrder(order.orderId(), order.accountId(), instrument.symbol(), clock);
    }

    private AmendPrice amend(ExecutionReport order) {
        long ticks = random.nextInt(PASSIVE_TICKS + 6) - PASSIVE_TICKS;
        return new AmendPrice(order.orderId(), order.accountId(), instrument.symbol(), through(order.side(), ticks),
                clock);
    }

    /** Usually a valid reduction; one in five asks for too much or too little, which the book refuses. */
    private ReduceQuantity reduce(ExecutionReport order) {
        long lot = instrument.lotSize();
        long lotsAboveFilled = (order.quantity() - order.filledQuantity()) / lot;
        long newQuantity = random.nextInt(5) == 0 || lotsAboveFilled < 2
                ? (random.nextBoolean() ? order.quantity() : order.filledQuantity())
                : order.filledQuantity() + lot * (1 + random.nextInt((int) Math.min(lotsAboveFilled - 1, 1_000)));
        return new ReduceQuantity(order.orderId(), order.accountId(), instrument.symbol(), newQuantity, clock);
    }

    private CancelOrder cancelUnknown() {
        return new CancelOrder(nextOrderId + 1_000_000, randomAccount(), instrument.symbol(), clock);
    }

    /** A request for an id never issued, or for a live order sent by an account that does not own it. */
    private OrderCommand unknownOrderRequest() {
        long orderId;
        long accountId;
        if (liveIds.isEmpty() || random.nextBoolean()) {
            orderId = nextOrderId + 1_000_000;
            accountId = randomAccount();
        } else {
            ExecutionReport order = randomLive();
            orderId = order.orderId();
            accountId = order.accountId() % accounts + 1;
        }
        return switch (random.nextInt(3)) {
            case 0 -> new CancelOrder(orderId, accountId, instrument.symbol(), clock);
            case 1 -> new AmendPrice(orderId, accountId, instrument.symbol(), MID_PRICE, clock);
            default -> new ReduceQuantity(orderId, accountId, instrument.symbol(), instrument.lotSize(), clock);
        };
    }

    private PlaceOrder malformed() {
        Side side = randomSide();
        long price = restingPrice(side);
        int kind = random.nextInt(3);
        ExecutionReport target = liveIds.isEmpty() ? null : randomLive();
        // A GTD could expire at the start of this very command and free its id; only a GTC stays a duplicate.
        if (kind == 0 && target != null && !gtdOrderIds.contains(target.orderId())) {
            long duplicateId = target.orderId();
            return new PlaceOrder(duplicateId, "dup" + duplicateId, randomAccount(), instrument.symbol(), side,
                    OrderType.LIMIT, TimeInForce.GTC, 0, false, price, quantity(), clock);
        }
        long orderId = nextOrderId++;
        if (kind == 1) {
            return new PlaceOrder(orderId, "c" + orderId, randomAccount(), instrument.symbol(), side, OrderType.LIMIT,
                    TimeInForce.GTD, clock, false, price, quantity(), clock);
        }
        return new PlaceOrder(orderId, "c" + orderId, randomAccount(), instrument.symbol(), side, OrderType.LIMIT,
                TimeInForce.GTC, 0, false, price, quantity() + instrument.lotSize() / 2, clock);
    }

    /** Mostly 1-20 lots; one order in ten is large enough to sweep several levels. */
    private long quantity() {
        int lots = random.nextInt(10) == 0 ? 20 + random.nextInt(100) : 1 + random.nextInt(20);
        return lots * instrument.lotSize();
    }

    private long restingPrice() {
        return restingPrice(randomSide());
    }

    /** A price behind the mid: it rests unless the book has moved through it. */
    private long restingPrice(Side side) {
        return through(side, -random.nextInt(PASSIVE_TICKS + 1));
    }

    private long crossingPrice(Side side) {
        return through(side, 1 + random.nextInt(6));
    }

    /** The mid moved {@code ticks} in the aggressive direction of {@code side} (negative: passive). */
    private long through(Side side, long ticks) {
        long offset = ticks * instrument.tickSize();
        return side == Side.BUY ? MID_PRICE + offset : MID_PRICE - offset;
    }

    private Side randomSide() {
        return random.nextBoolean() ? Side.BUY : Side.SELL;
    }

    private long randomAccount() {
        return 1 + random.nextInt(accounts);
    }

    private ExecutionReport randomLive() {
        return live.get(liveIds.get(random.nextInt(liveIds.size())));
    }

    /** Follows the venue's reports to know which orders rest, with their current price and quantities. */
    @Override
    public void report(ExecutionReport report) {
        if (report.execType() == ExecType.REQUEST_REJECTED || report.reason() == ReasonCode.DUPLICATE_ORDER_ID) {
            return; // about a request, not about the order's own life
        }
        long orderId = report.orderId();
        if (!report.status().isTerminal()) {
            if (live.put(orderId, report) == null) {
                liveIndex.put(orderId, liveIds.size());
                liveIds.add(orderId);
            }
        } else if (live.remove(orderId) != null) {
            int index = liveIndex.remove(orderId);
            long last = liveIds.remove(liveIds.size() - 1);
            if (last != orderId) {
                liveIds.set(index, last);
                liveIndex.put(last, index);
            }
        }
    }

    @Override
    public void trade(Trade trade) {
    }
}
