package dev.leeway.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server run from the binaries that zonky publishes on Maven Central: no install, no container.
 * <p>
 * Local use only: initdb runs with {@code trust} authentication, so role passwords are not checked, while role
 * privileges (who may read, who may write) are enforced exactly as on any PostgreSQL.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    /** Where a persistent server keeps its data; null for a throw-away one. */
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * A server whose data survives restarts in {@code dataDirectory}, on a fixed port. zonky's defaults trade
     * durability for test speed (no fsync, asynchronous commit); a platform that keeps data puts both back, so
     * that what the services acknowledged is on disk.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port) {
        return start(dataDirectory, EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPort(port));
    }

    /** A throw-away server for tests: random port, data deleted on close. */
    public static EmbeddedPostgresServer startEphemeral() {
        return start(null, EmbeddedPostgres.builder());
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, EmbeddedPostgres.Builder builder) {
        try {
            return new EmbeddedPostgresServer(builder
                    // Three services, each with a pool, plus tests: more than the default 100 connections.
                    .setServerConfig("max_connections", "300")
                    // Whoever starts the server stops it, after the services that use it: zonky's own
                    // shutdown hook would stop PostgreSQL under services still shutting down.
                    .setRegisterShutdownHook(false)
                    .start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists; PostgreSQL has no CREATE DATABASE IF NOT EXISTS. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /**
     * What {@code pg_ctl stop -m immediate} does: SIGQUIT to the postmaster, which ends every backend at once
     * without a checkpoint, as in a crash (the next start replays the write-ahead log). Only for a persistent
     * server; start it again with {@link #startPersistent} on the same folder and port (this one is closed).
     */
    public void crash() {
        if (dataDirectory == null) {
            throw new IllegalStateException("only a persistent server can be crashed and started again");
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed");
            }
            ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.onExit().join());
            releaseDataDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find the postmaster in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while crashing PostgreSQL", e);
        }
    }

    /**
     * zonky holds a lock on the data folder for as long as its server object lives; closing it lets a new server
     * start on the folder. Its attempt to stop the server that is gone already fails, which is expected here.
     */
    private void releaseDataDirectory() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException alreadyGone) {
            // the postmaster is gone: there was nothing to stop
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
