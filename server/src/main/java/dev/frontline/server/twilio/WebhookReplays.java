package dev.frontline.server.twilio;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers a retried webhook with the answer to its first try. Twilio sends {@code I-Twilio-Idempotency-Token} with
 * every webhook and the same token with each retry of that request (after a timeout or a dropped connection, when
 * our first answer may well have been computed): a retried gather must not count as new keys, nor a retried dial
 * action as a second no-answer. Keyed by token and path; a retry that arrives while the first try still runs waits
 * for its answer. Answers are kept {@link #KEEP} (Twilio retries within seconds: its webhook timeout is 15 s), at
 * most {@link #MAX} of them (~1.3 KB each: at 200 webhooks/s about 30 MB); the expired ones are dropped by the
 * request that finds {@link #PRUNE_EVERY} over, a scan of the map at most that often. In memory: a retry that reaches
 * another server or a restarted one is handled as new. Thread-safe.
 */
final class WebhookReplays {
    /** How long an answer is kept for a retry. */
    static final Duration KEEP = Duration.ofMinutes(2);
    static final int MAX = 50_000;
    static final Duration PRUNE_EVERY = Duration.ofSeconds(30);

    /** What was answered: status, content type, body (null body: none). */
    record Reply(int status, String contentType, String body) {}

    private record Kept(CompletableFuture<Reply> reply, long at) {}

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong prunedAt = new java.util.concurrent.atomic.AtomicLong();

    WebhookReplays(Clock clock) {
        this.clock = clock;
        this.prunedAt.set(clock.millis());
    }

    /**
     * The answer to this request: the kept one when {@code token} was seen on {@code path} within {@link #KEEP},
     * else {@code answer}'s, kept for the retries. Without a token, just {@code answer}'s. When {@code answer}
     * throws, nothing is kept (a retry runs again) and the exception propagates.
     */
    Reply answer(String token, String path, Supplier<Reply> answer) {
        if (token == null || token.isBlank() || token.length() > 256) {
            return answer.get();
        }
        long now = clock.millis();
        String key = path + " " + token;
        Kept mine = new Kept(new CompletableFuture<>(), now);
        Kept first = kept.putIfAbsent(key, mine);
        if (first != null && now - first.at() < KEEP.toMillis()) {
            try {
                return first.reply().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (first != null) { // expired: this is a new request that reuses an old token
            kept.put(key, mine);
        }
        prune(now);
        try {
            Reply r = answer.get();
            mine.reply().complete(r);
            return r;
        } catch (RuntimeException e) {
            kept.remove(key, mine);
            mine.reply().completeExceptionally(e);
            throw e;
        }
    }

    int size() {
        return kept.size();
    }

    private void prune(long now) {
        long pruned = prunedAt.get();
        if (now - pruned >= PRUNE_EVERY.toMillis() && prunedAt.compareAndSet(pruned, now)) {
            kept.values().removeIf(k -> now - k.at() >= KEEP.toMillis() && k.reply().isDone());
        }
        if (kept.size() > MAX) {
            kept.clear(); // a flood of distinct tokens: forget rather than grow (a retry then runs again)
        }
    }
}
