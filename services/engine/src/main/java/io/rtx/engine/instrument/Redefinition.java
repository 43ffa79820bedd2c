package io.rtx.engine.instrument;

import io.rtx.engine.order.ReasonCode;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What {@link Instrument#redefinitionTo} answered: allowed, or refused with the reason and the
 * definition field that may not change so ({@code field} as the wire and the admin API name it).
 */
public record Redefinition(ReasonCode refusal, String field, String detail) {

    private static final Redefinition ALLOWED = new Redefinition(null, null, null);

    public boolean allowed() {
        return refusal == null;
    }

    /** The rule of {@link Instrument#redefinitionTo}; the first field that breaks it is the answer. */
    static Redefinition between(Instrument current, Instrument next) {
        if (!current.symbol().equals(next.symbol())) {
            throw new IllegalArgumentException("a redefinition of " + current.symbol() + " cannot define " + next.symbol());
        }
        return Stream.<Supplier<Redefinition>>of(
                        () -> unchanged(ReasonCode.ASSET_CHANGED, "baseAsset", current.base().code(), next.base().code()),
                        () -> unchanged(ReasonCode.ASSET_CHANGED, "baseScale", current.base().scale(), next.base().scale()),
                        () -> unchanged(ReasonCode.ASSET_CHANGED, "quoteAsset", current.quote().code(), next.quote().code()),
                        () -> unchanged(ReasonCode.ASSET_CHANGED, "quoteScale", current.quote().scale(), next.quote().scale()),
                        () -> unchanged(ReasonCode.SCALE_CHANGED, "priceScale", current.priceScale(), next.priceScale()),
                        () -> unchanged(ReasonCode.SCALE_CHANGED, "quantityScale", current.quantityScale(),
                                next.quantityScale()),
                        () -> current.tickSize() % next.tickSize() == 0 ? ALLOWED
                                : refused(ReasonCode.TICK_SIZE_NOT_DIVISOR, "tickSize", offGrid(
                                        current.formatPrice(next.tickSize()), current.formatPrice(current.tickSize()), "prices")),
                        () -> current.lotSize() % next.lotSize() == 0 ? ALLOWED
                                : refused(ReasonCode.LOT_SIZE_NOT_DIVISOR, "lotSize", offGrid(
                                        current.formatQuantity(next.lotSize()), current.formatQuantity(current.lotSize()),
                                        "quantities")),
                        () -> next.maxFeeBps() <= current.maxFeeBps() ? ALLOWED
                                : refused(ReasonCode.FEE_RAISED,
                                        next.takerFeeBps() >= next.makerFeeBps() ? "takerFeeBps" : "makerFeeBps",
                                        "the larger fee may not rise from " + current.maxFeeBps() + " to "
                                                + next.maxFeeBps() + " bps: resting buys hold for the old one"))
                .map(Supplier::get).filter(answer -> !answer.allowed()).findFirst().orElse(ALLOWED);
    }

    private static Redefinition unchanged(ReasonCode refusal, String field, Object current, Object next) {
        return current.equals(next) ? ALLOWED : refused(refusal, field, "may not change from " + current + " to "
                + next + " while orders may rest: they and their holds are stored in it");
    }

    private static String offGrid(String next, String current, String what) {
        return next + " does not divide the old " + current + ": resting " + what + " would be off the grid";
    }

    private static Redefinition refused(ReasonCode refusal, String field, String detail) {
        return new Redefinition(refusal, field, field + ": " + detail);
    }
}
