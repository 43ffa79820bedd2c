package io.rtx.gateway.admin;

import io.rtx.engine.instrument.Instrument;
import io.rtx.engine.instrument.Redefinition;
import io.rtx.engine.order.ReasonCode;
import io.rtx.events.AccountCommandMessage;
import io.rtx.events.InstrumentMessage;
import io.rtx.events.Topics;
import io.rtx.gateway.kafka.CommandPublisher;
import io.rtx.gateway.markets.InstrumentCatalog;
import io.rtx.gateway.orders.OrderIds;
import io.rtx.gateway.orders.OrderValidation;
import io.rtx.gateway.problems.ConflictException;
import io.rtx.gateway.problems.InvalidRequestException;
import io.rtx.gateway.problems.NotFoundException;
import io.rtx.gateway.problems.Problem;
import io.rtx.gateway.problems.Problems;
import io.rtx.gateway.security.ApiKeyStore;
import io.rtx.gateway.security.ApiKeys;
import io.rtx.gateway.security.Role;
import io.rtx.gateway.support.GatewayProperties;
import io.rtx.gateway.support.ParameterGrammar;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Administration (ADMIN keys only): accounts, API keys, deposits and withdrawals, the kill switch, and
 * instruments. Account commands wait for risk's account event like orders wait for their report.
 */
