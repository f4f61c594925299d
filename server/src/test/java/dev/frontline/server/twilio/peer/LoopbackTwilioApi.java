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
    private static final DateTimeFormatter RFC2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final HttpServer server;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final AtomicLong seq = new AtomicLong();

    public LoopbackTwilioApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
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
            Matcher m = ACCOUNT_PATH.matcher(path);
            if (!"POST".equals(ex.getRequestMethod()) || !m.matches()) {
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
            if (m.group(2).equals("Messages.json")) {
                send(ex, 201, message(account, form));
            } else if (m.group(3) == null) {
                send(ex, 201, call(account, "CA" + hex32(seq.incrementAndGet()), first(form, "To"), first(form, "From"), "queued"));
            } else {
                send(ex, 200, call(account, m.group(3), "", "", "in-progress"));
            }
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

    private static String error(int code, String message, int status) {
        return "{\"code\":" + code + ",\"message\":" + json(message) + ",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
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

    private static String hex32(long n) {
        return String.format("%032x", n);
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(RFC2822);
    }

    private static String json(String s) {
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
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
