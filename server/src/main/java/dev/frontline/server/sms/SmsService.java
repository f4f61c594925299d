package dev.frontline.server.sms;

import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRateLimiter;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one {@link SmsPort} for every backend. Each request is logged in {@code sms_messages} before anything else
 * happens (secret bodies redacted), checked against the rate limits, then handed to the {@link SmsSender} on the
 * executor with bounded retries (429, 5xx, network) and back-off. {@link #send} never blocks on the provider and
 * never throws for a refused or failed text. Thread-safe.
 */
public final class SmsService implements SmsPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmsService.class);

    /** Waits between attempts; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final SmsLog log;
    private final SmsSender sender;
    private final SmsRateLimiter limiter;
    private final Executor executor;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final ExecutorService owned;

    SmsService(SmsLog log, SmsSender sender, SmsRateLimiter limiter, Executor executor, Sleeper sleeper, Clock clock,
               int maxAttempts, Duration backoff, ExecutorService owned) {
        this.log = log;
        this.sender = sender;
        this.limiter = limiter;
        this.executor = executor;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.owned = owned;
    }

    /**
     * The production service: texts that a crash left unsent are marked failed, the limits are seeded from the
     * log's last window, and sending runs on two daemon threads.
     */
    public static SmsService create(Database db, SmsConfig config, SmsSender sender, Clock clock) {
        return prepare(db, config, sender, clock).recover();
    }

    /**
     * The production service built but not yet {@link #recover recovered}: it reads and writes nothing until then,
     * so a standby (ADR 0149) can build it while the leader still sends; call {@link #recover} once elected and
     * before anything sends.
     */
    public static SmsService prepare(Database db, SmsConfig config, SmsSender sender, Clock clock) {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sms-sender");
            t.setDaemon(true);
            return t;
        });
        return new SmsService(new SmsLog(db), sender, new SmsRateLimiter(config.limits(), clock), pool,
                d -> Thread.sleep(d.toMillis()), clock, config.maxAttempts(), config.retryBackoff(), pool)
                .window(config.limits().window());
    }

    /** For tests and the simulated line: the caller picks the executor (e.g. {@code Runnable::run}) and sleeper. */
    public static SmsService create(Database db, SmsConfig config, SmsSender sender, Clock clock, Executor executor,
                                    Sleeper sleeper) {
        return new SmsService(new SmsLog(db), sender, new SmsRateLimiter(config.limits(), clock), executor, sleeper,
                clock, config.maxAttempts(), config.retryBackoff(), null).window(config.limits().window()).recover();
    }

    private Duration window = Duration.ZERO;

    private SmsService window(Duration w) {
        this.window = w;
        return this;
    }

    /**
     * Takes over the SMS log as the one server that sends: texts a crash (of this server or of the leader before it)
     * left unsent are marked failed, and the rate limits are seeded from the log's last window. Before anything
     * sends; once.
     */
    public SmsService recover() {
        int interrupted = log.failInterrupted(clock.instant());
        if (interrupted > 0) {
            LOG.warn("{} text(s) were interrupted by a restart before the provider answered; marked failed", interrupted);
        }
        for (SmsLog.PastSend s : log.countedSince(clock.instant().minus(window))) {
            limiter.record(s.customer(), s.to(), s.at());
        }
        return this;
    }

    @Override
    public SmsResult send(SmsRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<Long> customer = request.customer().map(CustomerId::value);
        String stored = request.secret() ? Redaction.redact(request.body()) : request.body();
        String to = request.to().trim();
        if (!PhoneNumbers.isE164(to)) {
            long id = log.insert(customer, to, sender.fromNumber(), stored, request.secret(), request.purpose(),
                    SmsLog.FAILED, "not an E.164 number: '" + to + "'", clock.instant());
            LOG.warn("SMS {} ({}) refused: '{}' is not an E.164 number", id, request.purpose(), to);
            return new SmsResult(SmsResult.Status.FAILED, Long.toString(id), "not an E.164 number: '" + to + "'");
        }
        Optional<String> refused = limiter.tryAcquire(limitedCustomer(request.purpose(), customer).map(String::valueOf), to);
        if (refused.isPresent()) {
            long id = log.insert(customer, to, sender.fromNumber(), stored, request.secret(), request.purpose(),
                    SmsLog.RATE_LIMITED, refused.get(), clock.instant());
            LOG.warn("SMS {} ({}) to {} rate-limited: {}", id, request.purpose(), to, refused.get());
            return new SmsResult(SmsResult.Status.RATE_LIMITED, Long.toString(id), refused.get());
        }
        long id = log.insert(customer, to, sender.fromNumber(), stored, request.secret(), request.purpose(),
                SmsLog.PENDING, null, clock.instant());
        if (sender.simulated()) {
            deliver(id, to, request.body());
            return new SmsResult(SmsResult.Status.SENT, Long.toString(id), "simulated: logged, not sent to a phone");
        }
        try {
            executor.execute(() -> deliver(id, to, request.body()));
        } catch (RuntimeException e) { // executor shut down
            log.finish(id, SmsLog.FAILED, null, "not sent: " + e, 0, clock.instant());
            return new SmsResult(SmsResult.Status.FAILED, Long.toString(id), "not sent: the sender is stopped");
        }
        return new SmsResult(SmsResult.Status.QUEUED, Long.toString(id), "handed to " + senderName());
    }

    /**
     * Texts about a customer that go to the desk's own staff (the after-hours alert to every consultant on duty,
     * ADR 0143): logged with the customer, but the customer's limit is for texts to the customer (SMS pumping), so
     * they neither count against it nor are refused by it. The per-number limit still holds.
     */
    static final java.util.Set<String> TO_STAFF = java.util.Set.of("on-duty-alert");

    /** The customer whose limit a text of {@code purpose} counts against: none for texts to staff. */
    static Optional<Long> limitedCustomer(String purpose, Optional<Long> customer) {
        return TO_STAFF.contains(purpose) ? Optional.empty() : customer;
    }

    /** A delivery report (Twilio's status callback); false when the provider id is unknown. */
    public boolean deliveryStatus(String providerSid, String status, Optional<String> errorCode) {
        String s = status.trim().toLowerCase(Locale.ROOT);
        SmsLog.Delivery d = log.updateDelivery(providerSid, s, errorCode.map(c -> "provider error " + c).orElse(null),
                clock.instant());
        if (d == SmsLog.Delivery.UPDATED) {
            LOG.info("SMS {} is now {}{}", providerSid, s, errorCode.map(c -> " (error " + c + ")").orElse(""));
        } else if (d == SmsLog.Delivery.LATE) {
            LOG.info("SMS {}: late report '{}' ignored (the status only moves forward)", providerSid, s);
        }
        return d != SmsLog.Delivery.UNKNOWN;
    }

    private void deliver(long id, String to, String body) {
        String lastReason = "";
        Duration wait = backoff;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            SmsSender.SendOutcome outcome;
            try {
                outcome = sender.send(to, body);
            } catch (RuntimeException e) {
                outcome = new SmsSender.SendOutcome.Retryable("unexpected: " + e);
            }
            if (outcome instanceof SmsSender.SendOutcome.Accepted a) {
                String status = sender.simulated() ? SmsLog.SIMULATED : a.providerStatus();
                log.finish(id, status, a.providerSid(), null, attempt, clock.instant());
                return;
            }
            if (outcome instanceof SmsSender.SendOutcome.Rejected r) {
                log.finish(id, SmsLog.FAILED, null, r.reason(), attempt, clock.instant());
                LOG.warn("SMS {} to {} failed, not retried: {}", id, to, r.reason());
                return;
            }
            lastReason = ((SmsSender.SendOutcome.Retryable) outcome).reason();
            if (attempt < maxAttempts) {
                LOG.info("SMS {} attempt {} of {} failed ({}); retrying in {} ms", id, attempt, maxAttempts, lastReason,
                        wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    log.finish(id, SmsLog.FAILED, null, "interrupted after " + attempt + " attempt(s): " + lastReason,
                            attempt, clock.instant());
                    return;
                }
                wait = wait.multipliedBy(2);
            }
        }
        log.finish(id, SmsLog.FAILED, null, "gave up after " + maxAttempts + " attempt(s): " + lastReason, maxAttempts,
                clock.instant());
        LOG.warn("SMS {} to {} failed after {} attempt(s): {}", id, to, maxAttempts, lastReason);
    }

    private String senderName() {
        return sender.getClass().getSimpleName();
    }

    /** Lets texts in flight finish (up to 10 s), then stops the sending threads this service started. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
            try {
                owned.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
