package io.rtx.engine.risk;

/**
 * The client order id rule: within {@code retention} of each other, one (account, clientOrderId) is
 * one order. A new order with an id is checked against the latest claim on it: if the claim is within
 * the retention window the placement is a duplicate and its answer is the original order, which is
 * never placed twice. Only an accepted order claims its id, so a rejected placement leaves it free and
 * a retry is decided afresh. To bound what is kept per account, an account claims at most
 * {@code perAccount} ids per period (periods are {@code retention} long, counted from the epoch), so
 * at most twice that many claims are ever within the window of one account; past the cap a new order
 * with an id is refused (one without an id is not affected).
 */
public final class ClientOrderIds {

    /** An accepted order's claim on its client order id, made at {@code at} (epoch milliseconds). */
    public record Claim(long orderId, long at) {
    }

    /** How many ids an account claimed in period {@code period}. */
    public record Quota(long period, long used) {

        public static final Quota NONE = new Quota(0, 0);
    }

    public enum Outcome {
        /** No client order id: nothing to check or claim. */
        NO_ID,
        /** A fresh id: check the order as usual and claim the id if it is accepted. */
        FRESH,
        /** The id names an order already accepted: answer with {@link Check#originalOrderId()}. */
        DUPLICATE,
        /** A fresh id, but the account reached its cap for the period: refuse the order. */
        LIMIT
    }

    /** {@code originalOrderId} is set for {@link Outcome#DUPLICATE} only (0 otherwise). */
    public record Check(Outcome outcome, long originalOrderId) {
    }

    private final long retentionMillis;
    private final long perAccount;

    public ClientOrderIds(long retentionMillis, long perAccount) {
        if (retentionMillis <= 0 || perAccount <= 0) {
            throw new IllegalArgumentException("retention and the per-account cap must be positive");
        }
        this.retentionMillis = retentionMillis;
        this.perAccount = perAccount;
    }

    public long retentionMillis() {
        return retentionMillis;
    }

    /**
     * @param clientOrderId the new order's client order id, null if it has none
     * @param at            the new order's timestamp
     * @param previous      the latest claim on the same (account, id) still kept, or null
     * @param quota         the account's quota as last saved
     */
    public Check check(String clientOrderId, long at, Claim previous, Quota quota) {
        if (clientOrderId == null) {
            return new Check(Outcome.NO_ID, 0);
        }
        if (previous != null && withinWindow(previous.at(), at)) {
            return new Check(Outcome.DUPLICATE, previous.orderId());
        }
        if (current(quota, at).used() >= perAccount) {
            return new Check(Outcome.LIMIT, 0);
        }
        return new Check(Outcome.FRESH, 0);
    }

    /**
     * True if a claim made at {@code claimedAt} still holds at {@code at}. Either may be the later:
     * orders come from several gateways whose clocks differ a little.
     */
    public boolean withinWindow(long claimedAt, long at) {
        return Math.abs(at - claimedAt) <= retentionMillis;
    }

    /** The account's quota once an accepted order at {@code at} has claimed its id. */
    public Quota claimed(Quota quota, long at) {
        Quota current = current(quota, at);
        return new Quota(current.period(), current.used() + 1);
    }

    private Quota current(Quota quota, long at) {
        long period = Math.floorDiv(at, retentionMillis);
        return quota != null && quota.period() == period ? quota : new Quota(period, 0);
    }
}
