package io.rtx.loadtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the simulated traders quote: a reference price per symbol that random-walks inside a fixed
 * band (±3% of its start, well inside the engine's ±10% band around the last trade) and follows the
 * real book whenever a reader sees both sides of it. Buys are placed from 4 steps below to 1 step
 * above the reference and sells mirror that, so resting orders overlap and really cross; IOCs go 3
 * steps through. Sizes are a few lots (tens to hundreds of USD) so that a trader's 1,000,000 USD,
 * 10 BTC and 100 ETH last for hours of random trading: a 422 (insufficient balance) stays rare.
 */
final class Market {

    /** Prices in cents (both instruments have tick 0.01 and price scale 2). */
    record Instrument(String symbol, long startCents, long stepCents, BigDecimal lot, int minLots, int maxLots) {
    }

    static final Instrument BTC = new Instrument("BTC-USD", 30_000_00, 50, new BigDecimal("0.0001"), 10, 100);
    static final Instrument ETH = new Instrument("ETH-USD", 2_000_00, 5, new BigDecimal("0.001"), 10, 100);
    static final Instrument[] ALL = {BTC, ETH};

    private static final Map<String, AtomicLong> REFERENCE = Map.of(
            BTC.symbol(), new AtomicLong(BTC.startCents()), ETH.symbol(), new AtomicLong(ETH.startCents()));
    private static final AtomicLong CLIENT_ORDER_IDS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private Market() {
    }

    static Instrument instrument(String symbol) {
        return BTC.symbol().equals(symbol) ? BTC : ETH;
    }

    static Instrument randomInstrument() {
        return ALL[ThreadLocalRandom.current().nextInt(ALL.length)];
    }

    /** One new order: 40% GTC, 45% GTD (expires in 60-120 s), 15% IOC through the touch. */
    static Map<String, Object> newOrder() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instrument instrument = randomInstrument();
        long reference = walk(instrument);
        boolean buy = random.nextBoolean();
        int roll = random.nextInt(100);
        String tif = roll < 15 ? "IOC" : roll < 60 ? "GTD" : "GTC";
        // Passive orders from 1 step through the reference to 4 steps behind it; IOCs 3 steps through.
        long offset = "IOC".equals(tif) ? 3 : 1 - random.nextInt(0, 6);
        long price = buy ? reference + offset * instrument.stepCents() : reference - offset * instrument.stepCents();
        int lots = random.nextInt(instrument.minLots(), instrument.maxLots() + 1);
        String quantity = instrument.lot().multiply(BigDecimal.valueOf(lots)).toPlainString();
        String clientOrderId = nextClientOrderId();
        StringBuilder json = new StringBuilder(200).append("{\"clientOrderId\":\"").append(clientOrderId)
                .append("\",\"symbol\":\"").append(instrument.symbol())
                .append("\",\"side\":\"").append(buy ? "BUY" : "SELL")
                .append("\",\"type\":\"LIMIT\",\"timeInForce\":\"").append(tif).append('"');
        if ("GTD".equals(tif)) {
            json.append(",\"expiresAt\":\"").append(Instant.now().plusSeconds(random.nextInt(60, 121))).append('"');
        }
        json.append(",\"price\":\"").append(cents(price)).append("\",\"quantity\":\"").append(quantity).append("\"}");
        return Map.of("orderJson", json.toString(), "symbol", instrument.symbol(), "side", buy ? "BUY" : "SELL",
                "tif", tif, "lots", lots, "clientOrderId", clientOrderId);
    }

    /** The current reference price, in cents. */
    static long reference(String symbol) {
        return REFERENCE.get(symbol).get();
    }

    static String nextClientOrderId() {
        return "lt-" + RUN + "-" + CLIENT_ORDER_IDS.incrementAndGet();
    }

    /** A new price for an amend: near the current reference, on the order's own side. */
    static String amendPrice(String symbol, String side) {
        Instrument instrument = instrument(symbol);
        long reference = REFERENCE.get(symbol).get();
        long offset = 1 - ThreadLocalRandom.current().nextInt(0, 6);
        return cents("BUY".equals(side) ? reference + offset * instrument.stepCents()
                : reference - offset * instrument.stepCents());
    }

    /** A smaller total quantity for a reduce: about half, at least the minimum. */
    static String reducedQuantity(String symbol, int lots) {
        Instrument instrument = instrument(symbol);
        int reduced = Math.max(instrument.minLots(), lots / 2);
        return instrument.lot().multiply(BigDecimal.valueOf(reduced)).toPlainString();
    }

    /** A reader saw the real book: follow its mid when both sides are there. */
    static void observe(String symbol, String bestBid, String bestAsk) {
        if (bestBid == null || bestAsk == null) {
            return;
        }
        long bid = new BigDecimal(bestBid).movePointRight(2).longValueExact();
        long ask = new BigDecimal(bestAsk).movePointRight(2).longValueExact();
        if (bid < ask) {
            REFERENCE.get(symbol).set(clamp(instrument(symbol), (bid + ask) / 2));
        }
    }

    private static long walk(Instrument instrument) {
        AtomicLong reference = REFERENCE.get(instrument.symbol());
        int roll = ThreadLocalRandom.current().nextInt(10);
        if (roll == 0) {
            return reference.updateAndGet(p -> clamp(instrument, p + instrument.stepCents()));
        }
        if (roll == 1) {
            return reference.updateAndGet(p -> clamp(instrument, p - instrument.stepCents()));
        }
        return reference.get();
    }

    private static long clamp(Instrument instrument, long cents) {
        long band = instrument.startCents() * 3 / 100;
        return Math.max(instrument.startCents() - band, Math.min(instrument.startCents() + band, cents));
    }

    static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
