package dev.frontline.server.twilio.peer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plays Twilio calling our webhooks: POSTs form-encoded parameters to the server's local address, signed for the
 * public URL Twilio would have used (the configured base URL + the same path and query).
 */
public final class TwilioWebhookCaller {
    /** What came back. */
    public record Answer(int status, String contentType, String body) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String localBase;
    private final String publicBase;
    private final TwilioSigner signer;

    /** @param localBase e.g. {@code http://127.0.0.1:43210}; @param publicBase e.g. {@code https://ivr.example.com} */
    public TwilioWebhookCaller(String localBase, String publicBase, String authToken) {
        this.localBase = localBase;
        this.publicBase = publicBase;
        this.signer = new TwilioSigner(authToken);
    }

    /** A correctly signed webhook. {@code pathAndQuery} like {@code /twilio/voice?flow=support}. */
    public Answer post(String pathAndQuery, Map<String, String> params) {
        return send(pathAndQuery, params, signer.sign(publicBase + pathAndQuery, params));
    }

    /**
     * A correctly signed webhook as Twilio retries it: the same {@code I-Twilio-Idempotency-Token} as the first try
     * (Twilio sends one with every webhook and keeps it for the retries of that request).
     */
    public Answer post(String pathAndQuery, Map<String, String> params, String idempotencyToken) {
        return send(pathAndQuery, params, signer.sign(publicBase + pathAndQuery, params),
                Map.of("I-Twilio-Idempotency-Token", idempotencyToken));
    }

    /** A webhook with the given signature header value ({@code null}: no header). */
    public Answer send(String pathAndQuery, Map<String, String> params, String signature) {
        return send(pathAndQuery, params, signature, Map.of());
    }

    private Answer send(String pathAndQuery, Map<String, String> params, String signature, Map<String, String> headers) {
        String body = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(localBase + pathAndQuery))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("webhook " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public TwilioSigner signer() {
        return signer;
    }

    /** Parameters Twilio sends with every voice webhook. */
    public static Map<String, String> voiceParams(String callSid, String from, String to, String callStatus) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", callSid);
        p.put("CallStatus", callStatus);
        p.put("Called", to);
        p.put("Caller", from);
        p.put("Direction", "inbound");
        p.put("From", from);
        p.put("To", to);
        return p;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
