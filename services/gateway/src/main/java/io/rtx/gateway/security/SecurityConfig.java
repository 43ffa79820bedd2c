package io.rtx.gateway.security;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.rtx.gateway.problems.ProblemResponses;
import io.rtx.gateway.problems.Problems;
import io.rtx.gateway.support.GatewayProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Stateless API-key security: no sessions, no cookies, no CSRF (no browser credentials exist to
 * forge). Health, metrics scraping and the API documentation are open; {@code /api/v1/admin/**} needs
 * ADMIN; everything else needs any valid key. Failures are problems: 401 (no or bad key), 403 (wrong
 * role), 503 (keys cannot be verified and none is cached).
 */
@Configuration
public class SecurityConfig {

    static final String[] OPEN = {"/health", "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ApiKeyAuthenticationManager manager,
                                                  ProblemResponses problems, RateLimiterRegistry rateLimiters,
                                                  GatewayProperties properties) {
        AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(manager);
        apiKeys.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(
                exchange.getRequest().getHeaders().getFirst(ApiKeys.HEADER)).map(ApiKeyAuthentication::unverified));
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        apiKeys.setAuthenticationFailureHandler((filterExchange, e) -> e instanceof AuthenticationServiceException
                ? problems.write(filterExchange.getExchange(), unavailable(), retryLater())
                : problems.write(filterExchange.getExchange(), unauthorized(), challenge()));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(a -> a
                        .pathMatchers(OPEN).permitAll()
                        .pathMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        .anyExchange().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((exchange, ex) -> problems.write(exchange, unauthorized(), challenge()))
                        .accessDeniedHandler((exchange, ex) -> problems.write(exchange, forbidden(exchange), null)))
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(new RateLimitFilter(rateLimiters, properties, problems), SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    /**
     * Requests Spring Security's firewall refuses before anything else runs (an encoded slash or NUL in the
     * path, a non-normalised path, a method such as TRACE) are 400 problems like any other bad input.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange,
                Problems.invalid(List.of(new Problems.FieldError("request", rejected.getMessage()))), null);
    }

    private static ProblemDetail unauthorized() {
        return Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Unauthorized",
                "a valid API key is required in the " + ApiKeys.HEADER + " header (<keyId>.<secret>)");
    }

    private static ProblemDetail forbidden(ServerWebExchange exchange) {
        return Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                "this API key's role may not use " + exchange.getRequest().getPath().value());
    }

    private static ProblemDetail unavailable() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE,
                "Service unavailable", "API keys cannot be verified right now; retry later");
        problem.setProperty("dependency", "PostgreSQL");
        return problem;
    }

    private static HttpHeaders challenge() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeys.HEADER + "\"");
        return headers;
    }

    private static HttpHeaders retryLater() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return headers;
    }
}
