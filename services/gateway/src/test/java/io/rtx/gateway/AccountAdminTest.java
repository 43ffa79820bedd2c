package io.rtx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtx.events.ExecutionReportMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Admin account commands through the real risk processor: withdrawals, and the kill switch (suspend and
 * resume). Each test has its own account, so balances and open orders are its own.
 */
@Order(2)
class AccountAdminTest extends GatewayTest {

    @Test
    void aWithdrawalWithinTheAvailableBalanceIsPaidAndOneBeyondItIsRefusedWithTheReason() {
        long account = 3001;
        String key = Fixture.account(this, account, "1000.00", "1");

        JsonNode paid = json(post(withdrawals(account), ADMIN_KEY, Map.of("asset", "USD", "amount", "400.00")), 200);
        assertThat(paid.get("kind").asString()).isEqualTo("WITHDRAW");
        assertThat(available(paid, "USD")).isEqualByComparingTo("600");

        // An open order reserves 90 USD (and its fee): 600 is on the account but no longer available.
        place(key, limit(null, "BUY", "9000.00", "0.0100"));
        JsonNode refused = post(withdrawals(account), ADMIN_KEY, Map.of("asset", "USD", "amount", "600.00"))
                .expectStatus().isEqualTo(422).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(refused.get("type").asString()).isEqualTo("urn:rtx:problem:account-command-refused");
        assertThat(refused.get("reason").asString()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(refused.get("detail").asString()).contains("WITHDRAW").contains("INSUFFICIENT_BALANCE");

        // Nothing moved: the rest of the available balance can still be withdrawn, to the last cent.
        JsonNode balances = json(post(withdrawals(account), ADMIN_KEY, Map.of("asset", "USD", "amount", "1.00")), 200);
        BigDecimal left = available(balances, "USD");
        assertThat(left).isGreaterThan(new BigDecimal("500")).isLessThan(new BigDecimal("510"));
        JsonNode emptied = json(post(withdrawals(account), ADMIN_KEY,
                Map.of("asset", "USD", "amount", left.toPlainString())), 200);
        assertThat(available(emptied, "USD")).isZero();
        json(post(withdrawals(account), ADMIN_KEY, Map.of("asset", "USD", "amount", "0.01")), 422);

        // Bad requests never reach risk.
        JsonNode badScale = json(post(withdrawals(account), ADMIN_KEY, Map.of("asset", "USD", "amount", "1.000000001")), 400);
        assertThat(badScale.get("field").asString()).isEqualTo("amount");
        json(post(withdrawals(account), ADMIN_KEY, Map.of("asset", "DOGE", "amount", "1")), 400);
        json(post(withdrawals(999_999), ADMIN_KEY, Map.of("asset", "USD", "amount", "1.00")), 404);
        JsonNode exists = json(post("/api/v1/admin/accounts", ADMIN_KEY, Map.of("accountId", Long.toString(account))), 409);
        assertThat(exists.get("reason").asString()).isEqualTo("ACCOUNT_EXISTS");
        json(post(withdrawals(account), key, Map.of("asset", "USD", "amount", "1.00")), 403);
    }

    @Test
    void theKillSwitchCancelsEveryOpenOrderAndRejectsNewOnesUntilTheAccountIsResumed() throws Exception {
        long account = 3002;
        String key = Fixture.account(this, account, "10000.00", "1");
        long first = place(key, limit("kill-1", "BUY", "7500.00", "0.0100"));
        long second = place(key, limit("kill-2", "BUY", "7600.00", "0.0200"));
        for (long orderId : List.of(first, second)) {
            reports().await(r -> r.orderId() == orderId && r.execType().equals("NEW"), "order " + orderId + " rests");
        }

        JsonNode suspended = json(post("/api/v1/admin/accounts/" + account + "/suspend", ADMIN_KEY, Map.of()), 200);
        assertThat(suspended.get("suspended").asBoolean()).isTrue();
        for (long orderId : List.of(first, second)) {
            ExecutionReportMessage canceled = reports().await(r -> r.orderId() == orderId
                    && r.execType().equals("CANCELED"), "order " + orderId + " canceled by the kill switch");
            assertThat(new BigDecimal(canceled.leavesQuantity())).isZero();
            assertThat(canceled.status()).isEqualTo("CANCELED");
        }

        JsonNode rejected = post("/api/v1/orders", key, limit("kill-3", "BUY", "7500.00", "0.0100"))
                .expectStatus().isEqualTo(422).expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(rejected.get("reason").asString()).isEqualTo("ACCOUNT_SUSPENDED");
        // Reserved funds came back with the cancellations: everything is available again.
        JsonNode balances = json(post("/api/v1/admin/accounts/" + account + "/deposits", ADMIN_KEY,
                Map.of("asset", "USD", "amount", "1.00")), 200);
        assertThat(available(balances, "USD")).isEqualByComparingTo("10001");
        assertThat(balances.get("suspended").asBoolean()).isTrue();

        JsonNode resumed = json(post("/api/v1/admin/accounts/" + account + "/resume", ADMIN_KEY, Map.of()), 200);
        assertThat(resumed.get("suspended").asBoolean()).isFalse();
        long after = place(key, limit("kill-4", "BUY", "7500.00", "0.0100"));
        reports().await(r -> r.orderId() == after && r.execType().equals("NEW"), "a new order after the resume");
    }

    private static String withdrawals(long account) {
        return "/api/v1/admin/accounts/" + account + "/withdrawals";
    }

    private static BigDecimal available(JsonNode accountState, String asset) {
        for (JsonNode balance : accountState.get("balances")) {
            if (balance.get("asset").asString().equals(asset)) {
                return new BigDecimal(balance.get("available").asString());
            }
        }
        throw new AssertionError("no " + asset + " balance in " + accountState);
    }
}
