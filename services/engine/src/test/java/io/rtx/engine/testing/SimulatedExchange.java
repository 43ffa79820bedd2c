package io.rtx.engine.testing;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.Redefinition;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExpireOrders;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.orderbook.BookEvents;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.orderbook.OrderBook;
import io.rtx.engine.orderbook.PriceTimeOrderBook;
import io.rtx.engine.orderbook.Trade;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskConfiguration;
import io.rtx.engine.risk.RiskDecision;
import io.rtx.engine.settlement.Settlement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole core in one process, wired the way the pipeline wires it (risk → book → settlement of
 * every report by its owner, fees to the fee account), for tests that follow a command stream end
 * to end.
 */
public final class SimulatedExchange implements BookEvents {

    /** The definition in force; {@link #redefine} replaces it. */
    public Instrument instrument;
    public OrderBook book;
    public final PreTradeRisk risk;
    public final Map<Long, Account> accounts = new TreeMap<>();
    public final Account fees;
    /** Every output in order: rejections (RiskDecision), reports and trades. */
    public final List<Object> outputs = new ArrayList<>();
    public final List<ExecutionReport> reports = new ArrayList<>();
    public final List<Trade> trades = new ArrayList<>();

    public SimulatedExchange(Instrument instrument, RiskConfiguration configuration) {
        this.instrument = instrument;
        this.book = new PriceTimeOrderBook(instrument);
        this.risk = new PreTradeRisk(configuration);
        this.fees = new Account(configuration.feeAccountId());
        accounts.put(fees.id(), fees);
    }

    /** Puts an allowed redefinition in force as matching does: the book is rebuilt from its snapshot. */
    public void redefine(Instrument next) {
        Redefinition change = instrument.redefinitionTo(next);
        if (!change.allowed()) {
            throw new IllegalArgumentException("refused: " + change);
        }
        book = PriceTimeOrderBook.restore(next, book.snapshot());
        instrument = next;
    }

    public Account open(long accountId, long base, long quote) {
        Account account = accounts.computeIfAbsent(accountId, Account::new);
        if (base > 0) {
            account.credit(instrument.base().code(), base);
        }
        if (quote > 0) {
            account.credit(instrument.quote().code(), quote);
        }
        return account;
    }

    public RiskDecision submit(OrderCommand command) {
        RiskDecision decision = check(command);
        if (!decision.accepted()) {
            outputs.add(decision);
            return decision;
        }
        book.apply(decision.command(), this);
        return decision;
    }

    private RiskDecision check(OrderCommand command) {
        long lastTrade = book.lastTradePrice();
        if (command instanceof PlaceOrder place) {
            return risk.place(place, accounts.get(place.accountId()), instrument, lastTrade);
        }
        if (command instanceof AmendPrice amend) {
            return risk.amendPrice(amend, accounts.get(amend.accountId()), instrument, lastTrade);
        }
        if (command instanceof ReduceQuantity reduce) {
            return risk.reduceQuantity(reduce, accounts.get(reduce.accountId()), instrument);
        }
        if (command instanceof CancelOrder cancel) {
            return risk.cancel(cancel, accounts.get(cancel.accountId()));
        }
        return RiskDecision.accept((ExpireOrders) command);
    }

    @Override
    public void report(ExecutionReport report) {
        outputs.add(report);
        reports.add(report);
        Account owner = accounts.get(report.accountId());
        if (owner == null) {
            return; // e.g. a refused cancel naming an account risk never knew
        }
        long fee = Settlement.apply(owner, instrument, report);
        if (fee > 0) {
            fees.credit(instrument.quote().code(), fee);
        }
    }

    @Override
    public void trade(Trade trade) {
        outputs.add(trade);
        trades.add(trade);
    }

    /** Sum of {@code asset} over every account, the fee account included. */
    public long total(String asset) {
        return accounts.values().stream().mapToLong(a -> a.balance(asset).total()).sum();
    }
}
