package io.rtx.chaos;

import io.rtx.engine.instrument.Instrument;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.InstrumentMessage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the suite trades: two symbols (so both symbol partitions and cross-symbol accounts are
 * exercised), a handful of funded accounts and the fee account. Everything the conservation check
 * needs (what went in) is defined here and nowhere else.
 */
final class Market {

    static final long FEE_ACCOUNT = 0;
    static final String BTC_USD = "BTC-USD";
    static final String ETH_USD = "ETH-USD";

    /** Symbol → instrument definition, exactly as sent on rtx.instruments.v1. */
    final Map<String, InstrumentMessage> instruments = new LinkedHashMap<>();
    /** Symbol → mid price in cents around which limits are placed (close enough to cross). */
    final Map<String, Long> midCents = new LinkedHashMap<>();
    /** Asset → amount deposited into each trading account. */
    final Map<String, BigDecimal> depositPerAccount = new LinkedHashMap<>();
    final int accounts;

    Market(int accounts) {
        this.accounts = accounts;
        instruments.put(BTC_USD, instrument(BTC_USD, "BTC", "10000.00"));
        instruments.put(ETH_USD, instrument(ETH_USD, "ETH", "2000.00"));
        midCents.put(BTC_USD, 1_000_000L);
        midCents.put(ETH_USD, 200_000L);
        depositPerAccount.put("USD", new BigDecimal("10000000"));
        depositPerAccount.put("BTC", new BigDecimal("1000"));
        depositPerAccount.put("ETH", new BigDecimal("10000"));
    }

    /**
     * Tick 0.01, lot 0.001, 10% band around the mid until the first trade, 10/20 bps fees: the
     * production-like shape of the test instrument.
     */
    private static InstrumentMessage instrument(String symbol, String base, String referencePrice) {
        return new InstrumentMessage(symbol, base, 8, "USD", 8, 2, 4,
                "0.01", "0.0010", "0.0010", "100.0000", "10.00", referencePrice, "100000000.00000000", 10, 20,
                "CANCEL_NEWEST");
    }

    Instrument instrument(String symbol) {
        return instruments.get(symbol).toInstrument();
    }

    List<String> symbols() {
        return List.copyOf(instruments.keySet());
    }

    /** Total of each asset that exists in the system: every deposit, nothing else. */
    Map<String, BigDecimal> expectedTotals() {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        depositPerAccount.forEach((asset, amount) -> totals.put(asset, amount.multiply(BigDecimal.valueOf(accounts))));
        return totals;
    }

    /** OPEN then one DEPOSIT per asset for accounts 1..n; ids are stable so a re-send is recognisable. */
    List<AccountCommandMessage> fundingCommands(long timestamp) {
        List<AccountCommandMessage> commands = new java.util.ArrayList<>();
        for (long account = 1; account <= accounts; account++) {
            commands.add(new AccountCommandMessage(AccountCommandMessage.Kind.OPEN,
                    "open:" + account, account, null, null, timestamp));
            for (var deposit : depositPerAccount.entrySet()) {
                commands.add(new AccountCommandMessage(AccountCommandMessage.Kind.DEPOSIT,
                        "deposit:" + account + ":" + deposit.getKey(), account, deposit.getKey(),
                        deposit.getValue().toPlainString(), timestamp));
            }
        }
        return commands;
    }
}
