package io.rtx.gateway.security;

import java.util.Optional;

/**
 * Who is calling: the key's id, its role and the account it acts for. Only the bootstrap admin key has
 * no account ({@code accountId} null).
 */
public record ApiKeyPrincipal(String keyId, Long accountId, Role role) {

    public Optional<Long> account() {
        return Optional.ofNullable(accountId);
    }

    /** The account this key acts for; the bootstrap admin key has none and cannot trade or hold balances. */
    public long requireAccount() {
        if (accountId == null) {
            throw new io.rtx.gateway.problems.ForbiddenException("this API key is not bound to an account");
        }
        return accountId;
    }
}
