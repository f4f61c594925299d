package dev.frontline.server.twilio;

import com.twilio.security.RequestValidator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks {@code X-Twilio-Signature}. The SDK's {@link RequestValidator} is the authority: it computes the signature
 * twice (the URL with and without its port, as Twilio's back ends differ) with a freshly looked-up {@code Mac}, which
 * is a fifth of a webhook's CPU. So the exact URL is checked first, by Twilio's documented algorithm (HMAC-SHA1 with
 * the auth token over the URL followed by each parameter's name and value in name order, Base64) with a {@code Mac}
 * kept per thread and a constant-time comparison; a match is a valid signature by definition. Anything else goes to
 * the SDK before it is refused. Thread-safe.
 */
final class WebhookSignature {
    private final RequestValidator sdk;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    WebhookSignature(String authToken) {
        this.sdk = new RequestValidator(authToken);
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** Whether {@code signature} signs {@code url} with {@code params} (blank or null: never). */
    boolean valid(String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        return exact(url, params, signature) || sdk.validate(url, params, signature);
    }

    private boolean exact(String url, Map<String, String> params, String signature) {
        StringBuilder data = new StringBuilder(url.length() + 64 * params.size()).append(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        byte[] expected = Base64.getEncoder().encode(mac.get().doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA1");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
        }
    }
}
