package io.rtx.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.SelfTradePolicy;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.engine.testing.CommandStreams;
import io.rtx.engine.testing.Instruments;
import io.rtx.engine.testing.SimulatedExchange;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Money rules across risk, book and settlement: nothing is created or lost, nothing stays held. */
class SettlementProperties {

    private static final int TRIES = 250;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.arbitrary();
    }

    /**
     * After every command each asset's total over all accounts (fee account included) is what was
     * deposited, no balance is negative, every reservation is backed by a live order that rests in the
     * book, and what an account holds is exactly what its open orders hold.
     */
    @Property(tries = TRIES)
    void balancesAreConservedAndHoldsMatchOpenOrders(@ForAll("scenarios") Scenario scenario) {
        Replay.run(scenario, step -> moneyIsConservedAndHeld(scenario, step));
    }

    /**
     * A redefinition the core allows, put in force mid-session, never strands money: the same holds
     * after it, under the new definition, and closing the session still releases everything.
     */
    @Property(tries = TRIES)
    void anAllowedRedefinitionKeepsMoneyConservedAndHeld(@ForAll("scenarios") Scenario scenario,
                                                        @ForAll("redefinitions") Instrument redefinition,
                                                        @ForAll @IntRange(min = 0, max = Scenario.MAX_LENGTH) int at) {
        Assume.that(scenario.instrument().redefinitionTo(redefinition).allowed());
        SimulatedExchange exchange = Replay.run(scenario, at, redefinition, step -> moneyIsConservedAndHeld(scenario, step));
        allReleased(exchange);
    }

    /** Everything an allowed redefinition of the scenarios' BTC-USD may change (its tick is already the finest). */
    @Provide
    Arbitrary<Instrument> redefinitions() {
        Instrument current = Instruments.BTC_USD;
        return Combinators.combine(Arbitraries.of(1L, 2L, 5L, 10L), Arbitraries.integers().between(1, 9_999),
                        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20),
                        Arbitraries.of(SelfTradePolicy.class), Arbitraries.longs().between(1_000, 10_000_000))
                .as((lot, band, maker, taker, policy, notionalUsd) -> new Instrument(current.symbol(), current.base(),
                        current.quote(), current.priceScale(), current.quantityScale(), current.tickSize(), lot,
                        current.minQuantity(), current.maxQuantity(), band, 0, notionalUsd * 100_000_000L, maker, taker,
                        policy));
    }

    private static void moneyIsConservedAndHeld(Scenario scenario, Replay.Step step) {
        SimulatedExchange exchange = step.exchange();
        Instrument instrument = exchange.instrument;
        String base = instrument.base().code();
        String quote = instrument.quote().code();
        assertThat(exchange.total(base)).as("%s after command %d", base, step.index())
                .isEqualTo(scenario.accounts() * CommandStreams.BASE_DEPOSIT);
        assertThat(exchange.total(quote)).as("%s after command %d", quote, step.index())
                .isEqualTo(scenario.accounts() * CommandStreams.QUOTE_DEPOSIT);
        int openOrders = 0;
        for (Account account : exchange.accounts.values()) {
            for (Balance balance : account.balances().values()) {
                assertThat(balance.available()).as("%s of %d", balance, account.id()).isNotNegative();
                assertThat(balance.reserved()).as("%s of %d", balance, account.id()).isNotNegative();
            }
            for (String asset : List.of(base, quote)) {
                long held = account.openOrders().stream()
                        .filter(o -> OpenOrder.reservedAsset(instrument, o.side()).equals(asset))
                        .mapToLong(OpenOrder::reserved).sum();
                assertThat(account.balance(asset).reserved())
                        .as("%s reserved by account %d after command %d", asset, account.id(), step.index())
                        .isEqualTo(held);
            }
            for (OpenOrder open : account.openOrders()) {
                assertThat(exchange.book.order(open.orderId()))
                        .as("open order %d of account %d rests after command %d", open.orderId(), account.id(),
                                step.index())
                        .isNotNull()
                        .matches(order -> order.accountId() == account.id());
                assertThat(open.reserved()).as("%s holds what it needs", open)
                        .isGreaterThanOrEqualTo(open.required(instrument));
            }
            openOrders += account.openOrders().size();
        }
        assertThat(exchange.book.restingOrders()).as("resting orders all known to risk").isEqualTo(openOrders);
    }

    @Property(tries = TRIES)
    void closingEveryOrderReleasesEveryReservation(@ForAll("scenarios") Scenario scenario) {
        allReleased(Replay.run(scenario, step -> {
        }));
    }

    private static void allReleased(SimulatedExchange exchange) {
        for (Account account : exchange.accounts.values()) {
            assertThat(account.openOrders()).as("open orders of %d", account.id()).isEmpty();
            account.balances().values().forEach(balance ->
                    assertThat(balance.reserved()).as("%s of account %d", balance, account.id()).isZero());
        }
    }
}
