package io.rtx.chaos;

import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.InstrumentMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every account must hold once nothing is reserved, computed independently of risk: the
 * deposits, plus each fill report applied once with plain decimal arithmetic (buyer pays price ×
 * quantity plus fee and gets the base; seller gives the base and gets price × quantity less fee;
 * fees, in the quote asset and rounded down, go to the fee account). If risk settled a fill twice,
 * skipped one, or settled a report that was later aborted, its balances differ from these.
 */
final class ExpectedBalances {

    private ExpectedBalances() {
    }

    /** Account id → asset → expected total (available + reserved). */
    static Map<Long, Map<String, BigDecimal>> compute(Market market, List<ExecutionReportMessage> matchingReports) {
        Map<Long, Map<String, BigDecimal>> expected = new TreeMap<>();
        for (long account = 1; account <= market.accounts; account++) {
            expected.put(account, new HashMap<>(market.depositPerAccount));
        }
        for (ExecutionReportMessage fill : matchingReports) {
            if (!fill.execType().equals("TRADE")) {
                continue;
            }
            InstrumentMessage instrument = market.instruments.get(fill.symbol());
            BigDecimal quantity = new BigDecimal(fill.lastQuantity());
            BigDecimal notional = new BigDecimal(fill.lastPrice()).multiply(quantity);
            int bps = "MAKER".equals(fill.liquidity()) ? instrument.makerFeeBps() : instrument.takerFeeBps();
            BigDecimal fee = notional.multiply(BigDecimal.valueOf(bps))
                    .divide(BigDecimal.valueOf(10_000), instrument.quoteScale(), RoundingMode.FLOOR);
            boolean buy = fill.side().equals("BUY");
            add(expected, fill.accountId(), instrument.baseAsset(), buy ? quantity : quantity.negate());
            add(expected, fill.accountId(), instrument.quoteAsset(),
                    buy ? notional.add(fee).negate() : notional.subtract(fee));
            add(expected, Market.FEE_ACCOUNT, instrument.quoteAsset(), fee);
        }
        return expected;
    }

    private static void add(Map<Long, Map<String, BigDecimal>> balances, long account, String asset, BigDecimal amount) {
        balances.computeIfAbsent(account, a -> new HashMap<>()).merge(asset, amount, BigDecimal::add);
    }
}
