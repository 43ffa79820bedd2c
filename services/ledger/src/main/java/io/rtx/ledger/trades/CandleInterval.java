package io.rtx.ledger.trades;

import java.time.Duration;
import java.time.Instant;

/** Candle intervals; buckets start on UTC boundaries (epoch multiples of the interval). */
public enum CandleInterval {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1));

    private final String code;
    private final long millis;

    CandleInterval(String code, Duration length) {
        this.code = code;
        this.millis = length.toMillis();
    }

    public String code() {
        return code;
    }

    public Instant bucketStart(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis - Math.floorMod(epochMillis, millis));
    }
}
