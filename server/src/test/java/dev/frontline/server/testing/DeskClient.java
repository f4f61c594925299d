package dev.frontline.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A desktop as the protocol sees it: java.net.http over loopback, HTTP + WebSocket (docs/api.md). */
public final class DeskClient {
    public static final ObjectMapper JSON = ApiJson.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public DeskClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Reply post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply postForm(String path, String form, String forwardedFor) {
        HttpRequest.Builder b = request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return send(b);
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A GET as a browser set to {@code acceptLanguage} sends it (no token). */
    public Reply getAsBrowser(String path, String acceptLanguage) {
        return send(request(path, null).header("Accept-Language", acceptLanguage).GET());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in; returns the token (fails the test on anything but 200). */
    public String login(String login, String password) {
        Reply r = post("/api/login", null, "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("login " + login + " -> " + r.status() + " " + r.body());
        }
        return r.json().get("token").asText();
    }

    public Socket connect(String token) {
        Socket s = new Socket();
        s.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(base.replace("http", "ws") + "/api/ws?token=" + token), s).join();
        return s;
    }

    public CompletableFuture<WebSocket> connectAsync(String token) {
        return http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/api/ws?token=" + token),
                new Socket());
    }

    /** An open desktop WebSocket: received messages in order, the close status once closed. */
    public static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        public volatile String closeReason;
        private final AtomicInteger ids = new AtomicInteger();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readValue(partial.toString(), ServerMessage.class));
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.completeExceptionally(error);
        }

        public void sendRaw(String text) {
            ws.sendText(text, true).join();
        }

        public String send(ClientMessage m) {
            try {
                sendRaw(JSON.writerFor(ClientMessage.class).writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return m.id();
        }

        public String nextId() {
            return "c" + ids.incrementAndGet();
        }

        private final java.util.List<ServerMessage> skipped = new java.util.ArrayList<>();

        /** The next message of {@code type} (earlier skipped ones first); fails after {@code seconds}. */
        public <T extends ServerMessage> T await(Class<T> type, int seconds) throws InterruptedException {
            return type.cast(next(type::isInstance, seconds, type.getSimpleName()));
        }

        /** The reply to command {@code id}: an Ack, an ErrorReply or KbSuggestions. */
        public ServerMessage reply(String id) throws InterruptedException {
            return next(m -> m instanceof ServerMessage.Ack a && id.equals(a.replyTo())
                    || m instanceof ServerMessage.ErrorReply e && java.util.Objects.equals(id, e.replyTo())
                    || m instanceof ServerMessage.KbSuggestions k && id.equals(k.replyTo()), 5, "reply to " + id);
        }

        private synchronized ServerMessage next(java.util.function.Predicate<ServerMessage> wanted, int seconds,
                                                String what) throws InterruptedException {
            for (java.util.Iterator<ServerMessage> it = skipped.iterator(); it.hasNext(); ) {
                ServerMessage m = it.next();
                if (wanted.test(m)) {
                    it.remove();
                    return m;
                }
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                long left = end - System.nanoTime();
                ServerMessage m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("no " + what + " within " + seconds + " s");
                }
                if (wanted.test(m)) {
                    return m;
                }
                skipped.add(m);
            }
        }

        /** Everything received within {@code millis} (for "nothing of this kind arrives"). */
        public List<ServerMessage> drain(long millis) throws InterruptedException {
            Thread.sleep(millis);
            List<ServerMessage> out;
            synchronized (this) {
                out = new java.util.ArrayList<>(skipped);
                skipped.clear();
            }
            received.drainTo(out);
            return out;
        }

        public void close() {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            }
        }
    }
}
