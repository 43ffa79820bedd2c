package io.rtx.gateway.accounts;

import io.rtx.gateway.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@Tag(name = "Account", description = "Your balances and trades")
@RestController
@RequestMapping(path = "/api/v1/accounts/me", produces = MediaType.APPLICATION_JSON_VALUE)
public class AccountController {

    private final AccountQueries queries;

    public AccountController(AccountQueries queries) {
        this.queries = queries;
    }

    @Operation(operationId = "getBalances", summary = "Your balances per asset: available and reserved by open orders")
    @GetMapping("/balances")
    public Mono<AccountQueries.Balances> balances(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller) {
        return queries.balances(caller.requireAccount());
    }

    @Operation(operationId = "listMyTrades", summary = "Your trades, newest first")
    @GetMapping("/trades")
    public Mono<List<AccountQueries.MyTrade>> trades(
            @Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z0-9._-]{1,32}") String symbol,
            @Parameter(description = "only trades before this time (ISO-8601), to page backwards")
            @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return queries.trades(caller.requireAccount(), symbol, before, limit);
    }
}
