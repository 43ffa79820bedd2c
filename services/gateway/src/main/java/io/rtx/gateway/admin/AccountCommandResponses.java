package io.rtx.gateway.admin;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** What an account command answers: the account once risk applied the command, or 202 if risk was late. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "200", description = "Applied: the account's state",
        content = @Content(schema = @Schema(implementation = AdminViews.AccountState.class)))
@ApiResponse(responseCode = "202", description = "Published; risk did not answer within the timeout",
        content = @Content(schema = @Schema(implementation = AdminViews.CommandPending.class)))
@ApiResponse(responseCode = "422", description = "Refused by risk; the problem's `reason` says why")
@interface AccountCommandResponses {
}
