package dev.frontline.server.twilio.peer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays api.twilio.com on loopback, written from Twilio's REST API documentation: it accepts
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, {@code .../Calls.json} (create) and
 * {@code .../Calls/{CallSid}.json} (update), form-encoded, with HTTP Basic auth of the account sid and token, and
 * answers in Twilio's JSON shapes (201 / 200 with {@code sid}, {@code status}, {@code date_created} ...). Scripted
 * failures answer like Twilio does: {@code {"code":21211,"message":...,"more_info":...,"status":400}}.
 * Every request is captured with its exact form body.
 *
 * <p>It also behaves as Twilio's platform does when things go wrong: {@link #hang} keeps every request open without
 * an answer (until {@link #release} or {@link #close}), {@link #failNext} scripts 429 / 5xx / 4xx answers, and it
 * keeps each call's status: a call {@link #endCall ended} at Twilio (its status callback lost: the test simply does not
 * post it) answers an update with {@code 400} / {@code 21220} "Call is not in-progress. Cannot redirect." and a fetch
 * ({@code GET .../Calls/{CallSid}.json}) with its final status; a call Twilio {@link #forgetCall no longer knows}
 * answers {@code 404} / {@code 20404}.
 */
public final class LoopbackTwilioApi implements AutoCloseable {

    /** One request as it arrived. {@code form} keeps the order and repeated keys of the body. */
    public record Captured(String method, String path, String rawBody, Map<String, List<String>> form,
                           String basicUser, String basicPassword) {
        public String param(String name) {
            List<String> v = form.get(name);
            return v == null ? null : v.get(0);
        }
    }

    /** A scripted answer to the next request: HTTP status and Twilio error code. */
    public record Failure(int httpStatus, int twilioCode, String message) {}

    private static final Pattern ACCOUNT_PATH =
            Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/(Messages\\.json|Calls\\.json|Calls/(CA[0-9a-zA-Z]+)\\.json)");
    /** {@code .../Conferences/{Sid or FriendlyName}/Participants.json} and {@code .../Participants/{CallSid}.json}. */
    private static final Pattern CONFERENCE_PATH = Pattern.compile(
            "/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Conferences/([^/]+)/Participants(?:/(CA[0-9a-fA-F]{32}))?\\.json");
    /** {@code .../Recordings/{RecordingSid}.json} (the resource) and {@code .wav} (its media). */
    private static final Pattern RECORDING_PATH = Pattern.compile(
            "/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Recordings/(RE[0-9a-fA-F]{32})\\.(json|wav)");
    static final DateTimeFormatter RFC2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final HttpServer server;
    private final LoopbackConferences conferences = new LoopbackConferences(this);
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    final AtomicLong seq = new AtomicLong();
    /** Status of each call the test told about (CallSid -> status); unknown calls are in progress. */
    private final Map<String, String> callStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> forgotten = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean hanging;
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> released =
            new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(1));
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    public LoopbackTwilioApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "loopback-twilio-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code twilio.api-base-url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests are answered with these failures, in order, before normal answers resume. */
    public synchronized LoopbackTwilioApi failNext(Failure... next) {
        failures.addAll(List.of(next));
        return this;
    }

    /**
     * From now on every request is read and captured but never answered (as a Twilio that accepted the connection and
     * then stalled), until {@link #release}.
     */
    public LoopbackTwilioApi hang() {
        hanging = true;
        return this;
    }

    /** Answers the requests held by {@link #hang} (normally) and stops hanging. */
    public void release() {
        hanging = false;
        released.getAndSet(new java.util.concurrent.CountDownLatch(1)).countDown();
    }

    /** Requests being held without an answer right now. */
    public int held() {
        return held.get();
    }

    /** The call ended at Twilio ({@code completed}, {@code canceled} ...) whether or not its status callback arrived. */
    public LoopbackTwilioApi endCall(String callSid, String status) {
        callStatus.put(callSid, status);
        return this;
    }

    /** Twilio no longer knows the call (e.g. deleted, or another account's): 404 / 20404. */
    public LoopbackTwilioApi forgetCall(String callSid) {
        forgotten.add(callSid);
        return this;
    }

    /** Conferences, participants and recordings (ADR 0128) as this Twilio holds them, and their callbacks. */
    public LoopbackConferences conferences() {
        return conferences;
    }

    public List<Captured> requests() {
        return List.copyOf(captured);
    }

    public List<Captured> requestsTo(String pathSuffix) {
        return captured.stream().filter(c -> c.path().endsWith(pathSuffix)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String[] auth = basicAuth(ex.getRequestHeaders().getFirst("Authorization"));
            String path = ex.getRequestURI().getPath();
            captured.add(new Captured(ex.getRequestMethod(), path, body, parseForm(body), auth[0], auth[1]));
            if (hanging) {
                holdUnanswered();
            }
            Matcher c = CONFERENCE_PATH.matcher(path);
            Matcher r = RECORDING_PATH.matcher(path);
            if (c.matches() || r.matches()) {
                String account = c.matches() ? c.group(1) : r.group(1);
                if (auth[0] == null || !auth[0].equals(account)) {
                    send(ex, 401, error(20003, "Authenticate", 401));
                    return;
                }
                Failure f;
                synchronized (this) {
                    f = failures.poll();
                }
                if (f == null && c.matches() && c.group(3) == null) {
                    f = conferences.refusal();
                }
                if (f != null) {
                    send(ex, f.httpStatus(), error(f.twilioCode(), f.message(), f.httpStatus()));
                    return;
                }
                if (c.matches()) {
                    conferences.handle(ex, account, c.group(2), c.group(3), parseForm(body));
                } else {
                    conferences.recording(ex, account, r.group(2), r.group(3));
                }
                return;
            }
            Matcher m = ACCOUNT_PATH.matcher(path);
            boolean fetch = "GET".equals(ex.getRequestMethod()) && m.matches() && m.group(3) != null;
            if (!("POST".equals(ex.getRequestMethod()) || fetch) || !m.matches()) {
                send(ex, 404, error(20404, "The requested resource " + path + " was not found", 404));
                return;
            }
            if (auth[0] == null || !auth[0].equals(m.group(1))) {
                send(ex, 401, error(20003, "Authenticate", 401));
                return;
            }
            Failure f;
            synchronized (this) {
                f = failures.poll();
            }
            if (f != null) {
                send(ex, f.httpStatus(), error(f.twilioCode(), f.message(), f.httpStatus()));
                return;
            }
            Map<String, List<String>> form = parseForm(body);
            String account = m.group(1);
            String callSid = m.group(3);
            if (callSid != null && forgotten.contains(callSid)) {
                send(ex, 404, error(20404, "The requested resource " + path + " was not found", 404));
                return;
            }
            String status = callSid == null ? null : callStatus.getOrDefault(callSid, "in-progress");
            if (m.group(2).equals("Messages.json")) {
                send(ex, 201, message(account, form));
            } else if (callSid == null) {
                String created = "CA" + hex32(seq.incrementAndGet());
                if (form.containsKey("Twiml")) { // a <Dial><Conference> puts the call in it (Twilio: once answered)
                    conferences.twimlJoin(created, first(form, "Twiml"));
                }
                send(ex, 201, call(account, created, first(form, "To"), first(form, "From"), "queued"));
            } else if (fetch) {
                send(ex, 200, call(account, callSid, "", "", status));
            } else if (!status.equals("in-progress") && (form.containsKey("Twiml") || form.containsKey("Url"))) {
                send(ex, 400, error(21220, "Call is not in-progress. Cannot redirect.", 400));
            } else {
                if (form.containsKey("Twiml")) {
                    conferences.twimlJoin(callSid, first(form, "Twiml"));
                }
                send(ex, 200, call(account, callSid, "", "", status));
            }
        }
    }

    private void holdUnanswered() {
        held.incrementAndGet();
        try {
            java.util.concurrent.CountDownLatch latch = released.get();
            while (hanging && !latch.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                latch = released.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    private String message(String account, Map<String, List<String>> form) {
        String sid = "SM" + hex32(seq.incrementAndGet());
        String body = first(form, "Body");
        return "{\"account_sid\":\"" + account + "\",\"api_version\":\"2010-04-01\",\"body\":" + json(body)
                + ",\"date_created\":\"" + now() + "\",\"date_sent\":null,\"date_updated\":\"" + now() + "\","
                + "\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,"
                + "\"from\":" + json(first(form, "From")) + ",\"messaging_service_sid\":null,\"num_media\":\"0\","
                + "\"num_segments\":\"1\",\"price\":null,\"price_unit\":\"USD\",\"sid\":\"" + sid + "\","
                + "\"status\":\"queued\",\"subresource_uris\":{\"media\":\"/2010-04-01/Accounts/" + account
                + "/Messages/" + sid + "/Media.json\"},\"to\":" + json(first(form, "To")) + ","
                + "\"uri\":\"/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json\"}";
    }

    private String call(String account, String sid, String to, String from, String status) {
        return "{\"account_sid\":\"" + account + "\",\"answered_by\":null,\"api_version\":\"2010-04-01\","
                + "\"caller_name\":null,\"date_created\":\"" + now() + "\",\"date_updated\":\"" + now() + "\","
                + "\"direction\":\"outbound-api\",\"duration\":null,\"end_time\":null,\"forwarded_from\":null,"
                + "\"from\":" + json(from) + ",\"from_formatted\":" + json(from) + ",\"parent_call_sid\":null,"
                + "\"phone_number_sid\":null,\"price\":null,\"price_unit\":\"USD\",\"sid\":\"" + sid + "\","
                + "\"start_time\":null,\"status\":\"" + status + "\",\"to\":" + json(to) + ",\"to_formatted\":" + json(to) + ","
                + "\"uri\":\"/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json\"}";
    }

    static String error(int code, String message, int status) {
        return "{\"code\":" + code + ",\"message\":" + json(message) + ",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}";
    }

    static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String[] basicAuth(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return new String[]{null, null};
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int i = decoded.indexOf(':');
        return i < 0 ? new String[]{decoded, null} : new String[]{decoded.substring(0, i), decoded.substring(i + 1)};
    }

    static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null ? "" : v.get(0);
    }

    static String hex32(long n) {
        return String.format("%032x", n);
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(RFC2822);
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
