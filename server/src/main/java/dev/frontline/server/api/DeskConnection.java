package dev.frontline.server.api;

import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open desktop WebSocket. Messages are queued and written by one drainer at a time on the shared writer pool,
 * so a slow desktop never blocks the ACD or another desktop; one that falls {@value #MAX_BACKLOG} messages behind
 * is disconnected (it reconnects and gets a fresh Welcome). A new connection holds what it is sent until
 * {@link #open} writes its Welcome first: it can join the hub before its Welcome is made, so no event falls between
 * the two. Thread-safe.
 */
final class DeskConnection {
    private static final Logger log = LoggerFactory.getLogger(DeskConnection.class);
    static final int MAX_BACKLOG = 2_000;

    /** Where the messages go: the WebSocket (or a test's list). */
    interface Wire {
        String id();

        void send(String text);

        void close(int status, String reason);

        boolean isOpen();
    }

    private final DeskSession session;
    private final Wire wire;
    private final Executor writers;
    private final ConcurrentLinkedQueue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Messages sent before {@link #open}; null once open. Guarded by {@code this}. */
    private java.util.List<String> held = new java.util.ArrayList<>();
    private volatile boolean opened;
    private volatile boolean closed;

    DeskConnection(DeskSession session, WsContext ws, Executor writers) {
        this(session, new Wire() {
            @Override public String id() { return ws.sessionId(); }
            @Override public void send(String text) { ws.send(text); }
            @Override public void close(int status, String reason) { ws.closeSession(status, reason); }
            @Override public boolean isOpen() { return ws.session.isOpen(); }
        }, writers);
    }

    DeskConnection(DeskSession session, Wire wire, Executor writers) {
        this.session = session;
        this.wire = wire;
        this.writers = writers;
    }

    /** Writes {@code welcome} first, then what was sent meanwhile, and from now on sends at once. */
    void open(String welcome) {
        synchronized (this) {
            if (opened) {
                throw new IllegalStateException("desk connection " + id() + " is open already");
            }
            enqueue(welcome);
            held.forEach(this::enqueue);
            held = null;
            opened = true;
        }
    }

    DeskSession session() {
        return session;
    }

    String id() {
        return wire.id();
    }

    void send(String json) {
        if (closed) {
            return;
        }
        if (!opened) {
            synchronized (this) {
                if (!opened) {
                    if (held.size() < MAX_BACKLOG) {
                        held.add(json);
                    } else { // never opened (its Welcome failed): do not keep its events forever
                        close(1011, "no welcome: reconnect");
                    }
                    return;
                }
            }
        }
        enqueue(json);
    }

    private void enqueue(String json) {
        if (closed) {
            return;
        }
        if (backlog.incrementAndGet() > MAX_BACKLOG) {
            log.warn("desktop {} fell {} messages behind; disconnecting it", session.login(), MAX_BACKLOG);
            close(1008, "too slow: reconnect");
            return;
        }
        outbox.add(json);
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        try {
            String next;
            while (!closed && (next = outbox.poll()) != null) {
                backlog.decrementAndGet();
                try {
                    wire.send(next);
                } catch (RuntimeException e) {
                    log.debug("send to {} failed: {}", session.login(), e.toString());
                    closed = true;
                }
            }
        } finally {
            draining.set(false);
        }
        if (!closed && !outbox.isEmpty() && draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    void close(int status, String reason) {
        closed = true;
        outbox.clear();
        try {
            wire.close(status, reason);
        } catch (RuntimeException e) {
            log.debug("closing {} failed: {}", session.login(), e.toString());
        }
    }

    boolean isOpen() {
        return !closed && wire.isOpen();
    }
}
