package io.rtx.ledger.deadletter;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import io.rtx.ledger.support.Blocking;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Sorts a failed record into one of three kinds, because each needs a different answer in a ledger:
 * <ul>
 *   <li>{@link Kind#BAD_CONTENT}: retrying cannot help; straight to the dead-letter topic.</li>
 *   <li>{@link Kind#OUTAGE}: PostgreSQL or Redis is unreachable; retried without limit, because
 *       dead-lettering every record during an outage would silently hollow out the projections.</li>
 *   <li>{@link Kind#UNEXPECTED}: anything else; a few retries, then the dead-letter topic.</li>
 * </ul>
 */
public final class Failures {

    public enum Kind { BAD_CONTENT, OUTAGE, UNEXPECTED }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeserializationException || t instanceof SerializationException
                    || t instanceof IllegalArgumentException || t instanceof DataIntegrityViolationException) {
                return Kind.BAD_CONTENT;
            }
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof R2dbcTransientException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof Blocking.WriteTimeoutException || t instanceof SocketException
                    || t instanceof UnknownHostException || t instanceof ClosedChannelException
                    || t.getClass().getName().startsWith("io.lettuce.core.RedisConnectionException")
                    || t.getClass().getName().startsWith("io.lettuce.core.RedisCommandTimeoutException")) {
                return Kind.OUTAGE;
            }
        }
        return Kind.UNEXPECTED;
    }

    /** The dead-letter reason: the message of the exception that says what was wrong with the record. */
    public static String reason(Throwable failure) {
        Throwable chosen = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (chosen == null && (t instanceof SerializationException || t instanceof IllegalArgumentException
                    || t instanceof DataIntegrityViolationException)) {
                chosen = t;
            }
        }
        Throwable source = chosen != null ? chosen : root;
        String message = source.getMessage();
        return message == null || message.isBlank() ? source.getClass().getName() : message;
    }
}
