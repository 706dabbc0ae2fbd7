package dev.leeway.projection.stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * One database transaction per batch (read-model rows and their positions commit together), and savepoints
 * inside it, so that one event's failure can be undone without undoing its neighbours.
 */
@Component
public class StreamTransactions {

    /** Where rebuilds build their tables; created by migration V7. */
    public static final String SHADOW_SCHEMA = "read_model_shadow";

    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final JdbcTemplate jdbc;

    StreamTransactions(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    /**
     * A transaction whose unqualified table names resolve in the rebuild's shadow schema: the projections, their
     * positions and the placer run there unchanged. Nothing else is on the path, so a table a projection did not
     * declare fails instead of writing live.
     */
    public <T> T inShadowTransaction(Supplier<T> work) {
        return transaction.execute(status -> {
            jdbc.execute("SET LOCAL search_path TO " + SHADOW_SCHEMA);
            return work.get();
        });
    }

    /** Runs inside the caller's transaction; if it throws, its writes are rolled back to the savepoint. */
    <T> T inSavepoint(Supplier<T> work) {
        return savepoint.execute(status -> work.get());
    }
}
