package io.rtx.gateway.admin;

import io.rtx.events.AccountEventMessage;
import java.time.Instant;
import java.util.List;

/** Response bodies of the admin API. */
public final class AdminViews {

    private AdminViews() {
    }

    /** An account after an accepted command: its balances as risk holds them. */
    public record AccountState(String accountId, String commandId, String kind, boolean suspended,
                               List<AccountEventMessage.BalanceMessage> balances) {

        static AccountState of(AccountEventMessage event) {
            return new AccountState(Long.toString(event.accountId()), event.commandId(), event.kind(),
                    event.suspended(), event.balances());
        }
    }

    /** A command published whose result was not back within the timeout. */
    public record CommandPending(String accountId, String commandId, String kind, String status) {
    }

    /** The secret is in {@code apiKey} and is shown only in this response. */
    public record IssuedKey(String keyId, String apiKey, String accountId, String role, Instant createdAt) {
    }
}
