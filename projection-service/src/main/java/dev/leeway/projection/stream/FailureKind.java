package dev.leeway.projection.stream;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Set;

/**
 * Whether applying an event failed because of the event (it will fail again: park it) or because of the
 * database's condition at the time (unreachable, overloaded, a lock conflict: retry the batch, skip nothing).
 * Anything not recognised as transient is the event's fault: a handler that throws on one event must not stop
 * the stream for every other aggregate.
 */
public enum FailureKind {
    TRANSIENT,
    PERMANENT;

    private static final List<Class<? extends Throwable>> TRANSIENT_TYPES = List.of(
            TransientDataAccessException.class,
            RecoverableDataAccessException.class,
            // Includes CannotGetJdbcConnectionException: the pool could not reach the database.
            DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class,
            TransactionSystemException.class,
            SQLTransientException.class,
            SQLRecoverableException.class,
            SQLNonTransientConnectionException.class,
            SocketException.class,
            SocketTimeoutException.class,
            InterruptedException.class);

    /**
     * SQLState classes of the database's condition: 08 connection, 40 transaction rollback (serialisation,
     * deadlock), 53 insufficient resources, 57 operator intervention (cancel, shutdown), 58 system (I/O) errors.
     * Class 22 (data) and 23 (integrity) errors, among others, are about the event.
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** Lock not available, and a transaction already aborted by an earlier failure. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("55P03", "25P02");
    /** Integrity violation detected at commit: about the data, whatever its class says. */
    private static final String INTEGRITY_AT_COMMIT = "40002";

    public static FailureKind of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isTransient(cause)) {
                return TRANSIENT;
            }
        }
        return PERMANENT;
    }

    private static boolean isTransient(Throwable cause) {
        if (TRANSIENT_TYPES.stream().anyMatch(type -> type.isInstance(cause))) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
            String state = sql.getSQLState();
            return TRANSIENT_SQL_STATES.contains(state)
                    || TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2)) && !state.equals(INTEGRITY_AT_COMMIT);
        }
        return false;
    }
}
