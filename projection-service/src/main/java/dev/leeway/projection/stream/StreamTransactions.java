package dev.leeway.projection.stream;

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
class StreamTransactions {

    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    StreamTransactions(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    /** Runs inside the caller's transaction; if it throws, its writes are rolled back to the savepoint. */
    <T> T inSavepoint(Supplier<T> work) {
        return savepoint.execute(status -> work.get());
    }
}
