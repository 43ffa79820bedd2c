package io.rtx.engine.risk;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.money.Decimals;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ReasonCode;
import java.util.List;
import java.util.function.Function;

/**
 * The rules of account commands, checked in this order, the first failure being the reason:
 * <ol>
 *   <li>ACCOUNT_EXISTS (opening an account that exists), UNKNOWN_ACCOUNT (any other command for an
 *       account never opened; the fee account alone is opened by its first fee credit)</li>
 *   <li>for transfers: UNKNOWN_ASSET (no instrument trades it), INVALID_AMOUNT (not a positive
 *       decimal in the asset's scale), INSUFFICIENT_BALANCE (a withdrawal beyond what is available;
 *       funds held by live orders cannot be withdrawn)</li>
 * </ol>
 * SUSPEND is the kill switch: new orders and amends are refused from then on, and every live order
 * is cancelled (the outcome carries the cancels). A refused command changes nothing.
 */
public final class AccountAdministration {

    private final RiskConfiguration configuration;

    public AccountAdministration(RiskConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * @param existing the account as stored, or null if it was never opened
     * @param assets   the asset of a code as the instruments define it, or null if none trades it
     */
    public AccountOutcome apply(AccountCommand command, Account existing, Function<String, Asset> assets) {
        boolean opens = command.kind() == AccountCommand.Kind.OPEN || (command.kind() == AccountCommand.Kind.CREDIT_FEE
                && command.accountId() == configuration.feeAccountId());
        if (existing != null && command.kind() == AccountCommand.Kind.OPEN) {
            return refused(existing, ReasonCode.ACCOUNT_EXISTS);
        }
        if (existing == null && !opens) {
            return refused(null, ReasonCode.UNKNOWN_ACCOUNT);
        }
        Account account = existing != null ? existing : new Account(command.accountId());
        return switch (command.kind()) {
            case OPEN -> applied(account, List.of());
            case SUSPEND -> applied(account, account.suspend().stream()
                    .map(order -> new CancelOrder(order.orderId(), account.id(), order.symbol(), command.timestamp()))
                    .toList());
            case RESUME -> {
                account.resume();
                yield applied(account, List.of());
            }
            case DEPOSIT, WITHDRAW, CREDIT_FEE -> transfer(command, account, existing, assets);
        };
    }

    private static AccountOutcome transfer(AccountCommand command, Account account, Account existing,
                                           Function<String, Asset> assets) {
        Asset asset = command.asset() == null ? null : assets.apply(command.asset());
        if (asset == null) {
            return refused(existing, ReasonCode.UNKNOWN_ASSET);
        }
        long amount;
        try {
            amount = Decimals.parse(command.amount(), asset.scale());
        } catch (IllegalArgumentException e) {
            return refused(existing, ReasonCode.INVALID_AMOUNT);
        }
        if (amount <= 0) {
            return refused(existing, ReasonCode.INVALID_AMOUNT);
        }
        if (command.kind() == AccountCommand.Kind.WITHDRAW) {
            return account.debitAvailable(asset.code(), amount) ? applied(account, List.of())
                    : refused(existing, ReasonCode.INSUFFICIENT_BALANCE);
        }
        account.credit(asset.code(), amount);
        return applied(account, List.of());
    }

    private static AccountOutcome applied(Account account, List<CancelOrder> cancels) {
        return new AccountOutcome(account, null, cancels);
    }

    private static AccountOutcome refused(Account existing, ReasonCode reason) {
        return new AccountOutcome(existing, reason, List.of());
    }
}
