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

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = ApiJson.mapper();
    private final Executor deliver;

    /**
     * @param base    server root, e.g. {@code http://127.0.0.1:8080/}
     * @param deliver where results and live messages are handed over (the FX thread in the app, direct in tests)
     */
    public ApiClient(URI base, Executor deliver) {
        this.base = normalise(Objects.requireNonNull(base, "base"));
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

    private static URI normalise(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    public URI base() {
        return base;
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
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "audio/wav").header("Authorization", "Bearer " + s.token()).GET().build();
        return onDeliver(http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).handle((resp, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                throw new ApiException("cannot reach " + base + ": " + describe(cause), cause);
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
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (s != null) b.header("Authorization", "Bearer " + s.token());
        return b;
    }

    private interface Reader<T> {
        T read(String body) throws IOException;
    }

    private <T> CompletableFuture<T> send(HttpRequest req, Reader<T> reader) {
        return onDeliver(http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((resp, err) -> {
                    if (err != null) {
                        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                        throw new ApiException("cannot reach " + base + ": " + describe(cause), cause);
                    }
                    if (resp.statusCode() / 100 != 2) {
                        throw new ApiException(resp.statusCode(), errorText(resp));
                    }
                    try {
                        return reader.read(resp.body());
                    } catch (IOException e) {
                        throw new ApiException("unreadable answer from " + req.uri().getPath() + ": " + e.getMessage(), e);
                    }
                })
                );
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
