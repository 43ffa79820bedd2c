package io.rtx.gateway.orders;

import io.rtx.engine.order.OrderStatus;
import io.rtx.events.OrderCommandMessage;
import io.rtx.gateway.problems.NotFoundException;
import io.rtx.gateway.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@Tag(name = "Orders", description = "Place, modify and query your own orders")
@RestController
@RequestMapping(path = "/api/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrderController {

    static final String REPLAY_HEADER = "Idempotent-Replay";

    private final OrderEntry entry;
    private final OrderQueries queries;

    public OrderController(OrderEntry entry, OrderQueries queries) {
        this.entry = entry;
        this.queries = queries;
    }

    @Operation(operationId = "placeOrder", summary = "Place an order and wait for the pre-trade risk decision",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Accepted by risk: status PENDING_NEW (or later)",
                            content = @Content(schema = @Schema(implementation = OrderView.class))),
                    @ApiResponse(responseCode = "202", description = "Published; no decision within the timeout "
                            + "(status PENDING): the order will be decided, see GET /api/v1/orders/{orderId}",
                            content = @Content(schema = @Schema(implementation = OrderPending.class))),
                    @ApiResponse(responseCode = "422",
                            description = "Rejected; the problem's `reason` is the reason code")})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> place(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
                                              @Valid @RequestBody PlaceOrderRequest request) {
        long receivedNanos = System.nanoTime();
        return entry.place(caller, request, receivedNanos).map(OrderController::answer);
    }

    static ResponseEntity<Object> answer(OrderEntry.Placed placed) {
        if (placed.report() != null) {
            if (OrderStatus.REJECTED.name().equals(placed.report().status())) {
                throw OrderRejectedException.of(placed.report(), placed.replay());
            }
            return created(placed, OrderView.of(placed.report(), placed.timeInForce()));
        }
        if (placed.stored() != null) {
            if (OrderStatus.REJECTED.name().equals(placed.stored().status())) {
                throw new OrderRejectedException(placed.stored().orderId(), placed.stored().clientOrderId(),
                        placed.stored().reason(), true);
            }
            return created(placed, placed.stored());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/orders/" + placed.orderId()))
                .header(REPLAY_HEADER, Boolean.toString(placed.replay()))
                .body(new OrderPending(Long.toString(placed.orderId()), placed.clientOrderId(), null, "PLACE",
                        OrderPending.PENDING));
    }

    private static ResponseEntity<Object> created(OrderEntry.Placed placed, OrderView view) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/orders/" + placed.orderId()))
                .header(REPLAY_HEADER, Boolean.toString(placed.replay()))
                .body(view);
    }

    @Operation(operationId = "cancelOrder",
            summary = "Cancel an order (202: the outcome arrives as an execution report)",
            responses = @ApiResponse(responseCode = "202", description = "Published"))
    @DeleteMapping("/{orderId}")
    public Mono<ResponseEntity<OrderPending>> cancel(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
                                                     @PathVariable long orderId) {
        return entry.modify(caller, orderId, OrderCommandMessage.Kind.CANCEL, null, null).map(OrderController::accepted);
    }

    @Operation(operationId = "amendOrderPrice",
            summary = "Amend a resting order's price (202: the outcome arrives as an execution report)",
            responses = @ApiResponse(responseCode = "202", description = "Published"))
    @PatchMapping(path = "/{orderId}/price", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<OrderPending>> amendPrice(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
                                                         @PathVariable long orderId,
                                                         @Valid @RequestBody AmendPriceRequest request) {
        return entry.modify(caller, orderId, OrderCommandMessage.Kind.AMEND_PRICE, request.price(), null)
                .map(OrderController::accepted);
    }

    @Operation(operationId = "reduceOrderQuantity",
            summary = "Reduce an order's total quantity (202: the outcome arrives as an execution report)",
            responses = @ApiResponse(responseCode = "202", description = "Published"))
    @PatchMapping(path = "/{orderId}/quantity", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<OrderPending>> reduceQuantity(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
                                                             @PathVariable long orderId,
                                                             @Valid @RequestBody ReduceQuantityRequest request) {
        return entry.modify(caller, orderId, OrderCommandMessage.Kind.REDUCE_QUANTITY, null, request.quantity())
                .map(OrderController::accepted);
    }

    private static ResponseEntity<OrderPending> accepted(OrderPending pending) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/orders/" + pending.orderId())).body(pending);
    }

    @Operation(operationId = "getOrder", summary = "One of your orders (404 if it is not yours)")
    @GetMapping("/{orderId}")
    public Mono<OrderView> get(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
                               @PathVariable long orderId) {
        return queries.find(caller.requireAccount(), orderId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("order " + orderId + " not found")));
    }

    @Operation(operationId = "listOrders", summary = "Your orders, newest first")
    @GetMapping
    public Mono<OrderQueries.Page> list(@Parameter(hidden = true) @AuthenticationPrincipal ApiKeyPrincipal caller,
                                        @RequestParam(required = false) @Pattern(regexp = "[A-Z0-9._-]{1,32}") String symbol,
                                        @RequestParam(required = false)
                                        @Pattern(regexp = "NEW|PARTIALLY_FILLED|FILLED|CANCELED|EXPIRED|REJECTED",
                                                message = "must be NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED or REJECTED")
                                        String status,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.list(caller.requireAccount(), symbol, status, page, size);
    }
}
