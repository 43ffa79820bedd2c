package io.rtx.chaos;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.orderbook.Trade;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.AccountStateMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.TradeMessage;
import io.rtx.events.Wire;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The invariants that can be proven from the committed topics alone. Each method adds one
 * violation per thing lost, doubled or changed; none of them tolerates a discrepancy.
 */
final class KafkaInvariants {

    static final Set<String> TERMINAL = Set.of("FILLED", "CANCELED", "EXPIRED", "REJECTED");

    private final Market market;
    private final TopicRecorder.Snapshot topics;
    private final List<ExecutionReportMessage> reports;
    private final List<ExecutionReportMessage> matchingReports;

    KafkaInvariants(Market market, TopicRecorder.Snapshot topics) {
        this.market = market;
        this.topics = topics;
        this.reports = topics.reports().stream().map(TopicRecorder.Received::report).toList();
        this.matchingReports = reports.stream()
                .filter(r -> r.source().equals(ExecutionReportMessage.SOURCE_MATCHING)).toList();
    }

    List<ExecutionReportMessage> matchingReports() {
        return matchingReports;
    }

    /** Order ids of every PLACE on the order-commands topic. */
    Set<Long> placedOnKafka() {
        return topics.orderCommands().stream().filter(c -> c.kind() == OrderCommandMessage.Kind.PLACE)
                .map(OrderCommandMessage::orderId).collect(Collectors.toSet());
    }

    /** Order id → its terminal reports (a refused cancel is not the order's end). */
    Map<Long, List<ExecutionReportMessage>> terminalReports() {
        return reports.stream().filter(r -> TERMINAL.contains(r.status()) && !r.execType().equals("REQUEST_REJECTED"))
                .collect(Collectors.groupingBy(ExecutionReportMessage::orderId));
    }

    /** Each account's latest state on risk's accounts changelog: its balances, as the ledger projects them. */
    Map<Long, AccountStateMessage> latestAccountStates() {
        Map<Long, AccountStateMessage> latest = new TreeMap<>();
        for (AccountStateMessage s : topics.accountStates()) {
            latest.merge(s.id(), s, (a, b) -> b.version() > a.version() ? b : a);
        }
        return latest;
    }

    void check(Set<Long> acknowledgedByBroker, Violations v) {
        topics.unreadable().forEach(u -> v.add("unreadable record on an output topic", u));
        commandsDurable(acknowledgedByBroker, v);
        exactlyOneTerminalState(v);
        for (String symbol : market.symbols()) {
            gapFree("execution-report sequence " + symbol, matchingReports.stream()
                    .filter(r -> r.symbol().equals(symbol)).map(ExecutionReportMessage::sequence).toList(), v);
            gapFree("trade id " + symbol, topics.trades().stream().filter(t -> t.symbol().equals(symbol))
                    .map(TradeMessage::tradeId).toList(), v);
            replayEqualsOutputs(symbol, v);
        }
        everyTradeFilledOncePerSide(v);
        accountSequencesGapFree(v);
        balancesMatchSettlementOfFills(v);
    }

    /** Every PLACE the broker acknowledged is on the topic, and none is there twice. */
    private void commandsDurable(Set<Long> acknowledged, Violations v) {
        Set<Long> seen = new HashSet<>();
        for (OrderCommandMessage c : topics.orderCommands()) {
            if (c.kind() == OrderCommandMessage.Kind.PLACE && !seen.add(c.orderId())) {
                v.add("order command duplicated on Kafka", "PLACE " + c.orderId());
            }
        }
        for (long orderId : new TreeSet<>(acknowledged)) {
            if (!seen.contains(orderId)) {
                v.add("acknowledged order missing from Kafka", "order " + orderId);
            }
        }
    }

    private void exactlyOneTerminalState(Violations v) {
        Map<Long, List<ExecutionReportMessage>> terminal = terminalReports();
        for (long orderId : new TreeSet<>(placedOnKafka())) {
            List<ExecutionReportMessage> ends = terminal.getOrDefault(orderId, List.of());
            if (ends.size() != 1) {
                v.add("order without exactly one terminal report", "order " + orderId + ": " + ends.size()
                        + " " + ends.stream().map(ExecutionReportMessage::status).toList());
            }
        }
    }

