package io.parley.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one test class: H2 in memory, or a new PostgreSQL database created on the server
 * at {@code PARLEY_TEST_PG} (default {@code 127.0.0.1:5432}, user {@code postgres}) and dropped afterwards.
 * Where no PostgreSQL answers, its tests are skipped with a message, unless {@code PARLEY_REQUIRE_POSTGRES} is
 * {@code true} (as in CI), when they fail.
 */
final class TestDatabase implements AutoCloseable {

    private static final String PG_HOST = System.getenv().getOrDefault("PARLEY_TEST_PG", "127.0.0.1:5432");
    private static final String PG_USER = System.getenv().getOrDefault("PARLEY_TEST_PG_USER", "postgres");

    final String kind;
    final String name;
    final DataSource dataSource;

    private TestDatabase(String kind, String name, DataSource dataSource) {
        this.kind = kind;
        this.name = name;
        this.dataSource = dataSource;
    }

    static TestDatabase h2() {
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("parley");
        return new TestDatabase("h2", name, ds);
    }

    static TestDatabase postgres() {
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String why = "No PostgreSQL at " + PG_HOST + " (user " + PG_USER + "): " + e.getMessage()
                    + ". The PostgreSQL store tests are skipped; set PARLEY_TEST_PG (host:port) to point at one.";
            if (Boolean.parseBoolean(System.getenv("PARLEY_REQUIRE_POSTGRES"))) {
                Assertions.fail(why + " PARLEY_REQUIRE_POSTGRES is set, so this is a failure.");
            }
            Assumptions.abort(why);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(name));
        ds.setUser(PG_USER);
        return new TestDatabase("postgresql", name, ds);
    }

    static String url(String database) {
        return "jdbc:postgresql://" + PG_HOST + "/" + database;
    }

    static Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(url("postgres"), PG_USER, "");
    }

    /** Liberty's persistence unit, with this database in place of the server's data source. */
    EntityManagerFactory persistenceUnit() {
        return Persistence.createEntityManagerFactory("parley",
                Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
    }

    @Override
    public void close() throws SQLException {
        if (kind.equals("postgresql")) {
            try (Connection admin = admin(); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } else {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }
}
