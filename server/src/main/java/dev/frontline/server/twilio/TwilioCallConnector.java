package dev.frontline.server.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.Endpoint;
import com.twilio.type.PhoneNumber;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.LogSafe;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Twilio's {@link CallConnector}. {@link #connect} joins the operator through the caller's conference (ADR 0128): at
 * the first connect the live call is updated over REST ({@code POST .../Calls/{CallSid}.json} with
 * {@code Twiml=<Dial><Conference>fl-CA...</Conference></Dial>}), then the operator's phone is added as a participant
 * ({@code POST .../Conferences/fl-CA.../Participants.json}); its answer, no-answer and hang-up come back as the
 * participant's status callbacks ({@link TwilioConference}), as do hold, mute, listen-in and transfer. {@link #originateCallback} creates a call to the operator ({@code POST .../Calls.json}) whose
 * TwiML then dials the customer. Both return at once and run on the executor; every request is bounded by
 * {@code twilio.rest-timeout}.
 *
 * <p>A connect makes one attempt (of each request); what Twilio answers decides who is to blame:
 * <ul>
 *   <li>{@code 404 / 20404}, or {@code 400 / 21220} (not in progress) with the fetched call in a final status: the
 *       call is over at Twilio and its status callback was lost: it ends here as that callback would have ended it
 *       (the ACD gets the caller's hang-up; the operator is ready again);</li>
 *   <li>any other failure (429, 5xx, other 4xx, no answer in time) is Twilio's, not the operator's: the ACD withdraws
 *       the offer ({@link Acd#connectFailed}), the caller keeps its place (once in its conference it stays there, hearing
 *       the hold music, and the next offer adds the next operator to it). Failures in a row are reported with a
 *       growing delay ({@link ConnectFailures}: no tight loop of re-offers in an outage) and alert supervisors;</li>
 *   <li>an endpoint Twilio cannot dial at all (e.g. {@code PJSIP/...}) is the operator's set-up: ring-no-answer.</li>
 * </ul>
 * Callback calls keep at most 3 attempts on 429, 5xx or network errors.
 */
final class TwilioCallConnector implements CallConnector {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioCallConnector.class);
    private static final int ATTEMPTS = 3;

    private final TwilioRestClient client;
    private final TwilioConfig config;
    private final TwimlRenderer twiml;
    private final TwilioVoice voice;
    private final Acd acd;
    private final ExecutorService executor;
    private final Duration backoff;
    private final ScheduledExecutorService later;
    private final ConnectFailures failures;
    private final Consumer<String> alerts;
    private final TwilioConference conference;

    TwilioCallConnector(TwilioRestClient client, TwilioConfig config, TwimlRenderer twiml, TwilioVoice voice, Acd acd,
                        ExecutorService executor, Duration backoff, ScheduledExecutorService later,
                        ConnectFailures failures, Consumer<String> alerts, TwilioConference conference) {
        this.conference = conference;
        this.later = later;
        this.failures = failures;
        this.alerts = alerts;
        this.client = client;
        this.config = config;
        this.twiml = twiml;
        this.voice = voice;
        this.acd = acd;
        this.executor = executor;
        this.backoff = backoff;
    }

    @Override
    public void connect(CallId callId, OperatorId operator, String endpoint) {
        submit(() -> connectNow(callId, operator, endpoint), () -> acd.connectFailed(callId, "Twilio connector stopped"));
    }

    private void connectNow(CallId callId, OperatorId operator, String endpoint) {
        String sid = callId.value();
        Endpoint to = restEndpoint(endpoint);
        if (to == null) {
            LOG.error("call {}: operator {} has endpoint '{}', which Twilio cannot dial (use +E164, sip:... or client:...)",
                    sid, operator, LogSafe.of(endpoint));
            acd.ringNoAnswer(callId);
            return;
        }
        if (conference.callbacks().isCallback(callId)) { // a transferred callback: its customer waits in fl-<attemptId>
            conference.callbacks().connect(callId, operator, to).ifPresentOrElse(
                    f -> providerFailed(callId, operator, f), failures::succeeded);
            return;
        }
        Optional<TwilioCalls.Row> row = voice.ringing(sid, operator.value());
        if (row.isEmpty()) {
            LOG.info("call {} ended before operator {} could be rung", sid, operator);
            return;
        }
        Optional<String> failure;
        try {
            if (!row.get().inConference()) { // the first connect: the caller moves into its conference (ADR 0128)
                Call.updater(sid).setTwiml(conference.conferenceTwiml(callId, operator)).update(client);
                conference.legs().joined(sid);
            }
        } catch (ApiException e) {
            failure = gone(sid, e);
            if (failure.isEmpty()) {
                failures.succeeded(); // Twilio answered: it is the call that is gone, not Twilio
                voice.gone(sid, "Twilio says the call is over (" + describe(e) + ")");
                return;
            }
            providerFailed(callId, operator, failure.get());
            return;
        } catch (ApiConnectionException e) {
            providerFailed(callId, operator, "Twilio unreachable: " + e.getMessage());
            return;
        }
        try {
            com.twilio.rest.api.v2010.account.conference.Participant p = conference.addOperator(row.get(), operator, to);
            failures.succeeded();
            if (p.getConferenceSid() != null) {
                conference.legs().conferenceSid(sid, p.getConferenceSid());
            }
            if (p.getCallSid() != null && !conference.legs().operatorLegCreated(sid, operator.value(), p.getCallSid())) {
                conference.removeLeg(callId, p.getCallSid(), "the offer to " + operator + " was withdrawn meanwhile");
                return;
            }
            acd.phoneRinging(callId, operator); // the ACD's ring timer counts from Twilio taking the participant
            LOG.info("call {}: ringing operator {} at {} (leg {})", sid, operator, LogSafe.of(endpoint), p.getCallSid());
            return;
        } catch (ApiException e) {
            failure = Optional.of("adding the operator to the conference: " + describe(e));
        } catch (ApiConnectionException e) {
            failure = Optional.of("adding the operator to the conference: Twilio unreachable: " + e.getMessage());
        }
        // the caller stays in its conference hearing the hold music; the ACD offers the call again
        providerFailed(callId, operator, failure.get());
    }

    /**
     * Empty when Twilio's answer means the call is over: 20404, or 21220 (not in progress) confirmed by fetching the
     * call (a final status, or 20404 again); else the failure, in words.
     */
    private Optional<String> gone(String sid, ApiException e) {
        Integer code = e.getCode();
        if (code != null && code == 20404) {
            return Optional.empty();
        }
        if (code == null || code != 21220) {
            return Optional.of(describe(e));
        }
        try {
            Call call = Call.fetcher(sid).fetch(client);
            String status = call.getStatus() == null ? "" : call.getStatus().toString();
            return TwilioVoice.isFinal(status) ? Optional.empty()
                    : Optional.of(describe(e) + ", yet the call is " + status);
        } catch (ApiException again) {
            return again.getCode() != null && again.getCode() == 20404 ? Optional.empty()
                    : Optional.of(describe(e) + "; fetching the call: " + describe(again));
        } catch (ApiConnectionException again) {
            return Optional.of(describe(e) + "; fetching the call: Twilio unreachable");
        }
    }

    /** Twilio failed, not the operator: the offer goes back without a miss, reported later the more failures in a row. */
    private void providerFailed(CallId callId, OperatorId operator, String reason) {
        voice.backToQueue(callId.value());
        ConnectFailures.Outcome o = failures.failed(reason);
        LOG.warn("call {}: could not ring operator {} ({} in a row): {}", callId, operator, o.inARow(), reason);
        o.alert().ifPresent(text -> {
            LOG.error("{}", text);
            alerts.accept(text);
        });
        Runnable report = () -> acd.connectFailed(callId, reason);
        if (o.delay().isZero()) {
            report.run();
            return;
        }
        try {
            later.schedule(report, o.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            report.run();
        }
    }

    private static String describe(ApiException e) {
        Integer http = e.getStatusCode();
        return http == null ? "Twilio unreachable: " + e.getMessage()
                : "Twilio " + http + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage();
    }

    /**
     * A queued call, or a callback whose customer answered in its conference here (ADR 0147: the operator's call no
     * longer ends it).
     */
    @Override
    public boolean canTransfer(CallId callId) {
        return conference.canTransfer(callId);
    }

    /** A live call in {@code twilio_calls}, or a callback in {@code twilio_callbacks} (ADR 0151). */
    @Override
    public boolean carries(CallId callId) {
        return conference.carries(callId);
    }

    @Override
    public boolean canHold(CallId callId) {
        return conference.canHold(callId);
    }

    @Override
    public void hold(CallId callId, OperatorId operator, boolean on) {
        conference.hold(callId, operator, on);
    }

    @Override
    public boolean canConsult(CallId callId) {
        return conference.canConsult(callId);
    }

    @Override
    public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
        conference.consult(callId, from, to, endpoint, step);
    }

    @Override
    public void mute(CallId callId, OperatorId operator, boolean on) {
        conference.mute(callId, operator, on);
    }

    @Override
    public void spy(CallId callId, OperatorId operator, String supervisorEndpoint, dev.frontline.core.common.SpyMode mode) {
        conference.spy(callId, operator, supervisorEndpoint, mode);
    }

    @Override
    public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
        conference.stopSpy(callId, operator, supervisorEndpoint);
    }

    @Override
    public void withdraw(CallId callId, OperatorId operator) {
        conference.withdraw(callId, operator);
    }

    @Override
    public void release(CallId callId, OperatorId operator) {
        conference.release(callId, operator);
    }

    @Override
    public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                  String callerId) {
        submit(() -> {
            Endpoint to = restEndpoint(endpoint);
            if (to == null) {
                LOG.error("callback {}: operator {} endpoint '{}' cannot be dialled by Twilio", attemptId, operator, endpoint);
                acd.callbackFailed(attemptId, CallbackOutcome.FAILED, "endpoint '" + endpoint + "' cannot be dialled by Twilio");
                return;
            }
            String attempt = URLEncoder.encode(attemptId, StandardCharsets.UTF_8);
            String[] leg = new String[1];
            // remembered first: the operator may answer before the create's answer is read
            conference.callbacks().placed(attemptId, operator, customerNumber,
                    callerId.isBlank() ? config.fromNumber() : callerId);
            // the operator's call goes into the callback's conference; its answer adds the customer (ADR 0138)
            Optional<String> failure = withRetries("create callback call " + attemptId, () -> leg[0] = Call.creator(to,
                            new PhoneNumber(config.fromNumber()), new com.twilio.type.Twiml(twiml.callbackConference(attemptId)))
                    .setTimeout((int) config.ringTimeout().toSeconds())
                    .setStatusCallback(twiml.url(WebhookPaths.CALLBACK_STATUS) + "?attempt=" + attempt)
                    .setStatusCallbackMethod(com.twilio.http.HttpMethod.POST)
                    .setStatusCallbackEvent(TwilioConference.OPERATOR_EVENTS)
                    .create(client).getSid());
            failure.ifPresentOrElse(f -> {
                LOG.warn("callback {}: could not call operator {}: {}", attemptId, operator, f);
                conference.callbacks().over(attemptId);
                acd.callbackFailed(attemptId, CallbackOutcome.FAILED, "Twilio refused the call: " + f);
            }, () -> {
                conference.callbacks().operatorLeg(attemptId, leg[0]);
                LOG.info("callback {}: calling operator {} first (leg {}), then {}", attemptId, operator, leg[0],
                        customerNumber);
            });
        }, () -> acd.callbackFailed(attemptId, CallbackOutcome.FAILED, "Twilio connector stopped"));
    }

    /** A callback withdrawn while being placed: its legs are hung up ({@link CallbackConference#cancel}). */
    @Override
    public void cancelCallback(String attemptId, OperatorId operator) {
        conference.callbacks().cancel(attemptId);
    }

    static Endpoint restEndpoint(String endpoint) {
        String e = endpoint.trim();
        if (e.startsWith("sip:")) {
            return new com.twilio.type.Sip(e);
        }
        if (e.startsWith("client:") && e.length() > 7) {
            return new com.twilio.type.Client(e);
        }
        return TwimlRenderer.dialable(e) ? new PhoneNumber(e) : null;
    }

    /** Empty on success, else why it failed for good or after the last attempt. */
    private Optional<String> withRetries(String what, Supplier<String> rest) {
        Duration wait = backoff;
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                rest.get();
                return Optional.empty();
            } catch (ApiException e) {
                Integer http = e.getStatusCode();
                last = "Twilio " + http + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage();
                if (http != null && http != 429 && http < 500) {
                    return Optional.of(last);
                }
            } catch (ApiConnectionException e) {
                last = "Twilio unreachable: " + e.getMessage();
            }
            if (attempt < ATTEMPTS) {
                LOG.info("{}: attempt {} failed ({}), retrying in {} ms", what, attempt, last, wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return Optional.of("interrupted: " + last);
                }
                wait = wait.multipliedBy(2);
            }
        }
        return Optional.of("gave up after " + ATTEMPTS + " attempts: " + last);
    }

    private void submit(Runnable work, Runnable rejected) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Twilio REST work failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }
}
