package io.rtx.risk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.AccountStateMessage;
import io.rtx.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store's values across the release that made them a contract and moved open orders to their own store. */
class AccountStoreValuesTest {

    /** What the release before the contract stored: no schema version, no version, no scales. */
    private static final String BEFORE_THE_CONTRACT = """
            {"id":7,"suspended":false,"eventSequence":5,"balances":[{"asset":"USD","available":100,"reserved":20}],\
            "openOrders":[{"orderId":1,"symbol":"BTC-USD","side":"BUY","price":1000000,"pendingPrice":0,\
            "leavesQuantity":5000,"reserved":20}]}""";

    @Test
    void aValueWrittenBeforeTheContractIsReadWithNoVersion() {
        AccountStateMessage read = AccountStore.VALUES.deserializer().deserialize(Topics.ACCOUNTS_CHANGELOG,
                BEFORE_THE_CONTRACT.getBytes(StandardCharsets.UTF_8));

        assertThat(read.version()).as("find() continues from the event sequence").isZero();
        assertThat(read.eventSequence()).isEqualTo(5);
        assertThat(read.balances()).containsExactly(new AccountStateMessage.BalanceState("USD", 0, 100, 20));
        assertThat(read.openOrders()).containsExactly(
                new AccountStateMessage.OpenOrderState(1, "BTC-USD", "BUY", 1_000_000, 0, 5000, 20));
    }

    @Test
    void whatThisReleaseWritesIsTheContractWithTheOrdersKeptApart() {
        AccountStateMessage written = new AccountStateMessage(7, 9, 5, true,
                List.of(new AccountStateMessage.BalanceState("USD", 8, 100, 20)), List.of(),
                new AccountStateMessage.ClientOrderIdCount(3, 2));
        byte[] bytes = AccountStore.VALUES.serializer().serialize(Topics.ACCOUNTS_CHANGELOG, written);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,\"id\":7,\"version\":9,"
                + "\"eventSequence\":5,\"suspended\":true,"
                + "\"balances\":[{\"asset\":\"USD\",\"scale\":8,\"available\":100,\"reserved\":20}],\"openOrders\":[],"
                + "\"clientOrderIds\":{\"period\":3,\"used\":2}}");
    }
}
