package io.rtx.gateway.support;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a failed PostgreSQL or Redis call means the store is unavailable: unreachable, disconnected or
 * too slow. Only those count towards a circuit breaker (resilience4j's {@code record-failure-predicate})
 * and answer 503; a statement the store refused is not an outage and must not turn one client's request
 * into a 503 for everyone.
 */
public final class StoreOutage implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return isOutage(failure);
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof IOException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException || cause instanceof R2dbcTransientException
                    || cause instanceof R2dbcNonTransientResourceException) {
                return true;
            }
        }
        return false;
    }
}
