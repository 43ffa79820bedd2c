package io.rtx.gateway.streams;

import io.rtx.events.BookUpdateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.TradeMessage;
import io.rtx.gateway.markets.InstrumentCatalog;
import io.rtx.gateway.problems.NotFoundException;
import io.rtx.gateway.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Server-Sent Events. Streams start at the moment of subscription (no replay): a {@code subscribed} event
 * says the subscription is live, then read the current state with a GET. A comment line every 15 s keeps
 * proxies from closing idle streams.
 */
@Tag(name = "Streams", description = "Server-Sent Events: your execution reports, a market's trades and book updates")
@RestController
@RequestMapping(path = "/api/v1/streams", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
public class StreamController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final String STREAM = "Server-Sent Events: first `subscribed`, then one event per change, "
            + "whose data is this schema; a `:heartbeat` comment every 15 s. Not in the generated clients: use an "
            + "SSE client.";

    private final Broadcast reports;
    private final Broadcast trades;
    private final Broadcast books;
    private final InstrumentCatalog instruments;

    public StreamController(@Qualifier("executionReportBroadcast") Broadcast reports,
                            @Qualifier("tradeBroadcast") Broadcast trades,
                            @Qualifier("bookUpdateBroadcast") Broadcast books, InstrumentCatalog instruments) {
        this.reports = reports;
        this.trades = trades;
        this.books = books;
        this.instruments = instruments;
    }

    @Operation(operationId = "streamExecutionReports",
            summary = "Your execution reports (event `execution-report`), and only yours",
            responses = @ApiResponse(responseCode = "200", description = STREAM,
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = ExecutionReportEvent.class))))
    @GetMapping("/execution-reports")
    public Flux<ServerSentEvent<Object>> executionReports(
            @Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller) {
        long accountId = caller.requireAccount();
        return stream(new Subscribed("execution-reports", null),
                reports.subscribe(ExecutionReportMessage.class, r -> r.accountId() == accountId)
                        .map(r -> event("execution-report", ExecutionReportEvent.of(r))));
    }

    @Operation(operationId = "streamTrades", summary = "A market's trades (event `trade`)",
            responses = @ApiResponse(responseCode = "200", description = STREAM,
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = TradeEvent.class))))
    @GetMapping("/markets/{symbol}/trades")
    public Flux<ServerSentEvent<Object>> trades(@PathVariable String symbol) {
        known(symbol);
        return stream(new Subscribed("trades", symbol),
                trades.subscribe(TradeMessage.class, t -> t.symbol().equals(symbol))
                        .map(t -> event("trade", new TradeEvent(t.symbol(), Long.toString(t.tradeId()), t.price(),
                                t.quantity(), t.takerSide(), t.timestamp()))));
    }

    @Operation(operationId = "streamBook",
            summary = "A market's L2 level changes (event `book-update`; quantity \"0\" removes a level)",
            responses = @ApiResponse(responseCode = "200", description = STREAM,
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = BookUpdateEvent.class))))
    @GetMapping("/markets/{symbol}/book")
    public Flux<ServerSentEvent<Object>> book(@PathVariable String symbol) {
        known(symbol);
        return stream(new Subscribed("book", symbol),
                books.subscribe(BookUpdateMessage.class, b -> b.symbol().equals(symbol))
                        .map(b -> event("book-update", new BookUpdateEvent(b.symbol(), b.sequence(), b.bids(),
                                b.asks(), b.timestamp()))));
    }

    /** The first event of every stream; {@code symbol} is null on the execution-report stream. */
    public record Subscribed(String stream, String symbol) {
    }

    public record TradeEvent(String symbol, String tradeId, String price, String quantity, String takerSide,
                             long timestamp) {
    }

    public record BookUpdateEvent(String symbol, long sequence, List<BookUpdateMessage.Level> bids,
                                  List<BookUpdateMessage.Level> asks, long timestamp) {
    }

    private void known(String symbol) {
        if (instruments.find(symbol).isEmpty()) {
            throw new NotFoundException("unknown symbol '" + symbol + "'");
        }
    }

    private static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.builder(data).event(name).build();
    }

    /**
     * {@code subscribed} goes out as soon as the topic subscription is live (merge subscribes to the events
     * first): it sends the response headers at once, without waiting for market activity or a heartbeat.
     */
    private static Flux<ServerSentEvent<Object>> stream(Subscribed subscribed, Flux<ServerSentEvent<Object>> events) {
        Flux<ServerSentEvent<Object>> heartbeat = Flux.interval(HEARTBEAT)
                .map(i -> ServerSentEvent.builder().comment("heartbeat").build());
        return Flux.merge(events, Flux.just(event("subscribed", subscribed)), heartbeat);
    }
}
