package dev.frontline.core.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Elects one ACD leader among the servers sharing a PostgreSQL: the leader holds a session-level advisory lock on a
 * dedicated connection of its own (opened with the driver, never through a pool or a transaction-mode pooler: the
 * lock lives as long as that session) and increments {@code acd_leader.epoch} when it takes over; {@link EpochFence}
 * checks that epoch on every append.
 *
 * <p>A dead leader's session ends and the lock is free at once. A paused leader (SIGSTOP, a long GC, a frozen VM)
 * keeps its session, so the leader also renews a lease ({@code acd_lease.renewed_at}, PostgreSQL's clock, never the
 * servers') on every {@link #tick}; a standby that finds the lease older than {@code lease} ends every session of the
 * old leader (its lock session and its pool's, which rolls back an append in flight: sessions are recognised by
 * their {@code application_name}, see {@link #applicationName}), takes the lock and increments the epoch. When the
 * old leader resumes, its appends are refused and its own next tick reports it deposed.
 *
 * <p>{@link #tick} is one round (renew, or try to lead); {@link #start} runs it every {@code every} on its own thread.
 * The listener is called on {@code events}, never on the ticking thread, so a long rebuild does not stop the heartbeat.
 * Thread-safe.
 */
public final class PgLeadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgLeadership.class);
    /** The advisory lock's key ("FrontLn"): one ACD per database. */
    static final long LOCK_KEY = 0x46726f6e744c6eL;
    /** How long a standby waits for a terminated old leader's lock to go. */
    private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(2);

    /** What becoming and ceasing to be the leader means to the server. */
    public interface Listener {
        /** This server leads at {@code epoch}: fence with it, then rebuild and route. */
        void elected(long epoch);

        /** This server no longer leads (another took over, or its lock session is gone): stop routing at once. */
        void deposed(String why);
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String serverId;
    private final Duration lease;
    private final Listener listener;
    private final Executor events;
    private Connection session;
    private volatile boolean leader;
    private volatile long epoch = EpochFence.NONE;
    private ScheduledExecutorService ticker;
    private boolean closed;

    /**
     * @param serverId unique among the servers on this database (it names their sessions: {@link #applicationName})
     * @param lease    how long a leader may go without renewing before a standby ends its sessions and takes over
     * @param events   where the listener runs (a single thread keeps elected/deposed in order)
     */
    public PgLeadership(String jdbcUrl, String user, String password, String serverId, Duration lease,
                        Listener listener, Executor events) {
        if (serverId.isBlank() || applicationName(serverId).length() > 63) {
            throw new IllegalArgumentException("server id must be 1-" + (63 - applicationName("").length())
                    + " characters: '" + serverId + "'");
        }
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.serverId = serverId;
        this.lease = lease;
        this.listener = listener;
        this.events = events;
    }

    /** The {@code application_name} of every session of server {@code serverId}. */
    public static String applicationName(String serverId) {
        return "frontline:" + serverId;
    }

    /** {@code jdbcUrl} with {@code ApplicationName} set, so the pool's sessions carry the server's name too. */
    public static String withApplicationName(String jdbcUrl, String serverId) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName="
                + URLEncoder.encode(applicationName(serverId), StandardCharsets.UTF_8);
    }

    /** Ticks every {@code every} on a daemon thread, the first time now. */
    public synchronized PgLeadership start(Duration every) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "acd-leadership");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public boolean leader() {
        return leader;
    }

    /** The epoch this server leads at, {@link EpochFence#NONE} when it does not. */
    public long epoch() {
        return epoch;
    }

    public String serverId() {
        return serverId;
    }

    /** One round: the leader renews its lease; a standby tries to lead. Never throws. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        try {
            if (session == null || session.isClosed()) {
                session = connect();
            }
            if (leader) {
                renew();
            } else {
                tryToLead();
            }
        } catch (SQLException | RuntimeException e) {
            closeSession();
            if (leader) {
                depose("its leadership session failed: " + e.getMessage());
            } else {
                log.warn("ACD leadership: cannot reach the store: {}", e.getMessage());
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName(serverId));
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    private void renew() throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("UPDATE acd_lease SET renewed_at = clock_timestamp()"
                + " WHERE id = 1 AND holder = ? AND epoch = ?")) {
            ps.setString(1, serverId);
            ps.setLong(2, epoch);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        unlock();
        depose("another server took over the ACD");
    }

    private void tryToLead() throws SQLException {
        boolean got = tryLock();
        if (!got) {
            Lease l = lease();
            if (l.holder() == null || l.holder().equals(serverId) || l.ageMillis() <= lease.toMillis()) {
                return; // a live leader: stay standby
            }
            int ended = terminate(l.holder());
            log.warn("ACD leader {} has not renewed its lease for {} ms (limit {} ms): ended its {} store session(s)"
                    + " to take over", l.holder(), l.ageMillis(), lease.toMillis(), ended);
            long until = System.nanoTime() + TAKEOVER_WAIT.toNanos();
            while (!got && System.nanoTime() < until) {
                sleep(25);
                got = tryLock();
            }
            if (!got) {
                return;
            }
        }
        long elected;
        session.setAutoCommit(false);
        try {
            String previous = holder();
            if (previous != null && !previous.equals(serverId)) {
                terminate(previous); // its pool may hold an append open (FOR SHARE): roll it back
            }
            try (Statement s = session.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '5s'");
            }
            try (PreparedStatement ps = session.prepareStatement("UPDATE acd_leader SET epoch = epoch + 1, holder = ?,"
                    + " since = clock_timestamp() WHERE id = 1 RETURNING epoch")) {
                ps.setString(1, serverId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    elected = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = session.prepareStatement("UPDATE acd_lease SET holder = ?, epoch = ?,"
                    + " renewed_at = clock_timestamp() WHERE id = 1")) {
                ps.setString(1, serverId);
                ps.setLong(2, elected);
                ps.executeUpdate();
            }
            session.commit();
        } catch (SQLException | RuntimeException e) {
            session.rollback();
            session.setAutoCommit(true);
            unlock();
            throw e;
        }
        session.setAutoCommit(true);
        leader = true;
        epoch = elected;
        log.info("this server ({}) is the ACD leader at epoch {}", serverId, elected);
        events.execute(() -> listener.elected(elected));
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void unlock() {
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        } catch (SQLException e) {
            closeSession(); // ending the session releases it
        }
    }

    private record Lease(String holder, long ageMillis) {}

    private Lease lease() throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT holder,"
                + " (EXTRACT(EPOCH FROM clock_timestamp() - renewed_at) * 1000)::bigint FROM acd_lease WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Lease(rs.getString(1), rs.getLong(2)) : new Lease(null, 0);
        }
    }

    private String holder() throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT holder FROM acd_leader WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Ends every session of server {@code holder} (never this one's); how many. */
    private int terminate(String holder) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                + " FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, applicationName(holder));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void depose(String why) {
        leader = false;
        epoch = EpochFence.NONE;
        log.error("this server ({}) is no longer the ACD leader: {}", serverId, why);
        events.execute(() -> listener.deposed(why));
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // gone anyway
            }
            session = null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops ticking and ends the lock session: the lock is free for a standby at once. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            closed = true;
            t = ticker;
        }
        if (t != null) {
            t.shutdownNow();
        }
        synchronized (this) {
            if (leader && session != null) {
                unlock(); // at once: a closed session's backend may release it a moment later
            }
            closeSession();
            leader = false;
            epoch = EpochFence.NONE;
        }
    }
}
