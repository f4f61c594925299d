package dev.frontline.desktop.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live WebSocket ({@code /api/ws?token=}). Messages reach the {@link Listener} on the client's delivery
 * executor, in order; queue snapshots are coalesced (only the newest waiting one is delivered), so a busy server
 * cannot flood the UI thread. Reconnects with back-off until {@link #close()}d; the server's Welcome restores the
 * state. Thread-safe.
 */
public final class LiveConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);
    private static final long[] BACKOFF_MS = {250, 500, 1000, 2000, 4000};

    /** Connection status shown in the UI. */
    public enum Status { CONNECTING, ONLINE, RECONNECTING, EXPIRED, CLOSED }

    /** Called on the delivery executor. */
    public interface Listener {
        void onMessage(ServerMessage message);

        default void onStatus(Status status, String detail) {}
    }

    private final ApiClient client;
    private final Views.LoginResponse session;
    private final Listener listener;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<ServerMessage.QueueSnapshot> latestSnapshot = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "frontline-reconnect");
        t.setDaemon(true);
        return t;
    });
    private final Object sendLock = new Object();
    private volatile WebSocket socket;
    private volatile URI server; // the server of the last attempt
    private volatile boolean closed;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private int attempt;

    LiveConnection(ApiClient client, Views.LoginResponse session, Listener listener) {
        this.client = client;
        this.session = session;
        this.listener = listener;
    }

    void open() {
        status(attempt == 0 ? Status.CONNECTING : Status.RECONNECTING, null);
        server = client.base();
        URI http = server.resolve("api/ws?token=" + URLEncoder.encode(session.token(), StandardCharsets.UTF_8));
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        client.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, new Frames())
                .whenComplete((w, e) -> {
                    if (e != null) failed(e);
                });
    }

    /**
     * Sends a command (its {@code id} is filled in when blank); the future completes on the delivery executor with
     * the Ack (or KbSuggestions) answering it, or fails with an {@link ApiException} carrying the server's error.
     */
    public CompletableFuture<ServerMessage> send(java.util.function.Function<String, ClientMessage> command) {
        ClientMessage m = command.apply("c" + ids.incrementAndGet());
        CompletableFuture<ServerMessage> answer = new CompletableFuture<>();
        WebSocket w = socket;
        if (w == null || closed) {
            return client.onDeliver(CompletableFuture.failedFuture(new ApiException(0, "not connected to the server")));
        }
        String text;
        try {
            text = client.json().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        pending.put(m.id(), answer);
        synchronized (sendLock) {
            sendChain = sendChain.handle((x, e) -> null).thenCompose(x -> w.sendText(text, true))
                    .whenComplete((x, e) -> {
                        if (e != null) {
                            CompletableFuture<ServerMessage> p = pending.remove(m.id());
                            if (p != null) p.completeExceptionally(new ApiException("send failed", e));
                        }
                    });
        }
        timer.schedule(() -> {
            CompletableFuture<ServerMessage> p = pending.remove(m.id());
            if (p != null) p.completeExceptionally(new ApiException(0, "no answer from the server in 10 s"));
        }, 10, TimeUnit.SECONDS);
        return client.onDeliver(answer);
    }

    @Override
    public void close() {
        closed = true;
        WebSocket w = socket;
        socket = null;
        if (w != null) w.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        timer.shutdownNow();
        status(Status.CLOSED, null);
    }

    private void status(Status s, String detail) {
        client.deliver().execute(() -> listener.onStatus(s, detail));
    }

    private void failed(Throwable e) {
        socket = null;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401) {
            closed = true;
            status(Status.EXPIRED, "session expired: log in again");
            return;
        }
        if (ApiClient.notConnected(e)) {
            client.failOver(server); // dead, or a standby with its ports closed: the next server of the desk
        }
        reconnectLater(cause.getMessage());
    }

    private void reconnectLater(String why) {
        if (closed) return;
        long delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
        attempt++;
        log.info("live connection lost ({}), reconnecting in {} ms", why, delay);
        status(Status.RECONNECTING, why);
        try {
            timer.schedule(this::open, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private void dispatch(String text) {
        ServerMessage m;
        try {
            m = client.json().readValue(text, ServerMessage.class);
        } catch (JsonProcessingException e) {
            log.warn("unreadable server message ignored: {}", e.getOriginalMessage());
            return;
        }
        String replyTo = m instanceof ServerMessage.Ack a ? a.replyTo()
                : m instanceof ServerMessage.ErrorReply r ? r.replyTo()
                : m instanceof ServerMessage.KbSuggestions k ? k.replyTo() : null;
        if (replyTo != null) {
            CompletableFuture<ServerMessage> p = pending.remove(replyTo);
            if (p != null) {
                if (m instanceof ServerMessage.ErrorReply r) p.completeExceptionally(new ApiException(0, r.message()));
                else p.complete(m);
                return;
            }
        }
        if (m instanceof ServerMessage.QueueSnapshot s) {
            if (latestSnapshot.getAndSet(s) == null) {
                client.deliver().execute(() -> {
                    ServerMessage.QueueSnapshot newest = latestSnapshot.getAndSet(null);
                    if (newest != null) listener.onMessage(newest);
                });
            }
            return;
        }
        client.deliver().execute(() -> listener.onMessage(m));
    }

    private final class Frames implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            if (closed) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                return;
            }
            attempt = 0;
            status(Status.ONLINE, null);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            socket = null;
            if (statusCode == 4001) {
                closed = true;
                status(Status.EXPIRED, reason);
            } else {
                reconnectLater("closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failed(error);
        }
    }
}
