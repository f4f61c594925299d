package dev.frontline.core.cluster;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.LongConsumer;

/**
 * LISTENs to {@code frontline_call_events} (V106: every insert into {@code call_events} notifies the highest position it
 * wrote, on commit) on a dedicated connection of its own, opened with the driver like {@link PgLeadership}'s (a
 * transaction-mode pooler would lose the LISTEN), and hands each position to {@code sink} on its own daemon thread.
 * A broken connection is logged and opened again after {@link #RECONNECT_AFTER_MS}; notifications sent meanwhile are
 * lost, which is why the warm standby also polls. Thread-safe.
 */
public final class PgLogNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgLogNotifications.class);
    public static final String CHANNEL = "frontline_call_events";
    static final int RECONNECT_AFTER_MS = 1_000;
    private static final int WAIT_MS = 500;

    private final String jdbcUrl;
    private final Properties props = new Properties();
    private final LongConsumer sink;
    private final Thread thread;
    private volatile boolean closed;

    /** @param sink called with each notified position, on this object's thread; it must not block for long */
    public PgLogNotifications(String jdbcUrl, String user, String password, String serverId, LongConsumer sink) {
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", PgLeadership.applicationName(serverId));
        props.setProperty("tcpKeepAlive", "true");
        this.sink = sink;
        this.thread = new Thread(this::run, "call-events-listen");
        this.thread.setDaemon(true);
    }

    public PgLogNotifications start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(WAIT_MS);
                    if (got == null) {
                        continue;
                    }
                    long last = -1;
                    for (PGNotification n : got) {
                        last = Math.max(last, position(n.getParameter()));
                    }
                    if (last >= 0) {
                        sink.accept(last);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("LISTEN {}: {} (again in {} ms; the poll covers what is missed)", CHANNEL, e.getMessage(),
                        RECONNECT_AFTER_MS);
                try {
                    Thread.sleep(RECONNECT_AFTER_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static long position(String payload) {
        try {
            return Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            log.warn("LISTEN {}: ignoring the payload '{}' (not a position)", CHANNEL, payload);
            return -1;
        }
    }

    /**
     * Stops listening without waiting: its thread sees this within {@code 500 ms} and closes its own connection (a
     * takeover does not wait for it); a position may still reach {@code sink} meanwhile.
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** Whether its thread has ended (after {@link #close}). */
    public boolean stopped() {
        return !thread.isAlive();
    }
}
