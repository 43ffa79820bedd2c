package io.rtx.gateway.security;

/** What an API key may do: TRADER trades and reads its own account; ADMIN also administers RTX. */
public enum Role {
    TRADER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
