package io.rtx.risk;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.streams.InstrumentsInForce;
import java.util.HashMap;
import java.util.Map;

/**
 * Assets as the instruments in force define them. An asset's scale never changes once defined (every
 * stored amount depends on it), so found assets are remembered and only a miss reads the instruments.
 */
final class Assets {

    private final InstrumentsInForce instruments;
    private final Map<String, Asset> known = new HashMap<>();

    Assets(InstrumentsInForce instruments) {
        this.instruments = instruments;
    }

    /** The asset, or null if no instrument in force trades it; {@code timestamp} is that of a refusal's dead letter. */
    Asset find(String code, long timestamp) {
        if (code == null) {
            return null;
        }
        Asset asset = known.get(code);
        if (asset == null) {
            for (String symbol : instruments.symbols()) {
                remember(instruments.find(symbol, timestamp));
            }
            asset = known.get(code);
        }
        return asset;
    }

    /**
     * The scale of an asset the account holds, for saving it; read without deciding on newer definitions,
     * since a save may write nothing else. 0 if no instrument defines the asset any more.
     */
    int scale(String code) {
        Asset asset = known.get(code);
        if (asset == null) {
            for (String symbol : instruments.symbols()) {
                remember(instruments.current(symbol));
            }
            asset = known.get(code);
        }
        return asset == null ? 0 : asset.scale();
    }

    private void remember(InstrumentsInForce.Entry entry) {
        if (entry != null) {
            Instrument i = entry.instrument();
            known.putIfAbsent(i.base().code(), i.base());
            known.putIfAbsent(i.quote().code(), i.quote());
        }
    }
}
