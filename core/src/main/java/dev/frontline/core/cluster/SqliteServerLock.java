package dev.frontline.core.cluster;

import dev.frontline.core.store.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One SQLite file serves one server: a second server on it would start a second ACD, replay the same log and route
 * the same callers. The server holds an OS lock on {@code <file>.server-lock} (with its pid in it) while it runs; the
 * OS releases it when the process ends, however it ends (kill -9 included), so a stale lock file never blocks a
 * restart. Command-line tools (import, operators) do not take it: they may run beside the server.
 */
public final class SqliteServerLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the SQLite file in {@code jdbcUrl}; empty for in-memory SQLite and for PostgreSQL.
     *
     * @throws StoreException naming the file and the other server's pid when another server holds it
     */
    public static Optional<SqliteServerLock> forStore(String jdbcUrl) {
        return file(jdbcUrl).map(SqliteServerLock::acquire);
    }

    /** The database file of a {@code jdbc:sqlite:FILE[?...]} URL; empty for other URLs and in-memory forms. */
    static Optional<Path> file(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath().normalize());
    }

    static SqliteServerLock acquire(Path db) {
        Path lockFile = db.resolveSibling(db.getFileName() + ".server-lock");
        FileChannel ch;
        try {
            Files.createDirectories(lockFile.getParent());
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open the server lock " + lockFile + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) { // held by a server in this very process
            lock = null;
        } catch (IOException e) {
            close(ch);
            throw new StoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(lockFile);
            close(ch);
            throw new InUse("another frontline server" + holder + " already uses the SQLite store " + db
                    + " (it holds " + lockFile + "); one SQLite file serves one server: stop the other one, or put"
                    + " several servers on PostgreSQL (store.url: jdbc:postgresql://..., see deploy/cluster/README.md)");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            // the pid is only for the message a second server prints
        }
        return new SqliteServerLock(ch, lock);
    }

    private static String holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    /** Releases the lock (the file stays: deleting it could let two servers lock two different files). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    /** Another server holds the file: a set-up to change (exit 2 from {@code serve}), not a store to wait for. */
    public static final class InUse extends StoreException {
        InUse(String message) {
            super(message, null);
        }
    }
}
