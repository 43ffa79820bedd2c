package io.rtx.risk;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.order.AmendPrice;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ExecType;
import io.rtx.engine.order.OrderCommand;
import io.rtx.engine.order.PlaceOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.order.ReduceQuantity;
import io.rtx.engine.orderbook.ExecutionReport;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.AccountAdministration;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.engine.risk.PreTradeRisk;
import io.rtx.engine.risk.RiskDecision;
import io.rtx.engine.settlement.Settlement;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.ExecutionReportMessage;
import io.rtx.events.JsonSerde;
import io.rtx.events.Message;
import io.rtx.events.MessageSerdes;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Routed;
import io.rtx.events.Topics;
import io.rtx.events.TradeMessage;
import io.rtx.events.Wire;
import io.rtx.risk.accounts.AccountStore;
import io.rtx.risk.accounts.AccountStore.LoadedAccount;
import io.rtx.risk.clientorders.ClaimedClientOrderIds;
import io.rtx.risk.fees.PendingFees;
import io.rtx.streams.GlobalTables;
import io.rtx.streams.InstrumentsInForce;
import io.rtx.streams.OnDemandPunctuation;
import io.rtx.streams.Outputs;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The risk processor's one task-level adapter: reads order commands, account commands and execution
 * reports for the accounts of its partitions, applies the core ({@link PreTradeRisk},
 * {@link Settlement}, {@link AccountAdministration}) to the account from the store, under the
 * instruments in force ({@link InstrumentsInForce}), and emits what follows. Every trading rule is in
 * the core; this class only loads, converts, saves and routes.
 */
final class RiskProcessor implements Processor<String, byte[], String, Routed> {

    private static final JsonSerde<Message> INPUT = MessageSerdes.anyByTopic();

    private final PreTradeRisk risk;
    private final ClientOrderIds clientOrderIds;
    private final RiskMetrics metrics;
    private final int recentAccounts;
    private final Duration feeSweepInterval;
    private ProcessorContext<String, Routed> context;
    private Outputs outputs;
    private AccountStore accounts;
    private ClaimedClientOrderIds claimed;
    private InstrumentsInForce instruments;
    private GlobalTables<TradeMessage> lastTrades;
    private AccountAdapter administration;
    private PendingFees fees;
    private OnDemandPunctuation feeSweep;

