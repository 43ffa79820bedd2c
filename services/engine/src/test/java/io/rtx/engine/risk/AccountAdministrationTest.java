package io.rtx.engine.risk;

import static io.rtx.engine.order.Side.BUY;
import static io.rtx.engine.testing.Orders.gtc;
import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.engine.instrument.Asset;
import io.rtx.engine.order.CancelOrder;
import io.rtx.engine.order.ReasonCode;
import io.rtx.engine.testing.Instruments;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountAdministrationTest {

    private static final long FEE_ACCOUNT = 0;
    private static final long USD = 100_000_000L;
    private static final Function<String, Asset> ASSETS = Map.of("USD", Instruments.USD, "BTC", Instruments.BTC)::get;

    private final AccountAdministration administration = new AccountAdministration(new RiskConfiguration(10, FEE_ACCOUNT));

    private static AccountCommand command(AccountCommand.Kind kind, long accountId, String asset, String amount) {
        return new AccountCommand(kind, accountId, asset, amount, 1_000);
    }

    private AccountOutcome apply(AccountCommand command, Account existing) {
        return administration.apply(command, existing, ASSETS);
    }

    private static Account funded(long usd) {
        Account account = new Account(1);
        account.credit("USD", usd * USD);
        return account;
    }

    @Test
    void openingCreatesTheAccountOnceAndEveryOtherCommandNeedsOne() {
        AccountOutcome opened = apply(command(AccountCommand.Kind.OPEN, 1, null, null), null);
        assertThat(opened.accepted()).isTrue();
        assertThat(opened.account().id()).isEqualTo(1);

        AccountOutcome again = apply(command(AccountCommand.Kind.OPEN, 1, null, null), opened.account());
        assertThat(again.refusal()).isEqualTo(ReasonCode.ACCOUNT_EXISTS);
        assertThat(again.account()).as("the account stays as it was").isSameAs(opened.account());

        for (AccountCommand.Kind kind : AccountCommand.Kind.values()) {
            if (kind != AccountCommand.Kind.OPEN) {
                AccountOutcome unknown = apply(command(kind, 2, "USD", "1"), null);
                assertThat(unknown.refusal()).as(kind.name()).isEqualTo(ReasonCode.UNKNOWN_ACCOUNT);
                assertThat(unknown.account()).as(kind.name()).isNull();
            }
        }
    }

    @Test
    void theFeeAccountIsOpenedByItsFirstFeeCreditUnlessTheCreditIsRefused() {
        AccountOutcome credited = apply(command(AccountCommand.Kind.CREDIT_FEE, FEE_ACCOUNT, "USD", "9.5"), null);
        assertThat(credited.accepted()).isTrue();
        assertThat(credited.account().balance("USD").available()).isEqualTo(950_000_000L);

        AccountOutcome refused = apply(command(AccountCommand.Kind.CREDIT_FEE, FEE_ACCOUNT, "DOGE", "1"), null);
        assertThat(refused.refusal()).isEqualTo(ReasonCode.UNKNOWN_ASSET);
        assertThat(refused.account()).as("not opened by a refused credit").isNull();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "DEPOSIT,  DOGE, 1,          UNKNOWN_ASSET",
            "DEPOSIT,  ,     1,          UNKNOWN_ASSET",
            "DEPOSIT,  USD,  abc,        INVALID_AMOUNT",
            "DEPOSIT,  USD,  0.000000001, INVALID_AMOUNT",
            "DEPOSIT,  USD,  0,          INVALID_AMOUNT",
            "WITHDRAW, USD,  -1,         INVALID_AMOUNT",
            "WITHDRAW, USD,  ,           INVALID_AMOUNT",
            "WITHDRAW, USD,  1000.01,    INSUFFICIENT_BALANCE",
            "WITHDRAW, BTC,  0.1,        INSUFFICIENT_BALANCE",
    })
    void aRefusedTransferNamesItsReasonAndMovesNothing(AccountCommand.Kind kind, String asset, String amount,
                                                       ReasonCode reason) {
        Account account = funded(1_000);

        AccountOutcome outcome = apply(command(kind, 1, asset, amount), account);

        assertThat(outcome.refusal()).isEqualTo(reason);
        assertThat(account.balances()).containsOnlyKeys("USD");
        assertThat(account.balance("USD")).isEqualTo(new Balance("USD", 1_000 * USD, 0));
    }

    @Test
    void depositsCreditAndWithdrawalsTakeOnlyWhatIsAvailable() {
        Account account = funded(1_000);
        new PreTradeRisk(new RiskConfiguration(10, FEE_ACCOUNT)).place(gtc(7, 1, BUY, 10_000_00, 500),
                account, Instruments.BTC_USD, 0); // holds 500.00 + 1.00 fee

        assertThat(apply(command(AccountCommand.Kind.DEPOSIT, 1, "USD", "0.5"), account).accepted()).isTrue();
        assertThat(apply(command(AccountCommand.Kind.WITHDRAW, 1, "USD", "500"), account).refusal())
                .as("held funds cannot be withdrawn").isEqualTo(ReasonCode.INSUFFICIENT_BALANCE);
        assertThat(apply(command(AccountCommand.Kind.WITHDRAW, 1, "USD", "499.50"), account).accepted()).isTrue();
        assertThat(account.balance("USD")).isEqualTo(new Balance("USD", 0, 501 * USD));
    }

    @Test
    void theKillSwitchSuspendsAndCancelsEveryLiveOrderUntilResumed() {
        Account account = funded(100_000);
        PreTradeRisk risk = new PreTradeRisk(new RiskConfiguration(10, FEE_ACCOUNT));
        risk.place(gtc(7, 1, BUY, 10_000_00, 100), account, Instruments.BTC_USD, 0);
        risk.place(gtc(8, 1, BUY, 9_000_00, 100), account, Instruments.BTC_USD, 0);

        AccountOutcome suspended = apply(command(AccountCommand.Kind.SUSPEND, 1, null, null), account);

        assertThat(suspended.accepted()).isTrue();
        assertThat(account.suspended()).isTrue();
        assertThat(suspended.cancels()).containsExactly(new CancelOrder(7, 1, "BTC-USD", 1_000),
                new CancelOrder(8, 1, "BTC-USD", 1_000));
        assertThat(risk.place(gtc(9, 1, BUY, 9_000_00, 100), account, Instruments.BTC_USD, 0).reason())
                .isEqualTo(ReasonCode.ACCOUNT_SUSPENDED);

        AccountOutcome resumed = apply(command(AccountCommand.Kind.RESUME, 1, null, null), account);
        assertThat(resumed.accepted()).isTrue();
        assertThat(resumed.cancels()).isEmpty();
        assertThat(account.suspended()).isFalse();
    }
}
