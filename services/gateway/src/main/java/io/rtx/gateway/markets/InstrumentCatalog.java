package io.rtx.gateway.markets;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.Redefinition;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Message;
import io.rtx.events.Topics;
import io.rtx.gateway.kafka.TopicListener;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every instrument, from the compacted instruments topic (not PostgreSQL), so order entry can validate
 * symbols and decimals while PostgreSQL is down. A definition is kept only if it builds a valid core
 * {@link Instrument} and, replacing one, if the core allows the redefinition
 * ({@link Instrument#redefinitionTo}): the rules risk and matching apply.
 */
@Component
public class InstrumentCatalog implements TopicListener {

    private static final Logger log = LoggerFactory.getLogger(InstrumentCatalog.class);

    public record Entry(InstrumentMessage message, Instrument instrument) {
    }

    private final Map<String, Entry> bySymbol = new ConcurrentHashMap<>();

    @Override
    public String topic() {
        return Topics.INSTRUMENTS;
    }

    @Override
    public void on(String key, Message message) {
        if (message == null) {
            bySymbol.remove(key);
            return;
        }
        InstrumentMessage definition = (InstrumentMessage) message;
        Instrument instrument;
        try {
            instrument = definition.toInstrument();
        } catch (RuntimeException e) {
            log.warn("ignoring invalid instrument {}: {}", definition.symbol(), e.getMessage());
            return;
        }
        Entry current = bySymbol.get(definition.symbol());
        Redefinition change = current == null ? null : current.instrument().redefinitionTo(instrument);
        if (change != null && !change.allowed()) {
            log.warn("ignoring refused redefinition of {}: {} {}", definition.symbol(), change.refusal(), change.detail());
            return;
        }
        bySymbol.put(definition.symbol(), new Entry(definition, instrument));
    }

    public Optional<Entry> find(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(symbol));
    }

    public List<InstrumentMessage> all() {
        return bySymbol.values().stream().map(Entry::message)
                .sorted(Comparator.comparing(InstrumentMessage::symbol)).toList();
    }

    /** The scale of an asset, from any instrument that trades it; empty if no instrument does. */
    public Optional<Integer> assetScale(String asset) {
        for (Entry e : bySymbol.values()) {
            if (e.message().baseAsset().equals(asset)) {
                return Optional.of(e.message().baseScale());
            }
            if (e.message().quoteAsset().equals(asset)) {
                return Optional.of(e.message().quoteScale());
            }
        }
        return Optional.empty();
    }
}
