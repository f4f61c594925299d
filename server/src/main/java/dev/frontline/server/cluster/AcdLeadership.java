package dev.frontline.server.cluster;

import dev.frontline.core.cluster.EpochFence;
import dev.frontline.core.cluster.PgLeadership;
import dev.frontline.core.store.AppendFence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server's side of the election on PostgreSQL: a server starts its ACD (and opens its ports) only once it leads,
 * so a standby never routes; while it waits, {@link #awaitElected} blocks. When it is deposed the fence closes at
 * once and {@link #deposed} completes: the server stops (systemd starts it again, as a standby). Thread-safe.
 */
public final class AcdLeadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AcdLeadership.class);

    private final EpochFence fence = new EpochFence();
    private final CompletableFuture<Long> elected = new CompletableFuture<>();
    private final CompletableFuture<String> deposed = new CompletableFuture<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "acd-leadership-events");
        t.setDaemon(true);
        return t;
    });
    private final PgLeadership leadership;
    private final ClusterConfig config;

    public AcdLeadership(String jdbcUrl, String user, String password, ClusterConfig config) {
        this.config = config;
        this.leadership = new PgLeadership(jdbcUrl, user, password, config.serverId(), config.lease(),
                new PgLeadership.Listener() {
                    @Override
                    public void elected(long epoch) {
                        fence.hold(epoch);
                        elected.complete(epoch);
                    }

                    @Override
                    public void deposed(String why) {
                        fence.hold(EpochFence.NONE);
                        deposed.complete(why);
                    }
                }, events);
    }

    /** The pool's URL: its sessions carry this server's name, so a successor can end them. */
    public String poolUrl(String jdbcUrl) {
        return PgLeadership.withApplicationName(jdbcUrl, config.serverId());
    }

    /** The fence for {@code call_events} appends. */
    public AppendFence fence() {
        return fence;
    }

    /** Starts the heartbeat and blocks until this server leads; the epoch. */
    public long awaitElected() {
        leadership.start(config.heartbeat());
        if (!elected.isDone()) {
            log.info("standby ({}): waiting to become the ACD leader; another server leads", config.serverId());
        }
        try {
            return elected.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to lead", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Completes with the reason when this server stops leading. */
    public CompletableFuture<String> deposed() {
        return deposed;
    }

    public String serverId() {
        return config.serverId();
    }

    @Override
    public void close() {
        leadership.close();
        events.shutdown();
    }
}
