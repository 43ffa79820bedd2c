package io.rtx.risk;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.money.Decimals;
import io.rtx.engine.risk.Account;
import io.rtx.engine.risk.Balance;
import io.rtx.engine.risk.OpenOrder;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.AccountEventMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.OrderCommandMessage;
import io.rtx.events.Topics;
import io.rtx.risk.accounts.AccountStore;
import io.rtx.risk.accounts.AccountStore.LoadedAccount;
import io.rtx.streams.GlobalTables;
import io.rtx.streams.Outputs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Account commands (open, deposit, withdraw, suspend, resume, fee credit) and the account events
 * that publish every balance change. Amounts are decimal strings in the asset's scale, which comes
 * from the instruments that trade the asset.
 */
final class AccountAdministration {

    private final AccountStore accounts;
    private final GlobalTables<InstrumentMessage> instruments;
    private final Outputs outputs;
    private final long feeAccountId;
    private final Map<String, Asset> assets = new HashMap<>();

    AccountAdministration(AccountStore accounts, GlobalTables<InstrumentMessage> instruments, Outputs outputs,
                          long feeAccountId) {
        this.accounts = accounts;
        this.instruments = instruments;
        this.outputs = outputs;
        this.feeAccountId = feeAccountId;
    }

    void apply(Record<?, ?> cause, AccountCommandMessage command) {
        LoadedAccount stored = accounts.find(command.accountId());
        boolean feeCredit = command.kind() == AccountCommandMessage.Kind.CREDIT_FEE && command.accountId() == feeAccountId;
        Account account = stored != null ? stored.account()
                : command.kind() == AccountCommandMessage.Kind.OPEN || feeCredit ? new Account(command.accountId()) : null;
        long sequence = stored == null ? 0 : stored.eventSequence();
        String refusal = refusal(command, stored, account);
        if (refusal == null) {
            refusal = change(cause, command, account);
        }
        if (account != null && (refusal == null || stored != null)) {
            sequence = publish(cause, account, sequence + 1, command.commandId(), command.kind().name(), refusal,
                    command.timestamp());
            accounts.save(account, sequence);
        } else {
            publish(cause, account == null ? new Account(command.accountId()) : account, 0, command.commandId(),
                    command.kind().name(), refusal, command.timestamp());
        }
    }

    private static String refusal(AccountCommandMessage command, LoadedAccount stored, Account account) {
        if (command.kind() == AccountCommandMessage.Kind.OPEN && stored != null) {
            return "ACCOUNT_EXISTS";
        }
        return account == null ? "UNKNOWN_ACCOUNT" : null;
    }

    /** Applies the command; returns why it was refused, or null. */
    private String change(Record<?, ?> cause, AccountCommandMessage command, Account account) {
        switch (command.kind()) {
            case OPEN -> {
                return null;
            }
            case SUSPEND -> {
                for (OpenOrder order : account.suspend()) {
                    outputs.emit(cause, Topics.ACCEPTED_ORDERS, order.symbol(), killSwitchCancel(order, command));
                }
                return null;
            }
            case RESUME -> {
                account.resume();
                return null;
            }
            default -> {
                return move(command, account);
            }
        }
    }

    private String move(AccountCommandMessage command, Account account) {
        Asset asset = asset(command.asset());
        if (asset == null) {
            return "UNKNOWN_ASSET";
        }
        long amount;
        try {
            amount = Decimals.parse(command.amount(), asset.scale());
        } catch (IllegalArgumentException e) {
            return "INVALID_AMOUNT";
        }
        if (amount <= 0) {
            return "INVALID_AMOUNT";
        }
        if (command.kind() == AccountCommandMessage.Kind.WITHDRAW) {
            return account.debitAvailable(asset.code(), amount) ? null : "INSUFFICIENT_BALANCE";
        }
        account.credit(asset.code(), amount);
        return null;
    }

    /**
     * Sends fees a task accrued to the fee account's partition as a command, so no task writes another's
     * state; {@code commandId} names the task, asset and sweep.
     */
    void creditFee(long timestamp, String assetCode, long fee, String commandId) {
        Asset asset = asset(assetCode);
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
                .map(this::balance).toList();
        outputs.emit(cause, Topics.ACCOUNT_EVENTS, Long.toString(account.id()), new AccountEventMessage(
                sequence, commandId, account.id(), kind, refusal == null, refusal,
                account.suspended(), balances, timestamp));
        return sequence;
    }

    private AccountEventMessage.BalanceMessage balance(Balance b) {
        Asset asset = asset(b.asset());
        int scale = asset == null ? 0 : asset.scale();
        return new AccountEventMessage.BalanceMessage(b.asset(), Decimals.format(b.available(), scale),
                Decimals.format(b.reserved(), scale));
    }

    /**
     * The asset as the instruments define it. An asset's scale never changes once defined (every
     * stored amount depends on it), so found assets are remembered and only a miss reads the table.
     */
    private Asset asset(String code) {
        if (code == null) {
            return null;
        }
        Asset known = assets.get(code);
        if (known == null) {
            for (InstrumentMessage i : instruments.values()) {
                assets.putIfAbsent(i.baseAsset(), new Asset(i.baseAsset(), i.baseScale()));
                assets.putIfAbsent(i.quoteAsset(), new Asset(i.quoteAsset(), i.quoteScale()));
            }
            known = assets.get(code);
        }
        return known;
    }

    private static OrderCommandMessage killSwitchCancel(OpenOrder order, AccountCommandMessage cause) {
        return new OrderCommandMessage(OrderCommandMessage.Kind.CANCEL,
                order.orderId(), null, cause.accountId(), order.symbol(), null, null, null, 0, false, null, null,
                cause.timestamp());
    }
}
