package io.rtx.engine.risk;

/** One asset of one account, in the asset's minor units. Neither part is ever negative. */
public record Balance(String asset, long available, long reserved) {

    public Balance {
        if (available < 0 || reserved < 0) {
            throw new IllegalStateException("negative balance " + asset + " available=" + available
                    + " reserved=" + reserved);
        }
    }

    public long total() {
        return available + reserved;
    }
}