@Tag(name = "Admin", description = "Accounts, API keys, transfers, kill switch, instruments (ADMIN role)")
@RestController
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminController {

    /** The definition's fields, in the order a message naming several is attributed. */
    private static final List<String> FIELDS = List.of("tickSize", "lotSize", "minQuantity", "maxQuantity",
            "priceBandPercent", "referencePrice", "maxNotional", "quantityScale", "priceScale", "baseScale",
            "quoteScale", "makerFeeBps", "takerFeeBps");

    private final AccountCommands accounts;
    private final OpenedAccounts opened;
    private final ApiKeyStore keys;
    private final OrderIds ids;
    private final InstrumentCatalog instruments;
    private final CommandPublisher publisher;
    private final Duration timeout;

    public AdminController(AccountCommands accounts, OpenedAccounts opened, ApiKeyStore keys, OrderIds ids,
                           InstrumentCatalog instruments, CommandPublisher publisher, GatewayProperties properties) {
        this.accounts = accounts;
        this.opened = opened;
        this.keys = keys;
        this.ids = ids;
        this.instruments = instruments;
        this.publisher = publisher;
        this.timeout = properties.accountCommandTimeout();
    }

    @Operation(operationId = "openAccount",
            summary = "Open an account (201; 409 if it exists; 202 if risk did not answer in time)",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Opened",
                            content = @Content(schema = @Schema(implementation = AdminViews.AccountState.class))),
                    @ApiResponse(responseCode = "202",
                            description = "Published; risk did not answer within the timeout",
                            content = @Content(schema = @Schema(implementation = AdminViews.CommandPending.class))),
                    @ApiResponse(responseCode = "409", description = "The account exists")})
    @PostMapping(path = "/accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> openAccount(@Valid @RequestBody AdminRequests.OpenAccount request) {
        long accountId = request.accountId() == null ? ids.next() : accountId(request.accountId());
        return run(AccountCommandMessage.Kind.OPEN, accountId, null, null, HttpStatus.CREATED);
    }

    private static long accountId(String text) {
        try {
            return ParameterGrammar.parseLong(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("accountId", e.getMessage());
        }
    }

    @Operation(operationId = "createApiKey",
            summary = "Issue an API key for the account; the secret is shown only in this response",
            responses = @ApiResponse(responseCode = "201", description = "Issued"))
    @PostMapping(path = "/accounts/{accountId}/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<AdminViews.IssuedKey>> createKey(@PathVariable long accountId,
                                                                @Valid @RequestBody AdminRequests.CreateApiKey request) {
        ApiKeys.Issued issued = ApiKeys.issue();
        Role role = Role.valueOf(request.role());
        return opened.exists(accountId)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("account " + accountId + " not found")))
                .then(keys.insert(issued.keyId(), accountId, issued.hash(), role))
                .thenReturn(ResponseEntity.status(HttpStatus.CREATED)
                        .header("Cache-Control", "no-store")
                        .body(new AdminViews.IssuedKey(issued.keyId(), issued.apiKey(), Long.toString(accountId),
                                role.name(), Instant.now())));
    }

    @Operation(operationId = "revokeApiKey",
            summary = "Revoke an API key (takes effect on every gateway within rtx.gateway.key-cache-ttl)",
            responses = @ApiResponse(responseCode = "204", description = "Revoked"))
    @DeleteMapping("/accounts/{accountId}/api-keys/{keyId}")
    public Mono<ResponseEntity<Void>> revokeKey(@PathVariable long accountId,
                                                @PathVariable @Pattern(regexp = ApiKeys.KEY_ID_PATTERN,
                                                        message = "is not an API key id") String keyId) {
        return keys.revoke(keyId, accountId).map(revoked -> {
            if (!revoked) {
                throw new NotFoundException("no active key " + keyId + " for account " + accountId);
            }
            return ResponseEntity.noContent().build();
        });
    }

    @Operation(operationId = "deposit",
            summary = "Deposit into the account (200 with balances; 422 with reason if refused)")
    @AccountCommandResponses
    @PostMapping(path = "/accounts/{accountId}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> deposit(@PathVariable long accountId,
                                                @Valid @RequestBody AdminRequests.Transfer request) {
        validateAmount(request);
        return run(AccountCommandMessage.Kind.DEPOSIT, accountId, request.asset(), request.amount(), HttpStatus.OK);
    }

    @Operation(operationId = "withdraw",
            summary = "Withdraw from the account's available balance (422 INSUFFICIENT_BALANCE if short)")
    @AccountCommandResponses
    @PostMapping(path = "/accounts/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> withdraw(@PathVariable long accountId,
                                                 @Valid @RequestBody AdminRequests.Transfer request) {
        validateAmount(request);
        return run(AccountCommandMessage.Kind.WITHDRAW, accountId, request.asset(), request.amount(), HttpStatus.OK);
    }

    @Operation(operationId = "suspendAccount",
            summary = "Kill switch: suspend the account and cancel all its open orders")
    @AccountCommandResponses
    @PostMapping("/accounts/{accountId}/suspend")
    public Mono<ResponseEntity<Object>> suspend(@PathVariable long accountId) {
        return run(AccountCommandMessage.Kind.SUSPEND, accountId, null, null, HttpStatus.OK);
    }

    @Operation(operationId = "resumeAccount", summary = "Resume a suspended account")
    @AccountCommandResponses
    @PostMapping("/accounts/{accountId}/resume")
    public Mono<ResponseEntity<Object>> resume(@PathVariable long accountId) {
        return run(AccountCommandMessage.Kind.RESUME, accountId, null, null, HttpStatus.OK);
    }

    @Operation(operationId = "defineInstrument",
            summary = "Define or redefine an instrument (200 once this gateway serves it; 202 if not yet; "
                    + "409 naming the field if the redefinition could strand resting orders)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Defined, and served by this gateway",
                            content = @Content(schema = @Schema(implementation = InstrumentMessage.class))),
                    @ApiResponse(responseCode = "202", description = "Published; not served by this gateway yet",
                            content = @Content(schema = @Schema(implementation = InstrumentMessage.class))),
                    @ApiResponse(responseCode = "409", description = "A redefinition the engine refuses while orders may rest",
                            content = @Content(mediaType = "application/problem+json",
                                    schema = @Schema(implementation = Problem.class)))})
    @PutMapping(path = "/instruments/{symbol}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> defineInstrument(
            @PathVariable @Pattern(regexp = "[A-Z0-9]{1,12}-[A-Z0-9]{1,12}", message = "must look like BASE-QUOTE") String symbol,
            @Valid @RequestBody AdminRequests.DefineInstrument r) {
        InstrumentMessage definition = new InstrumentMessage(symbol, r.baseAsset(),
                r.baseScale(), r.quoteAsset(), r.quoteScale(), r.priceScale(), r.quantityScale(), r.tickSize(),
                r.lotSize(), r.minQuantity(), r.maxQuantity(), r.priceBandPercent(), r.referencePrice(),
                r.maxNotional(), r.makerFeeBps(), r.takerFeeBps(),
                r.selfTradePolicy() == null ? "CANCEL_NEWEST" : r.selfTradePolicy());
        Instrument next;
        try {
            next = definition.toInstrument();
        } catch (RuntimeException e) {
            throw new InvalidRequestException(fieldOf(e.getMessage()), String.valueOf(e.getMessage()));
        }
        // The core reads 0 as "no reference price" (definitions that predate the field); a new one has one.
        OrderValidation.positive("referencePrice", r.referencePrice(), r.priceScale());
        instruments.find(symbol).map(current -> current.instrument().redefinitionTo(next))
                .filter(change -> !change.allowed()).ifPresent(change -> {
                    throw redefinitionRefused(change);
                });
        keepsAssetScale("baseScale", r.baseAsset(), r.baseScale());
        keepsAssetScale("quoteScale", r.quoteAsset(), r.quoteScale());
        return publisher.publish(Topics.INSTRUMENTS, symbol, definition)
                .then(Flux.interval(Duration.ofMillis(20))
                        .filter(i -> instruments.find(symbol).filter(e -> e.message().equals(definition)).isPresent())
                        .next().timeout(timeout)
                        .<ResponseEntity<Object>>thenReturn(ResponseEntity.ok(definition))
                        .onErrorResume(java.util.concurrent.TimeoutException.class,
                                e -> Mono.just(ResponseEntity.accepted().body(definition))));
    }

    /**
     * Every balance, hold and fee of an asset is a long in the asset's scale, in risk's state and in the
     * ledger: an instrument may never redefine the scale of an asset another instrument already trades.
     */
    private void keepsAssetScale(String field, String asset, int scale) {
        instruments.assetScale(asset).filter(known -> known != scale).ifPresent(known -> {
            throw new InvalidRequestException(field, "asset " + asset + " already has scale " + known
                    + "; an asset's scale can never change");
        });
    }

    private Mono<ResponseEntity<Object>> run(AccountCommandMessage.Kind kind, long accountId, String asset,
                                             String amount, HttpStatus success) {
        return accounts.send(kind, accountId, asset, amount).map(sent -> {
            if (sent.result().isEmpty()) {
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(new AdminViews.CommandPending(Long.toString(accountId), sent.commandId(), kind.name(),
                                "PENDING"));
            }
            var event = sent.result().get();
            if (!event.accepted()) {
                throw refusal(kind, accountId, event.reason());
            }
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(success);
            if (success == HttpStatus.CREATED) {
                builder.location(URI.create("/api/v1/admin/accounts/" + accountId));
            }
            return builder.body(AdminViews.AccountState.of(event));
        });
    }

    private void validateAmount(AdminRequests.Transfer request) {
        int scale = instruments.assetScale(request.asset())
                .orElseThrow(() -> new InvalidRequestException("asset", "no instrument trades '" + request.asset() + "'"));
        OrderValidation.positive("amount", request.amount(), scale);
    }

    /** Risk's reason code as an answer: 409 for an account that exists, 404 for none, else 422 with the code. */
    private static ErrorResponseException refusal(AccountCommandMessage.Kind kind, long accountId, String reason) {
        ReasonCode code = Arrays.stream(ReasonCode.values()).filter(c -> c.name().equals(reason)).findFirst()
                .orElse(null);
        if (code == ReasonCode.ACCOUNT_EXISTS) {
            return new ConflictException(code.name(), "account " + accountId + " already exists");
        }
        if (code == ReasonCode.UNKNOWN_ACCOUNT) {
            return new NotFoundException("account " + accountId + " not found");
        }
        return refused(kind, reason);
    }

    private static ErrorResponseException redefinitionRefused(Redefinition change) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, Problems.INSTRUMENT_REDEFINITION_REFUSED,
                "Instrument redefinition refused", change.detail());
        problem.setProperty("reason", change.refusal().name());
        problem.setProperty("field", change.field());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static ErrorResponseException refused(AccountCommandMessage.Kind kind, String reason) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "account-command-refused",
                "Account command refused", kind + " was refused: " + reason);
        problem.setProperty("reason", reason);
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, null);
    }

    /** Core validation messages start with the offending property where there is one, else mention it. */
    private static String fieldOf(String message) {
        if (message == null) {
            return "body";
        }
        String lower = message.toLowerCase();
        return FIELDS.stream().filter(message::startsWith).findFirst()
                .or(() -> FIELDS.stream().filter(f -> lower.contains(f.toLowerCase())).findFirst())
                .orElse("body");
    }
}
