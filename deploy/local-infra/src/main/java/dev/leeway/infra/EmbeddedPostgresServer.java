package dev.leeway.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server whose data survives restarts in {@code dataDirectory}, on a fixed port. zonky's defaults trade
     * durability for test speed (no fsync, asynchronous commit); a platform that keeps data puts both back, so
     * that what the services acknowledged is on disk.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port) {
        return start(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPort(port));
    }

    /** A throw-away server for tests: random port, data deleted on close. */
    public static EmbeddedPostgresServer startEphemeral() {
        return start(EmbeddedPostgres.builder());
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new EmbeddedPostgresServer(builder
                    // Three services, each with a pool, plus tests: more than the default 100 connections.
                    .setServerConfig("max_connections", "300")
                    // Whoever starts the server stops it, after the services that use it: zonky's own
                    // shutdown hook would stop PostgreSQL under services still shutting down.
                    .setRegisterShutdownHook(false)
                    .start());
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

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
