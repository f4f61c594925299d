package dev.frontline.bench;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL ReportBench times on: the *IT tests' shared server (a temp data directory) or, with a
 * {@code pgdata} directory, a server on that directory kept between runs, whose database {@code frontline_year} holds a
 * loaded year (loaded as {@code frontline_year_loading} and renamed when done, so a load that died is not reused).
 */
final class KeptPostgres implements AutoCloseable {
    static final String NAME = "frontline_year";
    private final EmbeddedPostgres server;
    private final boolean kept;
    private final String dataDirectory;
    private String name;

    KeptPostgres(String dataDirectory) throws Exception {
        kept = !dataDirectory.isEmpty();
        this.dataDirectory = dataDirectory;
        server = kept ? EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(dataDirectory))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_wal_size", "4GB")
                .start() : PostgresTestDatabase.server();
    }

    private String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + db;
    }

    /** The loaded year: reused when the kept directory holds one, else loaded now. */
    Database open(int calls, boolean bulk) throws Exception {
        name = kept ? NAME : NAME + "_" + ProcessHandle.current().pid();
        if (kept && exists(name)) {
            long m0 = System.nanoTime();
            Database db = Database.open(url(name), "postgres", "postgres");
            System.out.printf("PostgreSQL: opened (migrations, with the backfill of any rollup the database did not have "
                    + "yet) in %,.1f s%n", (System.nanoTime() - m0) / 1e9);
            long n = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM calls")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            System.out.printf("PostgreSQL: reusing %s in %s (%,d calls; calls=%,d is not loaded again)%n", name,
                    dataDirectory, n, calls);
            return db;
        }
        String loading = name + "_loading";
        admin("DROP DATABASE IF EXISTS " + loading);
        admin("CREATE DATABASE " + loading);
        try (Database db = Database.open(url(loading), "postgres", "postgres")) {
            YearLoader.Loaded done = bulk ? YearLoader.bulkPostgres(db, url(loading), "postgres", "postgres", calls)
                    : YearLoader.slow(db, calls);
            System.out.printf("PostgreSQL: loaded %s%n", done.describe());
        }
        admin("ALTER DATABASE " + loading + " RENAME TO " + name);
        return Database.open(url(name), "postgres", "postgres");
    }

    String size() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size('" + name + "')")) {
            rs.next();
            return String.format("%s, %,.2f GB%s", name, rs.getLong(1) / 1e9, kept ? " (kept)" : "");
        }
    }

    private boolean exists(String db) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
            return rs.next();
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        if (kept) server.close();
    }
}
