package dev.frontline.core.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt for operator passwords and customer PINs (see docs/decisions/0003-bcrypt.md). The cost is the log2 of the
 * work factor; each +1 doubles the time (cost 10 is about 60-100 ms on a laptop core). Thread-safe.
 */
public final class SlowHash {
    /** bcrypt reads at most 72 bytes of the secret; longer secrets are refused rather than silently truncated. */
    public static final int MAX_BYTES = 72;
    public static final int DEFAULT_COST = 10;

    private final int cost;
    private final String dummy;

    /** @param cost bcrypt cost, 10 to 16 */
    public SlowHash(int cost) {
        if (cost < 10 || cost > 16) {
            throw new IllegalArgumentException("bcrypt cost must be between 10 and 16, not " + cost);
        }
        this.cost = cost;
        this.dummy = BCrypt.withDefaults().hashToString(cost, "not-a-real-secret".toCharArray());
    }

    public int cost() {
        return cost;
    }

    /**
     * @throws IllegalArgumentException when {@code secret} is empty or longer than {@value #MAX_BYTES} bytes in UTF-8
     */
    public String hash(char[] secret) {
        int bytes = utf8Length(secret);
        if (bytes == 0) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("is longer than " + MAX_BYTES + " bytes (bcrypt limit)");
        }
        return BCrypt.withDefaults().hashToString(cost, secret);
    }

    /** Whether {@code secret} matches {@code hash}; false for a malformed hash or an over-long secret. */
    public boolean matches(char[] secret, String hash) {
        if (hash == null || secret == null || utf8Length(secret) > MAX_BYTES) {
            burn();
            return false;
        }
        try {
            return BCrypt.verifyer().verify(secret, hash.toCharArray()).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether {@code hash} was made with another cost than this one ({@code security.hash-cost} changed): the
     * caller re-hashes the secret after its next successful check, so raising the cost reaches every account.
     */
    public boolean needsRehash(String hash) {
        // modular crypt format: $2a$10$<53 chars of salt and hash>
        if (hash == null || hash.length() < 7 || hash.charAt(0) != '$') {
            return false;
        }
        int second = hash.indexOf('$', 1);
        if (second < 0 || hash.length() < second + 4 || hash.charAt(second + 3) != '$') {
            return false;
        }
        try {
            return Integer.parseInt(hash.substring(second + 1, second + 3)) != cost;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Spends the time of one check against a dummy hash, so unknown accounts answer as slowly as known ones. */
    public void burn() {
        BCrypt.verifyer().verify("x".toCharArray(), dummy.toCharArray());
    }

    private static int utf8Length(char[] secret) {
        if (secret == null) {
            return 0;
        }
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        int n = b.remaining();
        if (b.hasArray()) {
            java.util.Arrays.fill(b.array(), (byte) 0);
        }
        return n;
    }
}
