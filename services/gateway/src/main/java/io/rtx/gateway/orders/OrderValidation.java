package io.rtx.gateway.orders;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.money.Decimals;
import io.rtx.gateway.markets.InstrumentCatalog;
import io.rtx.gateway.problems.InvalidRequestException;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Checks at the edge what the client can fix at once (unknown symbol, too many decimals, off tick or
 * lot, missing or superfluous fields), naming the field. Pre-trade risk stays the authority for
 * everything else (balances, bands, limits) and answers with a reason code.
 */
@Component
public class OrderValidation {

    private final InstrumentCatalog instruments;

    public OrderValidation(InstrumentCatalog instruments) {
        this.instruments = instruments;
    }

    public Instrument instrument(String symbol) {
        return instruments.find(symbol).map(InstrumentCatalog.Entry::instrument)
                .orElseThrow(() -> new InvalidRequestException("symbol", "unknown symbol '" + symbol + "'"));
    }

    public Instrument place(PlaceOrderRequest request) {
        Instrument instrument = instrument(request.symbol());
        if ("MARKET".equals(request.type())) {
            if (request.price() != null) {
                throw new InvalidRequestException("price", "must be absent for MARKET orders");
            }
        } else {
            price(request.price(), instrument);
        }
        quantity(request.quantity(), instrument);
        boolean gtd = "GTD".equals(request.timeInForceOrDefault());
        if (gtd && request.expiresAt() == null) {
            throw new InvalidRequestException("expiresAt", "is required for GTD orders");
        }
        if (!gtd && request.expiresAt() != null) {
            throw new InvalidRequestException("expiresAt", "is only allowed for GTD orders");
        }
        if (gtd && !request.expiresAt().isAfter(Instant.now())) {
            throw new InvalidRequestException("expiresAt", "must be in the future");
        }
        return instrument;
    }

    public long price(String price, Instrument instrument) {
        long scaled = positive("price", price, instrument.priceScale());
        if (!instrument.isOnTick(scaled)) {
            throw new InvalidRequestException("price", "must be a multiple of the tick size "
                    + instrument.formatPrice(instrument.tickSize()));
        }
        return scaled;
    }

    public long quantity(String quantity, Instrument instrument) {
        long scaled = positive("quantity", quantity, instrument.quantityScale());
        if (!instrument.isOnLot(scaled)) {
            throw new InvalidRequestException("quantity", "must be a multiple of the lot size "
                    + instrument.formatQuantity(instrument.lotSize()));
        }
        return scaled;
    }

    /** A positive decimal with at most {@code scale} decimals; a decimal string is required. */
    public static long positive(String field, String text, int scale) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        long scaled;
        try {
            scaled = Decimals.parse(text, scale);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
        if (scaled <= 0) {
            throw new InvalidRequestException(field, "must be greater than 0");
        }
        return scaled;
    }
}
