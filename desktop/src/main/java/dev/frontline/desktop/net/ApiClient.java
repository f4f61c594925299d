package dev.frontline.desktop.net;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.Views;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * HTTP side of the desktop API (paths as in docs/api.md). Thread-safe. Every future completes on {@code deliver},
 * the executor that hands results to the UI thread: callers never see a network thread.
 */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<URI> servers;
    private final java.util.concurrent.atomic.AtomicInteger current = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http;
    private final ObjectMapper json = ApiJson.mapper();
    private final Executor deliver;

    /**
     * @param base    server root, e.g. {@code http://127.0.0.1:8080/}
     * @param deliver where results and live messages are handed over (the FX thread in the app, direct in tests)
     */
    public ApiClient(URI base, Executor deliver) {
        this(List.of(base), deliver);
    }

    /**
     * @param servers the desk's servers in the order to try them: when the one in use stops answering (connection
     *                refused or timed out: dead, or a standby with its ports closed), requests and the live connection
     *                move to the next; the session token stays valid there (sessions live in the shared store)
     */
    public ApiClient(List<URI> servers, Executor deliver) {
        if (Objects.requireNonNull(servers, "servers").isEmpty()) {
            throw new IllegalArgumentException("at least one server");
        }
        this.servers = servers.stream().map(ApiClient::normalise).toList();
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** @throws IllegalArgumentException naming the text when it is not an http(s) URL */
    public static URI parseServerUrl(String text) {
        String t = text == null ? "" : text.trim();
        try {
            URI u = URI.create(t);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("server URL must look like http://host:port, not '" + t + "'");
            }
            return normalise(u);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("server URL")) throw e;
            throw new IllegalArgumentException("server URL must look like http://host:port, not '" + t + "'", e);
        }
    }

    /**
     * One URL or several separated by commas or spaces ({@code http://a:8080, http://b:8080}).
     *
     * @throws IllegalArgumentException naming the text that is not an http(s) URL
     */
    public static List<URI> parseServerUrls(String text) {
        String t = text == null ? "" : text.trim();
        List<URI> out = new java.util.ArrayList<>();
        for (String one : t.split("[,\\s]+")) {
            if (!one.isEmpty()) {
                out.add(parseServerUrl(one));
            }
        }
        if (out.isEmpty()) {
            return List.of(parseServerUrl(t)); // the error names the empty text
        }
        return List.copyOf(new java.util.LinkedHashSet<>(out));
    }

    private static URI normalise(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** The server in use. */
    public URI base() {
        return servers.get(current.get());
    }

    /** Every server this desk may use, in order. */
    public List<URI> servers() {
        return servers;
    }

    /**
     * {@code failed} stopped answering: the next server is used from now on (no change when another thread moved on
     * already, or there is one server).
     */
    void failOver(URI failed) {
        int i = servers.indexOf(failed);
        if (i >= 0 && servers.size() > 1) {
            current.compareAndSet(i, (i + 1) % servers.size());
        }
    }

    Executor deliver() {
        return deliver;
    }

    HttpClient http() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    public CompletableFuture<Views.LoginResponse> login(String login, String password) {
        return post(null, "api/login", new Views.LoginRequest(login, password), Views.LoginResponse.class);
    }

    /** Ends {@code s} on the server (204); the token is worthless afterwards. */
    public CompletableFuture<Void> logout(Views.LoginResponse s) {
        return send(request(s, "api/logout").POST(HttpRequest.BodyPublishers.noBody()).build(), body -> null);
    }

    /** Opens the live connection (WebSocket) for {@code session}; it reconnects by itself until closed. */
    public LiveConnection connect(Views.LoginResponse session, LiveConnection.Listener listener) {
        LiveConnection c = new LiveConnection(this, session, listener);
        c.open();
        return c;
    }

    public CompletableFuture<List<Views.CustomerCard>> searchCustomers(Views.LoginResponse s, String query) {
        return get(s, "api/customers?q=" + enc(query), new TypeReference<List<Views.CustomerCard>>() {});
    }

    /** A customer's card, open tickets and last contacts (one the operator was popped or searched). */
    public CompletableFuture<Views.CustomerDetail> customer(Views.LoginResponse s, long customerId) {
        return get(s, "api/customers/" + customerId, new TypeReference<Views.CustomerDetail>() {});
    }

    /** Supervisors: the wallboard chart's buckets since {@code from} (the desk's midnight), rebuilt by the server. */
    public CompletableFuture<List<Views.WaitPoint>> waitHistory(Views.LoginResponse s, java.time.Instant from) {
        return get(s, "api/wallboard/history?from=" + enc(from.toString()), new TypeReference<List<Views.WaitPoint>>() {});
    }

    /** The logged-in operator's own rating since {@code from} (count 0: none yet). */
    public CompletableFuture<Views.OperatorRating> myRating(Views.LoginResponse s, java.time.Instant from) {
        return get(s, "api/me/rating?from=" + enc(from.toString()), new TypeReference<Views.OperatorRating>() {});
    }

    /** The calls the logged-in operator answered since {@code from}, newest first. */
    public CompletableFuture<java.util.List<Views.MyCall>> myCalls(Views.LoginResponse s, java.time.Instant from) {
        return get(s, "api/me/calls?from=" + enc(from.toString()), new TypeReference<java.util.List<Views.MyCall>>() {});
    }

    /** Supervisors: open tickets per line against its target, and the most overdue. */
    public CompletableFuture<Views.TicketLines> ticketLines(Views.LoginResponse s) {
        return get(s, "api/wallboard/tickets", new TypeReference<Views.TicketLines>() {});
    }

    /** Supervisors: every operator's day since {@code from} (calls handled, AHT, occupancy). */
    public CompletableFuture<List<Views.OperatorDay>> operatorDays(Views.LoginResponse s, java.time.Instant from) {
        return get(s, "api/wallboard/operators?from=" + enc(from.toString()), new TypeReference<List<Views.OperatorDay>>() {});
    }

    /** Supervisors: callers' ratings since {@code from}, overall and per operator. */
    public CompletableFuture<Views.Ratings> ratings(Views.LoginResponse s, java.time.Instant from) {
        return get(s, "api/wallboard/ratings?from=" + enc(from.toString()), new TypeReference<Views.Ratings>() {});
    }

    /** The open tickets of the desk's own lines (supervisors: all), most urgent first. */
    /** Ready colleagues to consult, by name. */
    public CompletableFuture<List<Views.Colleague>> colleagues(Views.LoginResponse s) {
        return get(s, "api/colleagues", new TypeReference<List<Views.Colleague>>() {});
    }

    public CompletableFuture<Views.LineTickets> lineTickets(Views.LoginResponse s) {
        return get(s, "api/tickets", new TypeReference<Views.LineTickets>() {});
    }

    /** A ticket with its whole history. */
    public CompletableFuture<Views.TicketDetail> ticket(Views.LoginResponse s, String ticketId) {
        return get(s, "api/tickets/" + enc(ticketId), new TypeReference<Views.TicketDetail>() {});
    }

    /** A call's recordings, oldest first (403: not this desk's to hear). */
    public CompletableFuture<List<Views.Recording>> recordings(Views.LoginResponse s, String callId) {
        return get(s, "api/calls/" + enc(callId) + "/recordings", new TypeReference<List<Views.Recording>>() {});
    }

    /** A recording's WAV ({@code audioUrl}, else {@code /api/recordings/{id}/audio}); 404 when the file is gone. */
    public CompletableFuture<byte[]> recordingAudio(Views.LoginResponse s, Views.Recording r) {
        String url = r.audioUrl() == null || r.audioUrl().isBlank() ? "api/recordings/" + r.id() + "/audio" : r.audioUrl();
        String path = url.startsWith("/") ? url.substring(1) : url;
        HttpRequest req = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "audio/wav").header("Authorization", "Bearer " + s.token()).GET().build();
        return onDeliver(http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).handle((resp, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                throw new ApiException("cannot reach " + serverOf(req.uri()) + ": " + describe(cause), cause);
            }
            if (resp.statusCode() / 100 != 2) {
                String text = new String(resp.body(), StandardCharsets.UTF_8);
                throw new ApiException(resp.statusCode(), errorText(resp.statusCode(), text));
            }
            return resp.body();
        }));
    }

    public CompletableFuture<List<Views.CallbackRow>> callbacks(Views.LoginResponse s) {
        return get(s, "api/callbacks", new TypeReference<List<Views.CallbackRow>>() {});
    }

    /** The article's body to read on the call ({@code GET /api/kb/{id}}). */
    public CompletableFuture<Views.KbArticleText> article(Views.LoginResponse s, long id) {
        return get(s, "api/kb/" + id, new TypeReference<Views.KbArticleText>() {});
    }

    public CompletableFuture<List<Views.KbArticle>> knowledgeBase(Views.LoginResponse s, String query) {
        return get(s, "api/kb?q=" + enc(query), new TypeReference<List<Views.KbArticle>>() {});
    }

    /** Test phone: places a call on the simulated line. */
    public CompletableFuture<Views.PhoneCallAnswer> simDial(Views.LoginResponse s, String from, String to) {
        Views.PhoneCallRequest body = new Views.PhoneCallRequest(from, to == null || to.isBlank() ? null : to, null);
        return post(s, "api/sim/calls", body, Views.PhoneCallAnswer.class);
    }

    /** Test phone: the demo desk's sample callers (empty on any other store). */
    public CompletableFuture<java.util.List<Views.SampleCaller>> simSampleCallers(Views.LoginResponse s) {
        return get(s, "api/sim/sample-callers", new TypeReference<java.util.List<Views.SampleCaller>>() {});
    }

    /** Test phone input: {@code digits}, or {@code noInput} / {@code hangup} when digits is null. */
    public CompletableFuture<Views.PhoneCallAnswer> simInput(Views.LoginResponse s, String callId, String digits,
                                                            boolean hangup) {
        Views.PhoneInput body = hangup ? new Views.PhoneInput(null, null, true)
                : digits == null || digits.isEmpty() ? new Views.PhoneInput(null, true, null)
                : new Views.PhoneInput(digits, null, null);
        return post(s, "api/sim/calls/" + enc(callId) + "/input", body, Views.PhoneCallAnswer.class);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private <T> CompletableFuture<T> get(Views.LoginResponse s, String path, TypeReference<T> type) {
        HttpRequest.Builder b = request(s, path).GET();
        return send(b.build(), body -> json.readValue(body, type));
    }

    private <T> CompletableFuture<T> post(Views.LoginResponse s, String path, Object body, Class<T> type) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest.Builder b = request(s, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(b.build(), r -> json.readValue(r, type));
    }

    private HttpRequest.Builder request(Views.LoginResponse s, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (s != null) b.header("Authorization", "Bearer " + s.token());
        return b;
    }

    private interface Reader<T> {
        T read(String body) throws IOException;
    }

    private <T> CompletableFuture<T> send(HttpRequest req, Reader<T> reader) {
        return onDeliver(sendAnywhere(req, servers.size()).handle((resp, err) -> {
                    if (err != null) {
                        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                        throw new ApiException("cannot reach " + serverOf(req.uri()) + ": " + describe(cause), cause);
                    }
                    if (resp.statusCode() / 100 != 2) {
                        throw new ApiException(resp.statusCode(), errorText(resp), fieldErrors(resp.body()));
                    }
                    try {
                        return reader.read(resp.body());
                    } catch (IOException e) {
                        throw new ApiException("unreadable answer from " + req.uri().getPath() + ": " + e.getMessage(), e);
                    }
                })
                );
    }

    /**
     * Sends {@code req}; when its server does not take the connection, fails over and sends it to the next one,
     * {@code tries} servers at most. Only a connection that was never made is retried elsewhere: a request the
     * server may have received is not sent twice.
     */
    private CompletableFuture<HttpResponse<String>> sendAnywhere(HttpRequest req, int tries) {
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((resp, err) -> {
                    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                    if (err == null || tries <= 1 || !notConnected(cause)) {
                        return err == null ? CompletableFuture.completedFuture(resp)
                                : CompletableFuture.<HttpResponse<String>>failedFuture(cause);
                    }
                    URI failed = serverOf(req.uri());
                    failOver(failed);
                    URI next = base().resolve(failed.relativize(req.uri()).toString());
                    return sendAnywhere(HttpRequest.newBuilder(req, (name, value) -> true).uri(next).build(), tries - 1);
                }).thenCompose(f -> f);
    }

    /** Which of the servers {@code uri} goes to (the one in use when none: a URL from elsewhere). */
    private URI serverOf(URI uri) {
        String u = uri.toString();
        return servers.stream().filter(s -> u.startsWith(s.toString())).findFirst().orElse(base());
    }

    /** The connection itself failed (refused, reset before sending, timed out connecting). */
    static boolean notConnected(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Completes on the delivery executor: the one hand-over from network threads to the UI. */
    <T> CompletableFuture<T> onDeliver(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> deliver.execute(() -> {
            if (e != null) out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            else out.complete(v);
        }));
        return out;
    }
    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    /** The server's {@code errors [{field, message}]} (or its one {@code field}) of a refused request. */
    private java.util.Map<String, String> fieldErrors(String text) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        try {
            JsonNode n = json.readTree(text);
            if (n != null && n.has("errors") && n.get("errors").isArray()) {
                for (JsonNode e : n.get("errors")) {
                    if (e.hasNonNull("field")) out.putIfAbsent(e.get("field").asText(), e.path("message").asText(""));
                }
            }
            if (out.isEmpty() && n != null && n.hasNonNull("field") && n.hasNonNull("message")) {
                out.put(n.get("field").asText(), n.get("message").asText());
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: no fields
        }
        return out;
    }

    // --- generic calls for the supervisors' reports and administration (AdminDesk) ---

    <T> CompletableFuture<T> getJson(Views.LoginResponse s, String path, TypeReference<T> type) {
        return get(s, path, type);
    }

    /** POST (or PUT) of {@code body} as JSON; {@code type} null for an answer without a body worth reading. */
    <T> CompletableFuture<T> sendJson(Views.LoginResponse s, String method, String path, Object body, TypeReference<T> type) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest.Builder b = request(s, path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(b.build(), r -> type == null || r == null || r.isBlank() ? null : json.readValue(r, type));
    }

    /** A file the server makes (a CSV or PDF report): its bytes, or the server's error. */
    CompletableFuture<byte[]> getBytes(Views.LoginResponse s, String path) {
        HttpRequest req = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + s.token()).GET().build();
        return onDeliver(http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).handle((resp, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                throw new ApiException("cannot reach " + serverOf(req.uri()) + ": " + describe(cause), cause);
            }
            if (resp.statusCode() / 100 != 2) {
                String text = new String(resp.body(), StandardCharsets.UTF_8);
                throw new ApiException(resp.statusCode(), errorText(resp.statusCode(), text), fieldErrors(text));
            }
            return resp.body();
        }));
    }

    static String query(String path, java.util.Map<String, String> params) {
        StringBuilder b = new StringBuilder(path);
        char sep = path.contains("?") ? '&' : '?';
        for (java.util.Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) continue;
            b.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    /** The server's {"message": ...} (or {"error": ...}) when it sent one, else the status line. */
    private String errorText(HttpResponse<String> resp) {
        return errorText(resp.statusCode(), resp.body());
    }

    private String errorText(int status, String text) {
        try {
            JsonNode n = json.readTree(text);
            for (String f : List.of("message", "error", "title")) {
                if (n != null && n.hasNonNull(f)) return n.get(f).asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through
        }
        String body = text == null ? "" : text.strip();
        return "HTTP " + status + (body.isEmpty() || body.length() > 200 ? "" : ": " + body);
    }
}
