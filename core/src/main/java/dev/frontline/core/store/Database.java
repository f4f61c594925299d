package dev.frontline.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store: a pooled {@link DataSource} on SQLite (default) or PostgreSQL, migrated by Flyway on open.
 * SQLite runs with WAL, a busy timeout and foreign keys on. Writes that need no answer can go through the store's
 * one writer thread ({@link #writeBehind}, {@link #writeNow}: group commit, see {@link StoreWriter}); reads that must
 * see them call {@link #flush} first. {@link #close} commits what is queued. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    /** Prepared statements per physical connection; entries go when the pool drops the connection. */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new WeakHashMap<>();
    private final StoreWriter writer = new StoreWriter(this);
    /** Changes this process made, by what changed (see {@link #changed}). */
    private final Map<String, AtomicLong> localChanges = new ConcurrentHashMap<>();

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Opens and migrates a SQLite file, creating its directory. */
    public static Database sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    /**
     * Opens and migrates the database at {@code jdbcUrl} ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}).
     *
     * @throws StoreException when the URL is of another kind or the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("frontline-store");
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(jdbcUrl);
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.setBusyTimeout(10_000);
            sc.enforceForeignKeys(true);
            // a write transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the busy
            // timeout; a deferred one that read first fails at once with SQLITE_BUSY(_SNAPSHOT) when another
            // connection wrote in between (ADR 0118). Reads use read(): deferred, no lock
            sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource sds = new SQLiteDataSource(sc);
            sds.setUrl(jdbcUrl);
            hc.setDataSource(sds);
            hc.setMaximumPoolSize(4);
        } else {
            hc.setJdbcUrl(jdbcUrl);
            hc.setUsername(user);
            hc.setPassword(password);
            hc.setMaximumPoolSize(16);
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.folder())
                    .placeholders(Map.of("id", dialect.autoIdColumn()))
                    // modules own version ranges (V2-V9, V10-V19, ...): a lower version arriving after a higher one
                    // is another module's migration, independent by design, so apply it instead of refusing
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the store at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return new Database(ds, dialect);
    }

    /** For {@code jdbc:sqlite:data/frontline.db}: creates {@code data/} (not for in-memory or URI forms). */
    private static void createParentDirectory(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes queued for the writer thread and not yet committed. */
    public int pendingWrites() {
        return writer.depth();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} with a prepared statement for {@code sql} on a pooled connection in auto-commit mode. The
     * statement is prepared once per physical connection and reused by later calls (SQLite compiles every statement
     * it is given, which costs more than a keyed lookup itself). {@code work} must close any result set it opens, must set
     * every parameter (earlier values stay bound) and must not keep the statement.
     */
    public <T> T withStatement(String sql, StatementWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Connection physical = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
            Map<String, PreparedStatement> cache;
            synchronized (statements) {
                cache = statements.computeIfAbsent(physical, k -> new HashMap<>());
            }
            // a physical connection is checked out to one thread at a time, so its own map needs no lock
            PreparedStatement ps = cache.get(sql);
            if (ps == null || ps.isClosed()) {
                ps = physical.prepareStatement(sql);
                cache.put(sql, ps);
            }
            return work.run(ps);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. On SQLite it
     * begins with {@code BEGIN IMMEDIATE}: it waits (up to the busy timeout) for the write lock before its first
     * statement, so a transaction that reads and then writes never fails because another one wrote in between.
     * Read-only work should use {@link #read}, which takes no lock.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        return transaction(work, true);
    }

    /**
     * Runs read-only {@code work} in one transaction that sees one consistent state of the store. On SQLite it is
     * deferred (WAL: it neither takes nor waits for the write lock); it must not write.
     */
    public <T> T read(SqlWork<T> work) {
        return transaction(work, false);
    }

    private <T> T transaction(SqlWork<T> work, boolean write) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            SQLiteConfig.TransactionMode mode = write ? SQLiteConfig.TransactionMode.IMMEDIATE
                    : SQLiteConfig.TransactionMode.DEFERRED;
            beginAs(c, mode);
            c.setAutoCommit(false);
            // sqlite-jdbc begins the next transaction right after a commit or rollback: a deferred one takes no lock
            beginAs(c, SQLiteConfig.TransactionMode.DEFERRED);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
                beginAs(c, SQLiteConfig.TransactionMode.IMMEDIATE);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** On SQLite: how the connection's next transaction begins; nothing on PostgreSQL. */
    private void beginAs(Connection c, SQLiteConfig.TransactionMode mode) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            c.unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(mode);
        }
    }

    /**
     * Queues {@code work} for the store's writer thread and returns at once: it is committed in order with every
     * other queued write, typically within a millisecond, in one transaction with whatever else is waiting. Until
     * then other connections do not see it (readers that must: {@link #flush} first); a process killed in between
     * loses it. A failure is logged naming {@code what}.
     *
     * @throws StoreException when the store is closed
     */
    public void writeBehind(String what, SqlWork<?> work) {
        writer.writeBehind(what, work);
    }

    /**
     * Runs {@code work} on the store's writer thread (after every write queued before it) and returns once it is
     * committed: durable as {@link #inTransaction}, sharing a commit with the queued writes.
     *
     * @throws StoreException when it failed (or the store is closed)
     */
    public <T> T writeNow(String what, SqlWork<T> work) {
        return writer.writeNow(what, work);
    }

    /**
     * Runs {@code action} on the writer thread once every write queued before it is committed (or has failed). It
     * must be quick and must not use the store.
     */
    public void afterWrites(String what, Runnable action) {
        writer.afterWrites(what, action);
    }

    /**
     * Notes that this process changed {@code what} (e.g. {@code customers}), after committing it: an in-memory view of
     * it compares {@link #changes} with what it saw instead of asking the store.
     */
    public void changed(String what) {
        localChanges.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** How many times this process noted a change of {@code what} ({@link #changed}). */
    public long changes(String what) {
        AtomicLong n = localChanges.get(what);
        return n == null ? 0 : n.get();
    }

    /** Waits until every write queued by {@link #writeBehind} before this call is committed (or has failed). */
    public void flush() {
        writer.flush();
    }

    /**
     * True when this process is the store's only server (a SQLite file), so what a live call is doing may be kept in
     * memory in front of the store; false for PostgreSQL, which several servers may share (another server may
     * handle the next webhook of a call), so such state is read from the store every time.
     */
    public boolean serverLocal() {
        return dialect == Dialect.SQLITE;
    }

    /** Commits the queued writes, then closes the pool. */
    @Override
    public void close() {
        writer.close();
        dataSource.close();
    }

    /** Work with one prepared statement. */
    @FunctionalInterface
    public interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The two supported databases. */
    public enum Dialect {
        SQLITE("sqlite", "INTEGER PRIMARY KEY AUTOINCREMENT"),
        POSTGRESQL("postgresql", "BIGSERIAL PRIMARY KEY");

        private final String folder;
        private final String autoIdColumn;

        Dialect(String folder, String autoIdColumn) {
            this.folder = folder;
            this.autoIdColumn = autoIdColumn;
        }

        String folder() {
            return folder;
        }

        String autoIdColumn() {
            return autoIdColumn;
        }

        static Dialect of(String jdbcUrl) {
            if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
                return SQLITE;
            }
            if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            throw new StoreException("store.url must start with jdbc:sqlite: or jdbc:postgresql: (got '" + jdbcUrl + "')", null);
        }
    }
}
