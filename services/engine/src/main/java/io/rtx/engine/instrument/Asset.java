package io.rtx.engine.instrument;

/**
 * A currency or coin. Balances in it are longs counting units of 10^-scale (satoshis for BTC at
 * scale 8).
 */
public record Asset(String code, int scale) {

    public Asset {
        if (code == null || !code.matches("[A-Z0-9]{2,12}")) {
            throw new IllegalArgumentException("asset code must be 2-12 upper-case letters or digits");
        }
        if (scale < 0 || scale > 18) {
            throw new IllegalArgumentException("asset scale must be 0..18");
        }
    }
}
