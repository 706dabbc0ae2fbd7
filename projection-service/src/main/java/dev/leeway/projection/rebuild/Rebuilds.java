package dev.leeway.projection.rebuild;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.projection.stream.FailureReason;
import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.ProjectionCatalog;
import dev.leeway.projection.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts rebuilds, one at a time per projection across every instance of the service: a rebuild holds a
 * PostgreSQL advisory lock on its own connection for as long as it runs, so a second one is refused, and one
 * whose process was killed releases it with its connection.
 */
@Component
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final long LOCK_SPACE = 0x4C65657761795200L;

    private final ProjectionCatalog projections;
    private final RebuildRunner runner;
    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();

    Rebuilds(ProjectionCatalog projections, RebuildRunner runner, DataSource dataSource, Clock clock) {
        this.projections = projections;
        this.runner = runner;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public synchronized RebuildView start(String name, boolean dryRun) {
        Projection projection = projections.named(name).orElseThrow(() -> new ApiProblem(
                ErrorCode.PROJECTION_NOT_FOUND, "No projection " + name + "; GET /projections lists them.", List.of()));
        Rebuild running = latest.get(name);
        if (running != null && !running.finished()) {
            throw runningAlready(name);
        }
        Connection lock = lock(projection).orElseThrow(() -> runningAlready(name));
        Rebuild rebuild = new Rebuild(name, dryRun, clock);
        latest.put(name, rebuild);
        Thread worker = new Thread(() -> run(projection, rebuild, lock), "rebuild-" + name);
        worker.setDaemon(true);
        worker.start();
        return rebuild.view();
    }

    public Optional<RebuildView> latest(String name) {
        return Optional.ofNullable(latest.get(name)).map(Rebuild::view);
    }

    public boolean running(String name) {
        Rebuild rebuild = latest.get(name);
        return rebuild != null && !rebuild.finished();
    }

    private void run(Projection projection, Rebuild rebuild, Connection lock) {
        log.info("Rebuild of {} started{}", projection.name(), rebuild.dryRun() ? " (dry run)" : "");
        try {
            runner.run(projection, rebuild);
            log.info("Rebuild of {} finished: {}", projection.name(), rebuild.view().state());
        } catch (RuntimeException e) {
            String reason = FailureReason.of(e);
            log.error("Rebuild of {} failed; the live read model is untouched: {}", projection.name(), reason);
            rebuild.fail(reason);
        } finally {
            try (lock; PreparedStatement unlock = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                // Explicitly: the pool keeps the session open when the connection is closed.
                unlock.setLong(1, lockKey(projection));
                unlock.execute();
            } catch (SQLException e) {
                log.warn("Could not close the rebuild lock's connection: {}", e.toString());
            }
        }
    }

    private Optional<Connection> lock(Projection projection) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, lockKey(projection));
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        return Optional.of(connection);
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the rebuild lock: " + e.getMessage(), e);
        }
    }

    private static long lockKey(Projection projection) {
        return lockKey(projection.name());
    }

    static long lockKey(String projection) {
        return LOCK_SPACE ^ projection.hashCode();
    }

    private static ApiProblem runningAlready(String name) {
        return new ApiProblem(ErrorCode.REBUILD_RUNNING, "A rebuild of " + name + " is running; follow it with "
                + "GET /projections/" + name + "/rebuild.", List.of());
    }
}
