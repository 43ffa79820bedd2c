package io.rtx.gateway.problems;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;

/**
 * The body of every error, as the OpenAPI document describes it: RFC 7807's members and the properties RTX
 * adds to some kinds. The gateway writes Spring's {@code ProblemDetail}; this record only names its shape.
 */
@Schema(name = "Problem", description = "application/problem+json (RFC 7807); `type` says which error it is")
public record Problem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "urn:rtx:problem:invalid-request") URI type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Invalid request") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400") int status,
        @Schema(example = "price: '100.001' has more than 2 decimals or is out of range") String detail,
        @Schema(example = "/api/v1/orders") URI instance,
        @Schema(description = "invalid-request: the first offending field", example = "price") String field,
        @Schema(description = "invalid-request: every offending field") List<Problems.FieldError> errors,
        @Schema(description = "order-rejected, account-command-refused, conflict: the reason code",
                example = "INSUFFICIENT_BALANCE") String reason,
        @Schema(description = "order-rejected", example = "170324526133366785") String orderId,
        @Schema(description = "order-rejected", example = "my-order-0002") String clientOrderId,
        @Schema(description = "rate-limited: as the Retry-After header", example = "1") Long retryAfterSeconds,
        @Schema(description = "service-unavailable: the store that is down", example = "PostgreSQL")
        String dependency) {
}