    /** The numbers must be exactly 1..n: a missing one is a lost event, a repeated one a doubled event. */
    static void gapFree(String what, List<Long> numbers, Violations v) {
        List<Long> sorted = numbers.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i) != i + 1) {
                v.add(what + " not 1..n", "position " + (i + 1) + " holds " + sorted.get(i) + " (of " + sorted.size() + ")");
                return;
            }
        }
    }

    /**
     * Feeds the accepted orders of one symbol, in topic order, to a fresh core book: the book that
     * was killed and restored must have produced exactly what a book that never stopped produces.
     */
    private void replayEqualsOutputs(String symbol, Violations v) {
        Instrument instrument = market.instrument(symbol);
        OrderBook book = new PriceTimeOrderBook(instrument);
        List<ExecutionReportMessage> expectedReports = new ArrayList<>();
        List<TradeMessage> expectedTrades = new ArrayList<>();
        BookEvents sink = new BookEvents() {
            @Override
            public void report(ExecutionReport report) {
                expectedReports.add(Wire.report(report, instrument));
            }

            @Override
            public void trade(Trade trade) {
                expectedTrades.add(Wire.trade(trade, instrument));
            }
        };
        topics.acceptedOrders().stream().filter(a -> a.symbol().equals(symbol))
                .forEach(a -> book.apply(Wire.toCommand(a, instrument), sink));
        List<ExecutionReportMessage> actualReports = matchingReports.stream().filter(r -> r.symbol().equals(symbol))
                .sorted(Comparator.comparingLong(ExecutionReportMessage::sequence)).toList();
        List<TradeMessage> actualTrades = topics.trades().stream().filter(t -> t.symbol().equals(symbol))
                .sorted(Comparator.comparingLong(TradeMessage::tradeId)).toList();
        firstDifference("reports differ from a replay of accepted orders " + symbol, expectedReports, actualReports, v);
        firstDifference("trades differ from a replay of accepted orders " + symbol, expectedTrades, actualTrades, v);
    }

    private static <T> void firstDifference(String what, List<T> expected, List<T> actual, Violations v) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            T e = i < expected.size() ? expected.get(i) : null;
            T a = i < actual.size() ? actual.get(i) : null;
            if (!Objects.equals(e, a)) {
                v.add(what, "at " + i + " (expected " + expected.size() + ", got " + actual.size() + "): expected " + e
                        + " got " + a);
                return;
            }
        }
    }

    /** Each trade is exactly two fills, one per side, and no fill names a trade that does not exist. */
    private void everyTradeFilledOncePerSide(Violations v) {
        Map<String, List<ExecutionReportMessage>> fills = matchingReports.stream()
                .filter(r -> r.execType().equals("TRADE"))
                .collect(Collectors.groupingBy(r -> r.symbol() + "#" + r.tradeId()));
        Set<String> tradeKeys = new HashSet<>();
        for (TradeMessage t : topics.trades()) {
            String key = t.symbol() + "#" + t.tradeId();
            tradeKeys.add(key);
            List<ExecutionReportMessage> sides = fills.getOrDefault(key, List.of());
            long buys = sides.stream().filter(f -> f.orderId() == t.buyOrderId() && f.side().equals("BUY")).count();
            long sells = sides.stream().filter(f -> f.orderId() == t.sellOrderId() && f.side().equals("SELL")).count();
            if (sides.size() != 2 || buys != 1 || sells != 1) {
                v.add("trade without exactly one fill per side", key + ": " + sides.size() + " fills");
            }
        }
        fills.keySet().stream().filter(k -> !tradeKeys.contains(k)).sorted()
                .forEach(k -> v.add("fill report of an unknown trade", k));
    }

    private void accountSequencesGapFree(Violations v) {
        topics.accountEvents().stream().collect(Collectors.groupingBy(AccountEventMessage::accountId))
                .forEach((account, events) -> gapFree("account-event sequence of account " + account,
                        events.stream().map(AccountEventMessage::sequence).toList(), v));
    }

    /** Latest balances equal deposits plus every fill settled once; nothing held; each asset conserved. */
    private void balancesMatchSettlementOfFills(Violations v) {
        Map<Long, Map<String, BigDecimal>> expected = ExpectedBalances.compute(market, matchingReports);
        Map<Long, Map<String, BigDecimal>> actual = new TreeMap<>();
        Map<String, BigDecimal> totals = new HashMap<>();
        latestAccountStates().forEach((account, state) -> state.balances().forEach(b -> {
            BigDecimal reserved = BigDecimal.valueOf(b.reserved(), b.scale());
            if (reserved.signum() != 0) {
                v.add("funds still reserved with every order closed", "account " + account + " " + b.asset() + " " + reserved);
            }
            BigDecimal total = BigDecimal.valueOf(b.available(), b.scale()).add(reserved);
            actual.computeIfAbsent(account, a -> new HashMap<>()).put(b.asset(), total);
            totals.merge(b.asset(), total, BigDecimal::add);
        }));
        Set<Long> accounts = new TreeSet<>(expected.keySet());
        accounts.addAll(actual.keySet());
        for (long account : accounts) {
            Map<String, BigDecimal> e = expected.getOrDefault(account, Map.of());
            Map<String, BigDecimal> a = actual.getOrDefault(account, Map.of());
            Set<String> assets = new TreeSet<>(e.keySet());
            assets.addAll(a.keySet());
            for (String asset : assets) {
                BigDecimal want = e.getOrDefault(asset, BigDecimal.ZERO);
                BigDecimal got = a.getOrDefault(asset, BigDecimal.ZERO);
                if (want.compareTo(got) != 0) {
                    v.add("balance differs from deposits plus settled fills", "account " + account + " " + asset
                            + ": expected " + want.toPlainString() + " got " + got.toPlainString());
                }
            }
        }
        market.expectedTotals().forEach((asset, total) -> {
            BigDecimal got = totals.getOrDefault(asset, BigDecimal.ZERO);
            if (got.compareTo(total) != 0) {
                v.add("asset not conserved", asset + ": deposited " + total.toPlainString() + ", held " + got.toPlainString());
            }
        });
    }
}
