package dev.frontline.server.asterisk;

import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asterisk-Java's FastAGI server with the two guards it lacks: only the configured Asterisk hosts get past
 * {@code accept()} (others are closed, counted and logged), and a connection refused because the pool is full is
 * counted and logged with the numbers needed to size {@code asterisk.pool-max}. The pool is a plain
 * {@link ThreadPoolExecutor} without a queue: a waiting FastAGI channel would hear silence, a refused one follows the
 * dialplan's fallback at once.
 */
final class GuardedAgiServer extends DefaultAgiServer {
    private static final Logger log = LoggerFactory.getLogger(GuardedAgiServer.class);
    private static final int BACKLOG = 1024;
    private static final long THREAD_STACK_BYTES = 512 * 1024;

    private final Set<InetAddress> allowed;
    private final AgiStats stats;
    private final int poolCore;
    private final int poolMax;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicLong poolFullLogged = new java.util.concurrent.atomic.AtomicLong();

    GuardedAgiServer(AsteriskConfig config, MappingStrategy mapping, AgiStats stats) {
        super(mapping);
        this.allowed = Set.copyOf(config.allowedHosts());
        this.stats = stats;
        this.poolCore = config.poolCore();
        this.poolMax = config.poolMax();
        setAddress(config.bind());
        setPort(config.port());
        setPoolSize(config.poolCore());
        setMaximumPoolSize(config.poolMax());
    }

    /** Completes when the socket is bound, or exceptionally with the bind error. */
    CompletableFuture<Void> listening() {
        return listening;
    }

    @Override
    protected ServerSocketFacade createServerSocket() throws IOException {
        java.net.ServerSocket socket;
        try {
            socket = new java.net.ServerSocket(getPort(), BACKLOG, getAddress());
        } catch (IOException e) {
            listening.completeExceptionally(e);
            throw e;
        }
        listening.complete(null);
        log.info("FastAGI listening on {}:{}, allowed hosts {}, pool {}..{}", getAddress().getHostAddress(), getPort(),
                allowed.stream().map(InetAddress::getHostAddress).toList(), poolCore, poolMax);
        return new AllowListSocket(socket);
    }

    @Override
    protected void execute(Runnable command) throws RejectedExecutionException {
        try {
            super.execute(command);
            stats.acceptedInc();
        } catch (RejectedExecutionException e) {
            long n = stats.poolFullInc();
            long now = System.currentTimeMillis();
            long last = poolFullLogged.get();
            if (now - last >= 60_000 && poolFullLogged.compareAndSet(last, now)) {
                log.warn("FastAGI connection refused: all {} channel threads busy (refused so far: {}; logged at most"
                        + " once a minute); raise asterisk.pool-max", poolMax, n);
            }
            throw e;
        }
    }

    @Override
    protected ThreadPoolExecutor createPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(null, r, "agi-" + n.incrementAndGet(), THREAD_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(poolCore, poolMax, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** Closes connections from hosts outside the allow-list before Asterisk-Java reads a byte of them. */
    /** How long Asterisk has to send the whole AGI environment (it sends it at once). */
    static final Duration ENVIRONMENT_TIME = Duration.ofSeconds(5);
    /** How long a reply may take: a Dial's comes when the conversation ends. */
    static final Duration REPLY_TIMEOUT = Duration.ofHours(4);

    /**
     * Closes connections from hosts outside the allow-list before a byte of them is read (logged at most once a
     * minute, all counted); the others are read within bounds ({@link BoundedAgiConnection}).
     */
    private final class AllowListSocket implements ServerSocketFacade {
        private final java.net.ServerSocket delegate;
        private final java.util.concurrent.atomic.AtomicLong lastLogged = new java.util.concurrent.atomic.AtomicLong();

        AllowListSocket(java.net.ServerSocket delegate) {
            this.delegate = delegate;
        }

        @Override
        public SocketConnectionFacade accept() throws IOException {
            while (true) {
                java.net.Socket s = delegate.accept();
                InetAddress remote = s.getInetAddress();
                if (allowed.contains(remote)) {
                    try {
                        return new BoundedAgiConnection(s, ENVIRONMENT_TIME, REPLY_TIMEOUT);
                    } catch (IOException e) {
                        log.debug("FastAGI connection from {} failed at once", remote, e);
                        s.close();
                        continue;
                    }
                }
                long count = stats.notAllowedInc();
                long now = System.currentTimeMillis();
                long last = lastLogged.get();
                if (now - last >= 60_000 && lastLogged.compareAndSet(last, now)) {
                    log.warn("FastAGI connection from {} refused: not in asterisk.allowed-hosts (or a PBX's agi-hosts)"
                            + " {} (refused so far: {}; logged at most once a minute)", remote.getHostAddress(),
                            List.copyOf(allowed.stream().map(InetAddress::getHostAddress).toList()), count);
                }
                try {
                    s.close();
                } catch (IOException e) {
                    log.debug("closing refused FastAGI connection", e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public void setSocketReadTimeout(int timeout) {
            // each connection has its own bounds (BoundedAgiConnection)
        }
    }
}
