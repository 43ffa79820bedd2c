package io.rtx.gateway.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An API key as presented ({@link #unverified}) or as verified ({@link #verified}). */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Object principal;
    private final String presented;

    private ApiKeyAuthentication(Object principal, String presented, Role role) {
        super(role == null ? List.of() : List.of(new SimpleGrantedAuthority(role.authority())));
        this.principal = principal;
        this.presented = presented;
        setAuthenticated(role != null);
    }

    public static ApiKeyAuthentication unverified(String headerValue) {
        return new ApiKeyAuthentication(null, headerValue, null);
    }

    public static ApiKeyAuthentication verified(ApiKeyPrincipal principal) {
        return new ApiKeyAuthentication(principal, null, principal.role());
    }

    public String presented() {
        return presented;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
