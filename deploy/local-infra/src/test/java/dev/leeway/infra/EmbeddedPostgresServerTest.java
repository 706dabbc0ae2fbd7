package dev.leeway.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesARestartOfAPersistentServer() throws SQLException {
        int port = FreePorts.next();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, port)) {
            server.ensureDatabase("leeway");
            execute(server, "CREATE TABLE note (text varchar(40))", "INSERT INTO note VALUES ('kept')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, port)) {
            server.ensureDatabase("leeway");
            try (Connection connection = connect(server);
                 ResultSet rows = connection.createStatement().executeQuery("SELECT text FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("leeway"), EmbeddedPostgresServer.SUPERUSER, "");
    }
}
