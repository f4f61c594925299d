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
 * is disconnected (it reconnects and gets a fresh Welcome). Thread-safe.
 */
final class DeskConnection {
    private static final Logger log = LoggerFactory.getLogger(DeskConnection.class);
    static final int MAX_BACKLOG = 2_000;

    private final DeskSession session;
    private final WsContext ws;
    private final Executor writers;
    private final ConcurrentLinkedQueue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    DeskConnection(DeskSession session, WsContext ws, Executor writers) {
        this.session = session;
        this.ws = ws;
        this.writers = writers;
    }

    DeskSession session() {
        return session;
    }

    String id() {
        return ws.sessionId();
    }

    void send(String json) {
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
                    ws.send(next);
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
            ws.closeSession(status, reason);
        } catch (RuntimeException e) {
            log.debug("closing {} failed: {}", session.login(), e.toString());
        }
    }

    boolean isOpen() {
        return !closed && ws.session.isOpen();
    }
}
