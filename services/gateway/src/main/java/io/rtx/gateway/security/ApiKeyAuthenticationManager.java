package io.rtx.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifies {@code X-API-Key}. The bootstrap admin key ({@code rtx.admin.bootstrap-key}) is checked
 * first and needs no database, so operators can create the first accounts and keys, and administer
 * RTX while PostgreSQL is down. Every failure is the same 401, whatever was wrong.
 */
@Component
public class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

    private final ApiKeyStore store;
    private final Optional<ApiKeys.Presented> bootstrap;

    public ApiKeyAuthenticationManager(ApiKeyStore store, @Value("${rtx.admin.bootstrap-key:}") String bootstrapKey) {
        this.store = store;
        this.bootstrap = bootstrapKey.isBlank() ? Optional.empty() : ApiKeys.parse(bootstrapKey.trim());
        if (!bootstrapKey.isBlank() && bootstrap.isEmpty()) {
            throw new IllegalArgumentException("rtx.admin.bootstrap-key must look like <keyId>.<secret> "
                    + "(key id 8-64 and secret 16-128 characters of [A-Za-z0-9_-])");
        }
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String header = ((ApiKeyAuthentication) authentication).presented();
        Optional<ApiKeys.Presented> presented = ApiKeys.parse(header);
        if (presented.isEmpty()) {
            return Mono.error(new BadCredentialsException("malformed API key"));
        }
        ApiKeys.Presented key = presented.get();
        if (bootstrap.isPresent() && bootstrap.get().keyId().equals(key.keyId())) {
            return equalSecrets(bootstrap.get().secret(), key.secret())
                    ? Mono.just(ApiKeyAuthentication.verified(new ApiKeyPrincipal(key.keyId(), null, Role.ADMIN)))
                    : Mono.error(new BadCredentialsException("bad API key"));
        }
        return store.find(key.keyId())
                .onErrorMap(e -> new AuthenticationServiceException("API keys cannot be verified now", e))
                .flatMap(found -> found.filter(k -> !k.revoked() && ApiKeys.matches(key.secret(), k.keyHash()))
                        .<Authentication>map(k -> ApiKeyAuthentication.verified(
                                new ApiKeyPrincipal(k.keyId(), k.accountId(), k.role())))
                        .map(Mono::just)
                        .orElseGet(() -> Mono.error(new BadCredentialsException("bad API key"))));
    }

    private static boolean equalSecrets(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
