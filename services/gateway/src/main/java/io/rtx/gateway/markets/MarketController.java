package io.rtx.gateway.markets;

import io.rtx.events.InstrumentMessage;
import io.rtx.gateway.problems.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@Tag(name = "Markets", description = "Instruments and market data")
@RestController
@RequestMapping(path = "/api/v1/markets", produces = MediaType.APPLICATION_JSON_VALUE)
public class MarketController {

    private final InstrumentCatalog instruments;
    private final MarketQueries queries;

    public MarketController(InstrumentCatalog instruments, MarketQueries queries) {
        this.instruments = instruments;
        this.queries = queries;
    }

    @Operation(operationId = "listInstruments", summary = "Every tradable instrument with its scales, tick, lot, limits and fees")
    @GetMapping("/instruments")
    public List<InstrumentMessage> instruments() {
        return instruments.all();
    }

    @Operation(operationId = "getInstrument", summary = "One instrument")
    @GetMapping("/instruments/{symbol}")
    public InstrumentMessage instrument(@PathVariable String symbol) {
        return known(symbol).message();
    }

    @Operation(operationId = "getBook", summary = "L2 order book: aggregated levels, best first (up to 20)")
    @GetMapping("/{symbol}/book")
    public Mono<MarketQueries.Book> book(@PathVariable String symbol,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(20) int depth) {
        known(symbol);
        return queries.book(symbol, depth);
    }

    @Operation(operationId = "listMarketTrades", summary = "Recent trades, newest first")
    @GetMapping("/{symbol}/trades")
    public Mono<List<MarketQueries.Trade>> trades(@PathVariable String symbol,
                                                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        known(symbol);
        return queries.trades(symbol, limit);
    }

    @Operation(operationId = "listCandles", summary = "OHLCV candles, newest first, buckets on UTC boundaries")
    @GetMapping("/{symbol}/candles")
    public Mono<List<MarketQueries.Candle>> candles(
            @PathVariable String symbol,
            @RequestParam @Pattern(regexp = "1m|5m|1h", message = "must be 1m, 5m or 1h") String interval,
            @Parameter(description = "first bucket start, inclusive (ISO-8601); default 24 h ago")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "last bucket start, exclusive (ISO-8601); default now")
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "500") @Min(1) @Max(1500) int limit) {
        known(symbol);
        Instant end = to == null ? Instant.now().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(MarketQueries.TICKER_WINDOW) : from;
        return queries.candles(symbol, interval, start, end, limit);
    }

    @Operation(operationId = "getTicker", summary = "24 h rolling ticker: open, high, low, last, volume")
    @GetMapping("/{symbol}/ticker")
    public Mono<MarketQueries.Ticker> ticker(@PathVariable String symbol) {
        known(symbol);
        return queries.ticker(symbol);
    }

    private InstrumentCatalog.Entry known(String symbol) {
        return instruments.find(symbol).orElseThrow(() -> new NotFoundException("unknown symbol '" + symbol + "'"));
    }
}
