package dev.frontline.server.twilio.peer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio documents it, independently of the SDK's validator: take the
 * full URL Twilio requests (with the query), append every POST parameter name followed by its value, sorted by
 * name, HMAC-SHA1 the result with the auth token as key, Base64-encode.
 */
public final class TwilioSigner {
    private final String authToken;

    public TwilioSigner(String authToken) {
        this.authToken = authToken;
    }

    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