    RiskProcessor(PreTradeRisk risk, ClientOrderIds clientOrderIds, RiskMetrics metrics, int recentAccounts,
                  Duration feeSweepInterval) {
        this.risk = risk;
        this.clientOrderIds = clientOrderIds;
        this.metrics = metrics;
        this.recentAccounts = recentAccounts;
        this.feeSweepInterval = feeSweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.outputs = new Outputs(context, RiskTopology.SOURCE);
        this.claimed = new ClaimedClientOrderIds(context.getStateStore(ClaimedClientOrderIds.NAME), clientOrderIds);
        this.instruments = new InstrumentsInForce(context, RiskTopology.INSTRUMENTS_STORE, outputs,
                metrics::instrumentRefused);
        Assets assets = new Assets(instruments);
        this.accounts = new AccountStore(context.getStateStore(AccountStore.NAME),
                context.getStateStore(AccountStore.OPEN_ORDERS), recentAccounts, assets::scale);
        this.lastTrades = new GlobalTables<>(context, RiskTopology.LAST_TRADES_STORE);
        this.administration = new AccountAdapter(accounts, assets, outputs,
                new AccountAdministration(risk.configuration()), risk.configuration().feeAccountId());
        this.fees = new PendingFees(context.getStateStore(PendingFees.NAME));
        String task = context.taskId().toString();
        // Wall clock: fees must reach the fee account when no input arrives too. Armed by an accrual,
        // so an idle task commits nothing; one sweep takes everything, so it then disarms.
        this.feeSweep = new OnDemandPunctuation(context, feeSweepInterval, now -> {
            fees.sweep((asset, amount, sweep) -> administration.creditFee(now, asset, amount,
                    "fees:" + task + ":" + asset + ":" + sweep));
            return false;
        });
        if (fees.any()) {
            feeSweep.arm(); // accrued before a restart or a rebalance
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(Topics.ORDER_COMMANDS);
        if (topic.equals(Topics.EXECUTION_REPORTS) && (Outputs.writtenBy(record, RiskTopology.SOURCE)
                || Outputs.hasHeader(record, Outputs.EXEC_TYPE_HEADER, ExecType.NEW.name()))) {
            return; // our own rejections echoed back, and NEW, which moves no funds: skip them unread
        }
        Message message;
        try {
            message = INPUT.deserializer().deserialize(topic, record.value());
        } catch (SerializationException e) {
            metrics.deadLetter(topic);
            outputs.deadLetter(record, topic, e.getMessage());
            return;
        }
        if (message instanceof OrderCommandMessage command) {
            onOrderCommand(record, command);
        } else if (message instanceof AccountCommandMessage command) {
            administration.apply(record, command);
        } else if (message instanceof ExecutionReportMessage report) {
            onExecutionReport(record, report);
        }
    }

    private void onOrderCommand(Record<String, byte[]> record, OrderCommandMessage request) {
        LoadedAccount stored = accounts.find(request.accountId());
        ClientOrderIds.Check ids = clientOrderIdCheck(request, stored);
        if (ids.outcome() == ClientOrderIds.Outcome.DUPLICATE) {
            metrics.rejected(ReasonCode.DUPLICATE_CLIENT_ORDER_ID);
            outputs.emit(record, Topics.EXECUTION_REPORTS, Long.toString(request.accountId()),
                    Wire.duplicate(request, ids.originalOrderId(), request.timestamp()));
            return;
        }
        InstrumentsInForce.Entry definition = instruments.find(request.symbol(), record.timestamp());
        Account account = stored == null ? null : stored.account();
        Instrument instrument = definition == null ? null : definition.instrument();
        OpenOrder before = account == null ? null : account.openOrder(request.orderId());
        RiskDecision decision;
        if (account == null || instrument == null) {
            decision = RiskDecision.reject(null, account == null ? ReasonCode.UNKNOWN_ACCOUNT : ReasonCode.UNKNOWN_INSTRUMENT);
        } else if (ids.outcome() == ClientOrderIds.Outcome.LIMIT) {
            decision = RiskDecision.reject(null, ReasonCode.CLIENT_ORDER_ID_LIMIT);
        } else {
            decision = check(request, account, instrument);
        }
        if (!decision.accepted()) {
            metrics.rejected(decision.reason());
            outputs.emit(record, Topics.EXECUTION_REPORTS, Long.toString(request.accountId()),
                    Wire.rejection(ExecutionReportMessage.SOURCE_RISK, request, decision.reason(), request.timestamp()));
            return;
        }
        metrics.accepted();
        ClientOrderIds.Quota quota = stored.quota();
        if (ids.outcome() == ClientOrderIds.Outcome.FRESH) {
            claimed.claim(request.accountId(), request.clientOrderId(), request.orderId(), request.timestamp());
            quota = clientOrderIds.claimed(quota, request.timestamp());
        }
        accounts.save(account, stored.eventSequence(), quota, request.orderId(), before);
        // The accepted order is also the owner's acknowledgement: the gateway and the ledger read it.
        outputs.emit(record, Topics.ACCEPTED_ORDERS, request.symbol(), Wire.accepted(request, decision.command(), instrument));
    }

    /** Only a new order carries a client order id; an unknown account has claimed none. */
    private ClientOrderIds.Check clientOrderIdCheck(OrderCommandMessage request, LoadedAccount stored) {
        if (request.kind() != OrderCommandMessage.Kind.PLACE || request.clientOrderId() == null) {
            return clientOrderIds.check(null, request.timestamp(), null, null);
        }
        ClientOrderIds.Claim previous = claimed.latest(request.accountId(), request.clientOrderId(), request.timestamp());
        return clientOrderIds.check(request.clientOrderId(), request.timestamp(), previous,
                stored == null ? ClientOrderIds.Quota.NONE : stored.quota());
    }

    private RiskDecision check(OrderCommandMessage request, Account account, Instrument instrument) {
        OrderCommand command;
        try {
            command = Wire.toCommand(request, instrument);
        } catch (IllegalArgumentException e) {
            return RiskDecision.reject(null, ReasonCode.INVALID_ORDER);
        }
        long lastTrade = lastTradePrice(instrument);
        if (command instanceof PlaceOrder place) {
            return risk.place(place, account, instrument, lastTrade);
        }
        if (command instanceof AmendPrice amend) {
            return risk.amendPrice(amend, account, instrument, lastTrade);
        }
        if (command instanceof ReduceQuantity reduce) {
            return risk.reduceQuantity(reduce, account, instrument);
        }
        return risk.cancel((CancelOrder) command, account);
    }

    /** 0 before the symbol's first trade: risk then bands around the definition's reference price. */
    private long lastTradePrice(Instrument instrument) {
        TradeMessage last = lastTrades.get(instrument.symbol());
        return last == null ? 0 : instrument.parsePrice(last.price());
    }

    private void onExecutionReport(Record<String, byte[]> record, ExecutionReportMessage message) {
        if (!ExecutionReportMessage.SOURCE_MATCHING.equals(message.source())) {
            return; // our own rejections
        }
        LoadedAccount stored = accounts.find(message.accountId());
        InstrumentsInForce.Entry definition = instruments.find(message.symbol(), record.timestamp());
        if (stored == null || definition == null) {
            return; // a refused request naming an account risk never knew: nothing is held
        }
        Instrument instrument = definition.instrument();
        Account account = stored.account();
        ExecutionReport report = Wire.report(message, instrument);
        OpenOrder before = account.openOrder(report.orderId());
        if (before == null || report.execType() == ExecType.NEW) {
            return;
        }
        long fee = Settlement.apply(account, instrument, report);
        if (report.execType() == ExecType.TRADE) {
            metrics.fillSettled();
        }
        if (fee > 0) {
            fees.accrue(instrument.quote().code(), fee);
            feeSweep.arm();
        }
        accounts.save(account, stored.eventSequence(), stored.quota(), report.orderId(), before);
    }
}
