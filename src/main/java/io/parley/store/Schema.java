package io.parley.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema, owned by Flyway's versioned migrations in {@code db/migration}. Several servers starting at once
 * against one PostgreSQL are safe: Flyway holds a lock in the database while it migrates, and the others wait
 * for it and then find nothing left to do.
 */
public final class Schema {

    private Schema() {
    }

    /** Brings the schema up to date; returns how many migrations were applied now. */
    public static int migrate(DataSource dataSource, ClassLoader classLoader) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                // Liberty's class loader finds a folder only through a file in it: db/migration/flyway.location
                // (and db/callback/flyway.location, where Flyway looks for callbacks, none of them Parley's)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The database's product and version, and where it is (without credentials). */
    public static String describe(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String url = meta.getURL();
            int query = url == null ? -1 : url.indexOf('?');
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at "
                    + (query < 0 ? url : url.substring(0, query));
        } catch (SQLException e) {
            return "a database that does not answer (" + WriteFailures.describe(e) + ")";
        }
    }
}
