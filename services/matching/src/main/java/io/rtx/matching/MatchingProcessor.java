package io.rtx.matching;

import io.micrometer.core.instrument.Gauge;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.ExpireOrders;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.orderbook.BookSnapshot;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.orderbook.Trade;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Routed;
import io.rtx.events.Topics;
import io.rtx.events.Wire;
import io.rtx.matching.books.BookStore;
import io.rtx.streams.InstrumentsInForce;
import io.rtx.streams.OnDemandPunctuation;
import io.rtx.streams.Outputs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The matching processor's task-level adapter. Holds the books of the symbols its partitions carry,
 * rebuilt once from the per-order store when the task starts (ADR 0002); applies each accepted
 * command to its book, emits the reports, trades and one L2 update, and persists only the orders the
 * command touched. A book trades under its instrument in force ({@link InstrumentsInForce}): the
 * stored orders are longs in its scales, so a redefinition the core refuses never reaches the book.
 *
 * <p>GTD expiry runs from a wall-clock punctuator: stream time only advances when records arrive on
 * the partition, and an idle symbol's orders must still expire on time. The expiry time becomes an
 * ordinary {@link ExpireOrders} command, so its effects are committed like any other. The punctuator
 * runs only while a GTD order rests ({@link OnDemandPunctuation}).
 */
final class MatchingProcessor implements Processor<String, byte[], String, Routed> {

    private static final JsonSerde<OrderCommandMessage> INPUT = JsonSerde.of(OrderCommandMessage.class);

    private final MatchingMetrics metrics;
    private final Duration expiryInterval;
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final CommandOutcome outcome = new CommandOutcome();
    private Outputs outputs;
    private BookStore store;
    private InstrumentsInForce instruments;
    private OnDemandPunctuation expiry;

    /** A live book with the definition it was built from and its L2 update counter. */
    private static final class SymbolBook {
        final InstrumentsInForce.Entry definition;
        final Instrument instrument;
        final OrderBook book;
        final Gauge gauge;
        long bookUpdateSequence;

        SymbolBook(InstrumentsInForce.Entry definition, OrderBook book, long bookUpdateSequence, Gauge gauge) {
            this.definition = definition;
            this.instrument = definition.instrument();
            this.book = book;
            this.bookUpdateSequence = bookUpdateSequence;
            this.gauge = gauge;
        }
    }

    MatchingProcessor(MatchingMetrics metrics, Duration expiryInterval) {
        this.metrics = metrics;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        outputs = new Outputs(context, "matching");
        store = new BookStore(context.getStateStore(BookStore.ORDERS), context.getStateStore(BookStore.BOOKS));
        instruments = new InstrumentsInForce(context, MatchingTopology.INSTRUMENTS_STORE, outputs,
                metrics::instrumentRefused);
        store.snapshots().forEach((symbol, snapshot) -> {
            InstrumentsInForce.Entry definition = instruments.current(symbol);
            if (definition != null) {
                open(definition, snapshot);
            }
        });
        expiry = new OnDemandPunctuation(context, expiryInterval, this::expire);
        if (anyGtdRests()) {
            expiry.arm(); // restored from the store
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        OrderCommandMessage request;
        try {
            request = INPUT.deserializer().deserialize(Topics.ACCEPTED_ORDERS, record.value());
        } catch (SerializationException e) {
            metrics.deadLetter(Topics.ACCEPTED_ORDERS);
            outputs.deadLetter(record, Topics.ACCEPTED_ORDERS, e.getMessage());
            return;
        }
        SymbolBook book = book(request.symbol(), record.timestamp());
        if (book == null) {
            reject(record, request, ReasonCode.UNKNOWN_INSTRUMENT);
            return;
        }
        OrderCommand command;
        try {
            command = Wire.toCommand(request, book.instrument);
        } catch (IllegalArgumentException e) {
            reject(record, request, ReasonCode.INVALID_ORDER);
            return;
        }
        metrics.command(request.kind().name());
        run(book, command, record);
    }

    /** Expires what is due; true while some GTD order still rests, so the punctuation keeps running. */
    private boolean expire(long now) {
        for (SymbolBook book : books.values()) {
            run(book, new ExpireOrders(book.book.symbol(), now), new Record<>(book.book.symbol(), null, now));
        }
        return anyGtdRests();
    }

    private boolean anyGtdRests() {
        return books.values().stream().anyMatch(book -> book.book.nextExpiry() != OrderBook.NO_EXPIRY);
    }

    private void run(SymbolBook book, OrderCommand command, Record<?, ?> cause) {
        outcome.clear();
        book.book.apply(command, outcome);
        String symbol = book.book.symbol();
        for (Trade trade : outcome.trades) {
            outputs.emit(cause, Topics.TRADES, symbol, Wire.trade(trade, book.instrument));
        }
        for (ExecutionReport report : outcome.reports) {
            outputs.emitReport(cause, Long.toString(report.accountId()), Wire.report(report, book.instrument),
                    report.execType().name());
        }
        if (outcome.changedLevels()) {
            book.bookUpdateSequence++;
            outputs.emit(cause, Topics.BOOK_UPDATES, symbol,
                    outcome.bookUpdate(book.instrument, book.bookUpdateSequence, command.timestamp()));
        }
        metrics.trades(outcome.trades.size());
        if (command instanceof PlaceOrder place && book.book.entry(place.orderId()) == null) {
            outcome.touchedOrders.remove(place.orderId()); // it never rested, so there is nothing to delete
        }
        if (!outcome.reports.isEmpty()) {
            store.save(book.book, outcome.touchedOrders, book.bookUpdateSequence);
        }
        if (book.book.nextExpiry() != OrderBook.NO_EXPIRY) {
            expiry.arm();
        }
    }

    /** The symbol's book; rebuilt from its snapshot if the definition in force changed. */
    private SymbolBook book(String symbol, long timestamp) {
        InstrumentsInForce.Entry definition = instruments.find(symbol, timestamp);
        SymbolBook current = books.get(symbol);
        if (definition == null) {
            return current;
        }
        if (current == null) {
            return open(definition, null);
        }
        if (!current.definition.equals(definition)) {
            metrics.remove(current.gauge);
            return open(definition, current.book.snapshot());
        }
        return current;
    }

    private SymbolBook open(InstrumentsInForce.Entry definition, BookSnapshot snapshot) {
        String symbol = definition.message().symbol();
        Instrument instrument = definition.instrument();
        OrderBook book = snapshot == null ? new PriceTimeOrderBook(instrument) : PriceTimeOrderBook.restore(instrument, snapshot);
        Gauge gauge = metrics.restingOrders(symbol, () -> {
            SymbolBook live = books.get(symbol);
            return live == null ? 0 : live.book.restingOrders();
        });
        SymbolBook opened = new SymbolBook(definition, book, store.bookUpdateSequence(symbol), gauge);
        books.put(symbol, opened);
        return opened;
    }

    private void reject(Record<String, byte[]> record, OrderCommandMessage request, ReasonCode reason) {
        outputs.emit(record, Topics.EXECUTION_REPORTS, Long.toString(request.accountId()),
                Wire.rejection(ExecutionReportMessage.SOURCE_MATCHING, request, reason, request.timestamp()));
    }

    @Override
    public void close() {
        books.values().forEach(book -> metrics.remove(book.gauge));
        books.clear();
    }
}
