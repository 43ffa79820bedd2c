package io.rtx.risk;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.money.Decimals;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.AccountAdministration;
import io.rtx.engine.risk.AccountCommand;
import io.rtx.engine.risk.AccountOutcome;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.ClientOrderIds;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.risk.accounts.AccountStore;
import io.rtx.risk.accounts.AccountStore.LoadedAccount;
import io.rtx.streams.InstrumentsInForce;
import io.rtx.streams.Outputs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Account commands in, account events and fee credits out. The rules are the core's
 * ({@link AccountAdministration}); this class loads the account, converts, saves and routes. Amounts
 * are decimal strings in the asset's scale, which comes from the instruments in force that trade it.
 */
final class AccountAdapter {

    private final AccountStore accounts;
    private final InstrumentsInForce instruments;
    private final Outputs outputs;
    private final AccountAdministration administration;
    private final long feeAccountId;
    private final Map<String, Asset> assets = new HashMap<>();

    AccountAdapter(AccountStore accounts, InstrumentsInForce instruments, Outputs outputs,
                   AccountAdministration administration, long feeAccountId) {
        this.accounts = accounts;
        this.instruments = instruments;
        this.outputs = outputs;
        this.administration = administration;
        this.feeAccountId = feeAccountId;
    }

    void apply(Record<?, ?> cause, AccountCommandMessage message) {
        LoadedAccount stored = accounts.find(message.accountId());
        AccountCommand command = new AccountCommand(AccountCommand.Kind.valueOf(message.kind().name()),
                message.accountId(), message.asset(), message.amount(), message.timestamp());
        AccountOutcome outcome = administration.apply(command, stored == null ? null : stored.account(),
                code -> asset(code, cause.timestamp()));
        for (CancelOrder cancel : outcome.cancels()) {
            outputs.emit(cause, Topics.ACCEPTED_ORDERS, cancel.symbol(), killSwitchCancel(cancel));
        }
        String refusal = outcome.accepted() ? null : outcome.refusal().name();
        if (outcome.account() == null) {
            // No account to number the event by: the refusal is published unsequenced, nothing is saved.
            publish(cause, new Account(message.accountId()), 0, message.commandId(), message.kind().name(), refusal,
                    message.timestamp());
            return;
        }
        long sequence = publish(cause, outcome.account(), (stored == null ? 0 : stored.eventSequence()) + 1,
                message.commandId(), message.kind().name(), refusal, message.timestamp());
        accounts.save(outcome.account(), sequence, stored == null ? ClientOrderIds.Quota.NONE : stored.quota());
    }

    /**
     * Sends fees a task accrued to the fee account's partition as a command, so no task writes another's
     * state; {@code commandId} names the task, asset and sweep.
     */
    void creditFee(long timestamp, String assetCode, long fee, String commandId) {
        Asset asset = asset(assetCode, timestamp);
        outputs.emit(timestamp, Topics.ACCOUNT_COMMANDS, Long.toString(feeAccountId), new AccountCommandMessage(
                AccountCommandMessage.Kind.CREDIT_FEE, commandId, feeAccountId,
                asset.code(), Decimals.format(fee, asset.scale()), timestamp));
    }

    /** Publishes the account's balances after an order moved them; returns the new event sequence. */
    long balanceChanged(Record<?, ?> cause, Account account, long sequence, String reference, long timestamp) {
        return publish(cause, account, sequence + 1, reference, "BALANCE", null, timestamp);
    }

    private long publish(Record<?, ?> cause, Account account, long sequence, String commandId, String kind,
                         String refusal, long timestamp) {
        List<AccountEventMessage.BalanceMessage> balances = account.balances().values().stream()
                .map(b -> balance(b, cause.timestamp())).toList();
        outputs.emit(cause, Topics.ACCOUNT_EVENTS, Long.toString(account.id()), new AccountEventMessage(
                sequence, commandId, account.id(), kind, refusal == null, refusal,
                account.suspended(), balances, timestamp));
        return sequence;
    }

    private AccountEventMessage.BalanceMessage balance(Balance b, long timestamp) {
        Asset asset = asset(b.asset(), timestamp);
        int scale = asset == null ? 0 : asset.scale();
        return new AccountEventMessage.BalanceMessage(b.asset(), Decimals.format(b.available(), scale),
                Decimals.format(b.reserved(), scale));
    }

    /**
     * The asset as the instruments in force define it. An asset's scale never changes once defined (every
     * stored amount depends on it), so found assets are remembered and only a miss reads the instruments.
     */
    private Asset asset(String code, long timestamp) {
        if (code == null) {
            return null;
        }
        Asset known = assets.get(code);
        if (known == null) {
            for (String symbol : instruments.symbols()) {
                InstrumentsInForce.Entry entry = instruments.find(symbol, timestamp);
                if (entry != null) {
                    Instrument i = entry.instrument();
                    assets.putIfAbsent(i.base().code(), i.base());
                    assets.putIfAbsent(i.quote().code(), i.quote());
                }
            }
            known = assets.get(code);
        }
        return known;
    }

    private static OrderCommandMessage killSwitchCancel(CancelOrder cancel) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL,
                cancel.orderId(), null, cancel.accountId(), cancel.symbol(), null, null, null, 0, false, null, null,
                cancel.timestamp());
    }
}
