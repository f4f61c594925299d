package dev.frontline.server.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Recording;
import com.twilio.rest.api.v2010.account.conference.Participant;
import com.twilio.type.PhoneNumber;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.LogSafe;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.SpyMode;
import dev.frontline.server.recording.CallRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * Call control on Twilio through the caller's conference {@code fl-<CallSid>} (ADR 0128): the operator participant
 * (added by {@link TwilioCallConnector}), hold ({@code Hold} + {@code HoldUrl} on the caller's participant), mute
 * (the operator participant's {@code Muted}), supervisors joining muted (listen), coaching (whisper) or plain (barge),
 * the operator's removal on a cold transfer, the participant status callbacks and the conference's recording, fetched
 * over REST into {@code recording.dir}. Every REST request goes through the SDK ({@code Participant.creator / updater /
 * deleter}, {@code Recording.fetcher}) on the REST executor; controls return at once. Thread-safe.
 */
final class TwilioConference {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioConference.class);
    private static final Pattern RECORDING_SID = Pattern.compile("RE[0-9a-fA-F]{32}");
    private static final Pattern CONFERENCE_SID = Pattern.compile("CF[0-9a-fA-F]{32}");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** What a participant status callback asks for: {@code StatusCallbackEvent} values of the Participants API. */
    static final List<String> OPERATOR_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final TwilioRestClient client;
    private final TwilioConfig config;
    private final TwimlRenderer twiml;
    private final TwilioVoice voice;
    private final ExecutorService executor;
    private final OperatorLegs legs;
    private final Acd acd;
    /** Where the conference of a call is being recorded to (from its first connect until its operator answers). */
    private final Map<String, Path> recordTo = new ConcurrentHashMap<>();
    /** The file of each recording whose row has started, by caller CallSid, until Twilio's recording is fetched. */
    private final Map<String, Path> recorded = new ConcurrentHashMap<>();
    private volatile CallRecorder recorder;
    /**
     * Callers whose participant Twilio holds ({@code Hold=true} accepted): taken back when the next operator answers
     * (a held call transferred cold, or left by a consulting operator, waits held for the next one).
     */
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
    /** Callback calls in their conference {@code fl-<attemptId>} (ADR 0138), by attempt id, until they end. */
    private final Map<String, CallbackCall> callbacks = new ConcurrentHashMap<>();
    /** The colleague a transferred callback call is being offered to, by attempt id (ADR 0147). */
    private final Map<String, CallbackOffer> callbackOffers = new ConcurrentHashMap<>();

    /**
     * A callback's conference: the operator's call {@code operatorLeg} (placed into it by TwiML), the customer to add
     * when it answers, the customer's participant once Twilio took it and whether it answered.
     */
    record CallbackCall(OperatorId operator, String operatorLeg, String customer, String callerId,
                        Optional<String> conferenceSid, Optional<String> customerLeg, boolean customerAsked,
                        boolean answered) {
        String conference(String attemptId) {
            return conferenceSid.orElse(TwimlRenderer.conferenceName(attemptId));
        }
    }

    TwilioConference(TwilioRestClient client, TwilioConfig config, TwimlRenderer twiml, TwilioVoice voice,
                     OperatorLegs legs, Acd acd, ExecutorService executor) {
        this.legs = legs;
        this.acd = acd;
        this.client = client;
        this.config = config;
        this.twiml = twiml;
        this.voice = voice;
        this.executor = executor;
    }

    OperatorLegs legs() {
        return legs;
    }

    void recorder(CallRecorder r) {
        this.recorder = r;
    }

    // --- the connect (called by the connector on the REST executor) ---

    /**
     * The TwiML that moves the caller into its conference, recorded when {@code recording} asks for this call (then
     * the file it will be fetched to is kept for the operator's answer).
     */
    String conferenceTwiml(CallId callId, OperatorId operator) {
        CallRecorder r = recorder;
        Optional<Path> file = r == null ? Optional.empty() : r.fileFor(callId, operator);
        file.ifPresent(f -> bounded(recordTo).put(callId.value(), f));
        return twiml.conference(callId.value(), file.isPresent());
    }

    /** Adds the operator's phone to the caller's conference; throws what the SDK throws. */
    Participant addOperator(TwilioCalls.Row row, OperatorId operator, com.twilio.type.Endpoint to) {
        String sid = row.callSid();
        return Participant.creator(conference(row), new PhoneNumber(config.fromNumber()), to)
                .setTimeout((int) config.ringTimeout().toSeconds())
                .setStartConferenceOnEnter(true)
                .setEndConferenceOnExit(false)
                .setBeep("false")
                .setStatusCallback(twiml.url(WebhookPaths.PARTICIPANT) + "?call=" + enc(sid) + "&operator="
                        + enc(operator.value()))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(OPERATOR_EVENTS)
                .create(client);
    }

    // --- controls ---

    /**
     * True when the caller is in its conference with an operator talking (hold needs both participants), or a
     * callback's customer answered in its conference {@code fl-<attemptId>} (ADR 0147).
     */
    boolean canHold(CallId callId) {
        CallbackCall c = callbacks.get(callId.value());
        if (c != null) {
            return c.answered() && c.operatorLeg() != null && c.customerLeg().isPresent();
        }
        return voice.find(callId.value()).map(r -> r.state() == TwilioCalls.State.TALKING && r.inConference()
                && r.operatorLeg().isPresent()).orElse(false);
    }

    /**
     * Hold: the caller's participant {@code Hold=true&HoldUrl=<hold music>}; resume: {@code Hold=false}. On a callback
     * call the customer's participant in {@code fl-<attemptId>} is held the same way (ADR 0147).
     */
    void hold(CallId callId, OperatorId operator, boolean on) {
        Optional<CallbackCall> callback = callbackTalking(callId, operator);
        if (callback.isPresent() && callback.get().customerLeg().isPresent()) {
            CallbackCall c = callback.get();
            later("hold " + on + " of callback " + callId, () -> {
                com.twilio.rest.api.v2010.account.conference.ParticipantUpdater u =
                        Participant.updater(c.conference(callId.value()), c.customerLeg().get()).setHold(on);
                if (on) {
                    u.setHoldUrl(twiml.holdMusicUrl()).setHoldMethod(HttpMethod.GET);
                }
                u.update(client);
                LOG.info("callback {}: {} by {}", callId, on ? "customer on hold" : "customer taken back", operator);
            });
            return;
        }
        TwilioCalls.Row row = voice.find(callId.value()).orElse(null);
        if (row == null || !row.inConference() || !row.operator().map(operator.value()::equals).orElse(false)) {
            LOG.warn("{} call {}: {} is not talking on it here", on ? "hold" : "resume", callId, operator);
            return;
        }
        later("hold " + on + " of " + callId, () -> {
            com.twilio.rest.api.v2010.account.conference.ParticipantUpdater u =
                    Participant.updater(conference(row), row.callSid()).setHold(on);
            if (on) {
                u.setHoldUrl(twiml.holdMusicUrl()).setHoldMethod(HttpMethod.GET);
            }
            // marked before the request: Twilio may apply it (and the next operator answer) before its answer is read
            if (on) {
                held.add(row.callSid());
            } else {
                held.remove(row.callSid());
            }
            u.update(client);
            LOG.info("call {}: {} by {}", callId, on ? "caller on hold" : "caller taken back", operator);
        });
    }

    /** Mute: the operator participant's {@code Muted}. */
    void mute(CallId callId, OperatorId operator, boolean on) {
        Optional<CallbackCall> callback = callbackTalking(callId, operator);
        TwilioCalls.Row row = callback.isPresent() ? null : talking(callId, operator);
        String leg = callback.map(CallbackCall::operatorLeg).orElseGet(() -> row.operatorLeg().orElseThrow());
        String conf = callback.map(c -> c.conference(callId.value())).orElseGet(() -> conference(row));
        later("mute " + on + " of " + callId, () -> {
            Participant.updater(conf, leg).setMuted(on).update(client);
            LOG.info("call {}: {} {}", callId, operator, on ? "muted" : "unmuted");
        });
    }

    /**
     * A supervisor's phone joins the conference: listen = {@code Muted=true}; whisper = {@code Coaching=true} with
     * {@code CallSidToCoach} = the operator's leg (only the operator hears them); barge = neither.
     */
    void spy(CallId callId, OperatorId operator, String supervisorEndpoint, SpyMode mode) {
        String e = supervisorEndpoint == null ? "" : supervisorEndpoint.trim();
        if (!TwimlRenderer.dialable(e)) {
            throw new IllegalStateException("the supervisor has no phone Twilio can ring (+E164, sip:... or client:...): '"
                    + supervisorEndpoint + "'");
        }
        Optional<CallbackCall> callback = callbackTalking(callId, operator);
        TwilioCalls.Row row = callback.isPresent() ? null : talking(callId, operator);
        String leg = callback.map(CallbackCall::operatorLeg).orElseGet(() -> row.operatorLeg().orElseThrow());
        String conf = callback.map(cb -> cb.conference(callId.value())).orElseGet(() -> conference(row));
        later(mode + " on " + callId, () -> {
            com.twilio.rest.api.v2010.account.conference.ParticipantCreator c = Participant.creator(conf,
                            new PhoneNumber(config.fromNumber()), TwilioCallConnector.restEndpoint(e))
                    .setTimeout((int) config.ringTimeout().toSeconds())
                    .setStartConferenceOnEnter(false)
                    .setEndConferenceOnExit(false)
                    .setBeep("false")
                    .setMuted(mode == SpyMode.LISTEN);
            if (mode == SpyMode.WHISPER) {
                c.setCoaching(true).setCallSidToCoach(leg);
            }
            Participant p = c.create(client);
            LOG.info("call {}: supervisor phone {} joins {}'s conversation ({}), leg {}", callId, LogSafe.of(e), operator,
                    mode, p.getCallSid());
        });
    }

    /** Cold transfer: the operator participant leaves; the caller stays in the conference for the next operator. */
    void release(CallId callId, OperatorId operator) {
        String attempt = callId.value();
        if (callbacks.containsKey(attempt)) {
            CallbackCall[] left = new CallbackCall[1];
            callbacks.computeIfPresent(attempt, (k, c) -> {
                if (!c.operator().equals(operator) || c.operatorLeg() == null) {
                    return c;
                }
                left[0] = c;
                return new CallbackCall(c.operator(), null, c.customer(), c.callerId(), c.conferenceSid(),
                        c.customerLeg(), c.customerAsked(), c.answered());
            });
            CallbackCall c = left[0];
            if (c == null) {
                LOG.warn("transfer of callback {}: {} is not talking on it here", callId, operator);
                return;
            }
            later("removing " + operator + " from callback " + callId, () -> {
                // held first: the customer hears the hold music, not an empty conference, until the next operator answers
                c.customerLeg().ifPresent(customer -> Participant.updater(c.conference(attempt), customer).setHold(true)
                        .setHoldUrl(twiml.holdMusicUrl()).setHoldMethod(HttpMethod.GET).update(client));
                Participant.deleter(c.conference(attempt), c.operatorLeg()).delete(client);
                LOG.info("callback {}: {} left the conference (transferred); the customer waits on hold", callId, operator);
            });
            return;
        }
        legs.releaseOperator(callId.value(), operator.value()).ifPresent(row -> {
            String leg = row.operatorLeg().orElseThrow();
            later("removing " + operator + " from " + callId, () -> {
                Participant.deleter(conference(row), leg).delete(client);
                LOG.info("call {}: {} left the conference (transferred); the caller waits for the next operator",
                        callId, operator);
            });
        });
    }

    /** The ACD withdrew the offer to {@code operator}: a leg still ringing for it leaves the conference. */
    void withdraw(CallId callId, OperatorId operator) {
        CallbackOffer offer = callbackOffers.get(callId.value());
        if (offer != null && offer.operator().equals(operator) && callbackOffers.remove(callId.value(), offer)) {
            CallbackCall c = callbacks.get(callId.value());
            if (c != null) {
                offer.leg().ifPresent(leg -> deleteParticipant(callId.value(), c, leg, "the offer to " + operator
                        + " was withdrawn"));
            }
            return;
        }
        legs.withdrawOperator(callId.value(), operator.value()).ifPresent(leg -> removeLeg(callId, leg,
                "the offer to " + operator + " was withdrawn"));
    }

    // --- consultation (warm transfer, ADR 0138) ---

    /**
     * True when the caller is in its conference with an operator talking: it can be held and a colleague added. Not a
     * callback call: the consultation's state is kept in the caller's {@code twilio_calls} row, which a callback does
     * not have (ADR 0147).
     */
    boolean canConsult(CallId callId) {
        if (callbacks.containsKey(callId.value())) {
            return false;
        }
        return canHold(callId);
    }

    /**
     * One consultation step on the caller's conference (the caller's participant is held already, by the ACD's
     * {@code CallHeld}): EXPECT remembers it; RING adds the colleague's phone as a participant (as an operator's, with
     * {@code consult=1} in its status callback); COMPLETE removes the first operator's participant and takes the
     * caller back ({@code Hold=false}) with the colleague; CANCEL and DROP remove the colleague's participant (a
     * resume follows a CANCEL). A participant Twilio refuses, or an endpoint it cannot ring, is {@code consultFailed}.
     */
    void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, CallConnector.ConsultStep step) {
        String sid = callId.value();
        switch (step) {
            case EXPECT -> {
                if (!legs.consultExpected(sid, from, to)) {
                    LOG.warn("consult on {}: {} is not talking on it here", callId, from);
                }
            }
            case RING -> later("consultation of " + callId + " with " + to, () -> ringColleague(callId, from, to, endpoint));
            case COMPLETE -> legs.consultCompleted(sid, to).ifPresentOrElse(first -> {
                TwilioCalls.Row row = voice.find(sid).orElseThrow();
                first.ifPresent(leg -> removeLeg(callId, leg, from + " completed the transfer to " + to));
                unhold(row, "the caller handed to " + to);
            }, () -> LOG.warn("complete transfer of {} to {}: no answered consultation here", callId, to));
            case CANCEL, DROP -> legs.consultEnded(sid, to).ifPresent(leg -> removeLeg(callId, leg,
                    "the consultation with " + to + " ended"));
        }
    }

    private void ringColleague(CallId callId, OperatorId from, OperatorId to, String endpoint) {
        String sid = callId.value();
        if (!legs.consultToRing(sid, to)) {
            LOG.info("consultation of {} with {} ended before its ring: not rung", callId, to);
            return;
        }
        com.twilio.type.Endpoint phone = endpoint == null ? null : TwilioCallConnector.restEndpoint(endpoint);
        TwilioCalls.Row row = voice.find(sid).orElse(null);
        String failure;
        if (phone == null) {
            failure = "endpoint '" + endpoint + "' of " + to + " cannot be dialled by Twilio (+E164, sip:... or client:...)";
        } else if (row == null) {
            failure = "the call is over";
        } else {
            try {
                Participant p = Participant.creator(conference(row), new PhoneNumber(config.fromNumber()), phone)
                        .setTimeout((int) config.ringTimeout().toSeconds())
                        .setStartConferenceOnEnter(true)
                        .setEndConferenceOnExit(false)
                        .setBeep("false")
                        .setStatusCallback(twiml.url(WebhookPaths.PARTICIPANT) + "?call=" + enc(sid) + "&operator="
                                + enc(to.value()) + "&consult=1")
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setStatusCallbackEvent(OPERATOR_EVENTS)
                        .create(client);
                if (p.getCallSid() != null && !legs.consultLegCreated(sid, to, p.getCallSid())) {
                    removeLeg(callId, p.getCallSid(), "the consultation with " + to + " ended meanwhile");
                    return;
                }
                LOG.info("call {}: {} consults {}: ringing {} (leg {})", callId, from, to, LogSafe.of(endpoint),
                        p.getCallSid());
                return;
            } catch (ApiException e) {
                failure = "Twilio refused the colleague's participant: Twilio " + e.getStatusCode()
                        + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage();
            } catch (ApiConnectionException e) {
                failure = "Twilio unreachable: " + e.getMessage();
            }
        }
        LOG.warn("call {}: consultation with {} failed: {}", callId, to, failure);
        legs.consultNotRung(sid, to);
        acd.consultFailed(callId, to, failure); // the caller is back with the first operator
    }

    /** Takes the caller's participant off hold ({@code Hold=false}); best effort. */
    private void unhold(TwilioCalls.Row row, String why) {
        later("taking back " + row.callSid(), () -> {
            Participant.updater(conference(row), row.callSid()).setHold(false).update(client);
            held.remove(row.callSid());
            LOG.info("call {}: {}", row.callSid(), why);
        });
    }

    // --- callback calls through their own conference (ADR 0138) ---

    /** The callback's operator call is being placed into the conference {@code fl-<attemptId>} (its leg: when known). */
    void callbackPlaced(String attemptId, OperatorId operator, String operatorLeg, String customer, String callerId) {
        bounded(callbacks).put(attemptId, new CallbackCall(operator, operatorLeg, customer, callerId, Optional.empty(),
                Optional.empty(), false, false));
    }

    /**
     * The callback's operator answered: the customer's phone is added to the conference ({@code From} = the callback's
     * caller id, {@code Timeout} = {@code twilio.ring-timeout}, {@code EndConferenceOnExit=true}: the customer leaving
     * ends it, as a caller). A create Twilio refuses fails the callback and hangs up the operator's phone.
     */
    void callbackOperatorAnswered(String attemptId, String operatorLeg) {
        CallbackCall[] asked = new CallbackCall[1];
        callbacks.computeIfPresent(attemptId, (k, c) -> {
            if (c.customerAsked()) {
                return c;
            }
            asked[0] = new CallbackCall(c.operator(), operatorLeg, c.customer(), c.callerId(), c.conferenceSid(),
                    c.customerLeg(), true, false);
            return asked[0];
        });
        CallbackCall c = asked[0];
        if (c == null) {
            return; // unknown (placed before a restart) or asked already
        }
        later("calling the customer of callback " + attemptId, () -> {
            Participant p;
            try {
                p = Participant.creator(TwimlRenderer.conferenceName(attemptId), new PhoneNumber(c.callerId()),
                                new PhoneNumber(c.customer()))
                        .setTimeout((int) config.ringTimeout().toSeconds())
                        .setStartConferenceOnEnter(true)
                        .setEndConferenceOnExit(true)
                        .setBeep("false")
                        .setStatusCallback(twiml.url(WebhookPaths.CALLBACK_CUSTOMER) + "?attempt=" + enc(attemptId))
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setStatusCallbackEvent(OPERATOR_EVENTS)
                        .create(client);
            } catch (ApiException | ApiConnectionException e) {
                LOG.warn("callback {}: Twilio refused to call the customer: {}", attemptId, e.getMessage());
                callbacks.remove(attemptId);
                acd.callbackFailed(attemptId, dev.frontline.core.acd.CallbackOutcome.FAILED,
                        "Twilio refused to call the customer: " + e.getMessage());
                Call.updater(c.operatorLeg()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
                return;
            }
            callbacks.computeIfPresent(attemptId, (k, x) -> new CallbackCall(x.operator(), x.operatorLeg(), x.customer(),
                    x.callerId(), Optional.ofNullable(p.getConferenceSid()), x.customerLeg().isPresent() ? x.customerLeg()
                    : Optional.ofNullable(p.getCallSid()), true, x.answered()));
            LOG.info("callback {}: calling the customer (leg {})", attemptId, p.getCallSid());
        });
    }

    /** Twilio took the callback's operator call: its CallSid. */
    void callbackOperatorLeg(String attemptId, String operatorLeg) {
        callbacks.computeIfPresent(attemptId, (k, c) -> c.operatorLeg() != null ? c : new CallbackCall(c.operator(),
                operatorLeg, c.customer(), c.callerId(), c.conferenceSid(), c.customerLeg(), c.customerAsked(),
                c.answered()));
    }

    /** The customer answered: true the first time (the callback's conversation starts). */
    boolean callbackCustomerAnswered(String attemptId, String leg) {
        boolean[] first = {true};
        callbacks.computeIfPresent(attemptId, (k, c) -> {
            first[0] = !c.answered();
            return new CallbackCall(c.operator(), c.operatorLeg(), c.customer(), c.callerId(), c.conferenceSid(),
                    Optional.of(leg), true, true);
        });
        return first[0];
    }

    /** The customer's leg ended: the operator's phone is hung up (it may have left already). */
    void callbackCustomerGone(String attemptId) {
        CallbackCall c = callbacks.remove(attemptId);
        CallbackOffer offer = callbackOffers.remove(attemptId);
        if (c != null && offer != null) { // a colleague still rung after a transfer is let go
            offer.leg().ifPresent(leg -> deleteParticipant(attemptId, c, leg, "the customer hung up"));
        }
        if (c != null && c.operatorLeg() != null) {
            later("hanging up the operator of callback " + attemptId, () -> {
                try {
                    Call.updater(c.operatorLeg()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
                } catch (ApiException e) {
                    LOG.debug("callback {}: the operator's call is over already ({})", attemptId, e.getMessage());
                }
            });
        }
    }

    /** The operator's call ended: a customer still being rung is let go (its own status reports the outcome). */
    void callbackOver(String attemptId) {
        CallbackCall c = callbacks.remove(attemptId);
        if (c != null && !c.answered() && c.customerLeg().isPresent()) {
            later("letting go of the customer of callback " + attemptId, () -> {
                Participant.deleter(c.conference(attemptId), c.customerLeg().get()).delete(client);
            });
        }
    }

    /**
     * The first operator's call of a callback ended ({@code leg}: its CallSid, when the webhook gave one). Before the
     * customer answered: {@link #callbackOver}. While it talks with the customer: the conversation is over and the
     * customer's call is hung up (the operator no longer ends the conference, ADR 0147); the customer's status then
     * ends the call for the ACD. A leg that left by a transfer ends nothing.
     */
    void callbackOperatorLegEnded(String attemptId, String leg) {
        CallbackCall c = callbacks.get(attemptId);
        if (c == null || !c.answered()) {
            callbackOver(attemptId);
            return;
        }
        if (leg == null || leg.equals(c.operatorLeg())) {
            hangUpCustomer(attemptId, c, "its operator hung up");
        }
    }

    private void hangUpCustomer(String attemptId, CallbackCall c, String why) {
        c.customerLeg().ifPresent(customer -> later("hanging up the customer of callback " + attemptId, () -> {
            try {
                Call.updater(customer).setStatus(Call.UpdateStatus.COMPLETED).update(client);
                LOG.info("callback {}: customer hung up ({})", attemptId, why);
            } catch (ApiException e) {
                LOG.debug("callback {}: the customer's call is over already ({})", attemptId, e.getMessage());
            }
        }));
    }

    // --- a callback call transferred (ADR 0147): the next operator joins fl-<attemptId> as a participant ---

    /** The colleague a transferred callback call is offered to, and its participant once Twilio took it. */
    record CallbackOffer(OperatorId operator, Optional<String> leg) {
    }

    /** True when {@code callId} is a callback call of this backend (in its conference {@code fl-<attemptId>}). */
    boolean isCallback(CallId callId) {
        return callbacks.containsKey(callId.value());
    }

    /**
     * A queued call, or a callback whose customer answered in its conference here: the operator can leave it and the
     * customer waits there for the next one. A callback this backend does not know (placed before a restart, when the
     * operator's call still ended the conference) cannot.
     */
    boolean canTransfer(CallId callId) {
        if (!CallConnector.isCallback(callId)) {
            return true;
        }
        CallbackCall c = callbacks.get(callId.value());
        return c != null && c.answered() && c.customerLeg().isPresent();
    }

    /**
     * Rings {@code operator} for a transferred callback call: its phone is added to {@code fl-<attemptId>}
     * ({@code EndConferenceOnExit=false}, status callbacks to {@link WebhookPaths#CALLBACK_OPERATOR}). Empty when
     * Twilio took the participant (the ACD's ring timer starts), else Twilio's failure in words (the customer stays in
     * the conference, on hold, for the next offer).
     */
    Optional<String> connectCallback(CallId callId, OperatorId operator, com.twilio.type.Endpoint to) {
        String attempt = callId.value();
        CallbackCall c = callbacks.get(attempt);
        if (c == null || c.customerLeg().isEmpty()) {
            return Optional.of("the callback's customer is not in its conference here");
        }
        callbackOffers.put(attempt, new CallbackOffer(operator, Optional.empty()));
        Participant p;
        try {
            p = Participant.creator(c.conference(attempt), new PhoneNumber(config.fromNumber()), to)
                    .setTimeout((int) config.ringTimeout().toSeconds())
                    .setStartConferenceOnEnter(true)
                    .setEndConferenceOnExit(false)
                    .setBeep("false")
                    .setStatusCallback(twiml.url(WebhookPaths.CALLBACK_OPERATOR) + "?attempt=" + enc(attempt)
                            + "&operator=" + enc(operator.value()))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setStatusCallbackEvent(OPERATOR_EVENTS)
                    .create(client);
        } catch (ApiException e) {
            callbackOffers.remove(attempt, new CallbackOffer(operator, Optional.empty()));
            return Optional.of("adding the operator to the callback's conference: Twilio " + e.getStatusCode()
                    + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage());
        } catch (ApiConnectionException e) {
            callbackOffers.remove(attempt, new CallbackOffer(operator, Optional.empty()));
            return Optional.of("adding the operator to the callback's conference: Twilio unreachable: " + e.getMessage());
        }
        String leg = p.getCallSid();
        boolean offered = leg == null || callbackOffers.replace(attempt, new CallbackOffer(operator, Optional.empty()),
                new CallbackOffer(operator, Optional.of(leg)));
        if (!offered) {
            deleteParticipant(attempt, c, leg, "the offer to " + operator + " was withdrawn meanwhile");
            return Optional.empty();
        }
        acd.phoneRinging(callId, operator);
        LOG.info("callback {}: ringing {} after a transfer (leg {})", attempt, operator, leg);
        return Optional.empty();
    }

    /**
     * A transferred callback's colleague participant (query {@code attempt}, {@code operator}): its answer makes it
     * the call's operator (the customer is taken off hold); no-answer, busy, failed, canceled or an unanswered end is
     * ring-no-answer (the customer waits for the next offer); the end of the call it talks on hangs up the customer.
     * A late answer of a withdrawn offer is hung up.
     */
    void callbackOperatorStatus(Map<String, String> form, Map<String, String> query) {
        String attempt = query.get("attempt");
        if (attempt == null || !CallConnector.isCallback(new CallId(attempt)) || !LOGIN.matcher(attempt).matches()) {
            throw new BadWebhook("query parameter attempt must be a callback attempt id, got '" + attempt + "'");
        }
        String login = operatorLogin(query);
        String leg = legSid(form);
        String status = TwilioVoice.required(form, "CallStatus");
        OperatorId operator = new OperatorId(login);
        CallId id = new CallId(attempt);
        CallbackCall c = callbacks.get(attempt);
        CallbackOffer offer = callbackOffers.get(attempt);
        boolean offeredHere = offer != null && offer.operator().equals(operator)
                && offer.leg().map(leg::equals).orElse(true);
        switch (status) {
            case "in-progress" -> {
                if (c == null || !offeredHere || !callbackOffers.remove(attempt, offer)) {
                    if (c != null) {
                        deleteParticipant(attempt, c, leg, "late answer of " + operator + ", no longer offered");
                    }
                    return;
                }
                CallbackCall now = callbacks.computeIfPresent(attempt, (k, x) -> new CallbackCall(operator, leg,
                        x.customer(), x.callerId(), x.conferenceSid(), x.customerLeg(), true, x.answered()));
                if (now == null) {
                    return; // the customer left meanwhile: its end hung up this leg
                }
                acd.operatorAnswered(id, operator);
                LOG.info("callback {}: {} answered the transfer", attempt, operator);
                now.customerLeg().ifPresent(customer -> later("taking back the customer of callback " + attempt, () ->
                        Participant.updater(now.conference(attempt), customer).setHold(false).update(client)));
            }
            case "no-answer", "busy", "failed", "canceled", "completed" -> {
                if (c != null && status.equals("completed") && leg.equals(c.operatorLeg())) {
                    hangUpCustomer(attempt, c, "its operator " + operator + " hung up");
                    return;
                }
                if (offeredHere && callbackOffers.remove(attempt, offer)) {
                    acd.ringNoAnswer(id, operator, "operator phone: " + (status.equals("completed")
                            ? "completed unanswered" : status));
                }
            }
            default -> LOG.debug("callback {}: {}'s leg {} {}", attempt, operator, leg, LogSafe.of(status));
        }
    }

    private void deleteParticipant(String attemptId, CallbackCall c, String leg, String why) {
        later("removing leg " + leg + " of callback " + attemptId, () -> {
            Participant.deleter(c.conference(attemptId), leg).delete(client);
            LOG.info("callback {}: leg {} left the conference ({})", attemptId, leg, why);
        });
    }

    /** The callback {@code operator} talks on, with its customer answered; else empty. */
    private Optional<CallbackCall> callbackTalking(CallId callId, OperatorId operator) {
        return Optional.ofNullable(callbacks.get(callId.value())).filter(c -> c.answered() && c.operatorLeg() != null
                && c.operator().equals(operator));
    }

    /** Removes an operator participant that is not (or no longer) wanted; best effort. */
    void removeLeg(CallId callId, String leg, String why) {
        voice.find(callId.value()).ifPresent(row -> later("removing leg " + leg + " of " + callId, () -> {
            Participant.deleter(conference(row), leg).delete(client);
            LOG.info("call {}: leg {} left the conference ({})", callId, leg, why);
        }));
    }

    // --- webhooks ---

    /** A status callback of an operator participant's call (query {@code call}, {@code operator}). */
    void participantStatus(Map<String, String> form, Map<String, String> query) {
        String caller = query.get("call");
        if (!TwilioVoice.isCallSid(caller)) {
            throw new BadWebhook("query parameter call must be the caller's CallSid (CA + 32 hex digits), got '"
                    + caller + "'");
        }
        String login = operatorLogin(query);
        String leg = legSid(form);
        String status = TwilioVoice.required(form, "CallStatus");
        Optional.ofNullable(form.get("ConferenceSid")).filter(s -> CONFERENCE_SID.matcher(s).matches())
                .ifPresent(cf -> legs.conferenceSid(caller, cf));
        if ("1".equals(query.get("consult")) && legs.consultLeg(caller, new OperatorId(login), leg, status)) {
            return; // a consulted colleague's leg; once the transfer completed it is the call's operator leg (below)
        }
        OperatorLegs.LegOutcome outcome = legs.operatorLeg(caller, new OperatorId(login), leg, status);
        if (outcome instanceof OperatorLegs.LegOutcome.Answered) {
            startRecording(new CallId(caller), new OperatorId(login));
            if (held.contains(caller)) { // held when it was transferred: the new operator must hear the caller
                voice.find(caller).ifPresent(row -> unhold(row, "the caller taken back for " + login));
            }
        } else if (outcome instanceof OperatorLegs.LegOutcome.Ended ended) {
            // the caller leaves the conference for the rest of the flow (e.g. the rating); the conference then ends
            later("continuing " + caller + " after the conversation", () -> {
                try {
                    Call.updater(caller).setTwiml(ended.twiml()).update(client);
                } catch (ApiException e) {
                    Integer code = e.getCode();
                    if (code != null && (code == 20404 || code == 21220)) {
                        voice.gone(caller, "Twilio says the call is over (" + code + ")");
                        return;
                    }
                    throw e;
                }
            });
        }
    }

    /** The conference's events: its SID is learnt from them (the rest is logged). Unknown conferences are ignored. */
    void conferenceEvent(Map<String, String> form) {
        String event = TwilioVoice.required(form, "StatusCallbackEvent");
        String name = form.getOrDefault("FriendlyName", "");
        String cf = form.getOrDefault("ConferenceSid", "");
        if (!name.startsWith("fl-") || !TwilioVoice.isCallSid(name.substring(3))) {
            LOG.info("conference event {} for {} ignored: not one of ours", LogSafe.of(event), LogSafe.of(name));
            return;
        }
        if (!CONFERENCE_SID.matcher(cf).matches()) {
            throw new BadWebhook("ConferenceSid must be CF followed by 32 hex digits, not '" + cf + "'");
        }
        legs.conferenceSid(name.substring(3), cf);
        LOG.info("conference {} ({}): {} {}", name, cf, LogSafe.of(event), LogSafe.of(form.getOrDefault("CallSid", "")));
    }

    /**
     * The conference's recording is ready ({@code completed}: fetched into the file the row names, then the row ends)
     * or will not come ({@code absent}, {@code failed}: the row ends empty and supervisors are told).
     */
    void recordingStatus(Map<String, String> form, Map<String, String> query) {
        String caller = query.get("call");
        if (!TwilioVoice.isCallSid(caller)) {
            throw new BadWebhook("query parameter call must be the caller's CallSid (CA + 32 hex digits), got '"
                    + caller + "'");
        }
        String recording = TwilioVoice.required(form, "RecordingSid");
        if (!RECORDING_SID.matcher(recording).matches()) {
            throw new BadWebhook("RecordingSid must be RE followed by 32 hex digits, not '" + recording + "'");
        }
        String status = TwilioVoice.required(form, "RecordingStatus");
        CallId callId = new CallId(caller);
        CallRecorder r = recorder;
        Path remembered = recorded.remove(caller);
        Path file = remembered != null || r == null ? remembered
                : r.open(callId, "twilio").orElse(null); // recorded before a restart: the row is in the store
        if (file == null || r == null) {
            LOG.warn("recording {} of call {} ({}) has no open row (not one of ours, or its row has ended)",
                    recording, caller, LogSafe.of(status));
            return;
        }
        if (!status.equals("completed")) {
            r.failed(callId, "Twilio's recording " + recording + " is " + status);
            r.ended(callId);
            return;
        }
        try {
            executor.execute(() -> fetch(callId, recording, file, r));
        } catch (RejectedExecutionException stopped) {
            r.failed(callId, "the server stopped before recording " + recording + " was fetched from Twilio");
            r.ended(callId);
        }
    }

    private void fetch(CallId callId, String recordingSid, Path file, CallRecorder r) {
        try {
            Recording meta = Recording.fetcher(recordingSid).fetch(client);
            if (meta.getStatus() != null && !"completed".equals(meta.getStatus().toString())) {
                throw new IOException("Twilio says the recording is " + meta.getStatus());
            }
            Response media = client.request(new Request(HttpMethod.GET, Domains.API.toString(),
                    "/2010-04-01/Accounts/" + config.accountSid() + "/Recordings/" + recordingSid + ".wav"));
            if (media.getStatusCode() != 200) {
                throw new IOException("GET " + recordingSid + ".wav answered " + media.getStatusCode());
            }
            Path part = file.resolveSibling(file.getFileName() + ".part");
            try (InputStream in = media.getStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("call {}: recording {} fetched to {} ({} bytes)", callId, recordingSid, file, Files.size(file));
        } catch (IOException | RuntimeException e) {
            r.failed(callId, "recording " + recordingSid + " could not be fetched from Twilio: " + e.getMessage());
        } finally {
            r.ended(callId);
        }
    }

    private void startRecording(CallId callId, OperatorId operator) {
        Path file = recordTo.remove(callId.value());
        CallRecorder r = recorder;
        if (file != null && r != null) {
            bounded(recorded).put(callId.value(), file);
            later("recording row of " + callId, () -> r.started(callId, operator, "twilio", file));
        }
    }

    // --- helpers ---

    /** The query's {@code operator} login of a participant status callback; else BadWebhook (400). */
    private static String operatorLogin(Map<String, String> query) {
        String login = query.get("operator");
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new BadWebhook("query parameter operator must be an operator login, got '" + login + "'");
        }
        return login;
    }

    /** The status callback's {@code CallSid} (the participant's call); else BadWebhook (400). */
    private static String legSid(Map<String, String> form) {
        String leg = TwilioVoice.required(form, "CallSid");
        if (!TwilioVoice.isCallSid(leg)) {
            throw new BadWebhook("CallSid must be CA followed by 32 hex digits, not '" + leg + "'");
        }
        return leg;
    }

    /** The row of a call {@code operator} talks on in its conference; else IllegalStateException (a clear error). */
    private TwilioCalls.Row talking(CallId callId, OperatorId operator) {
        TwilioCalls.Row row = voice.find(callId.value()).orElseThrow(() ->
                new IllegalStateException("call " + callId + " is not on Twilio here"));
        if (row.state() != TwilioCalls.State.TALKING || !row.inConference() || row.operatorLeg().isEmpty()
                || !row.operator().map(operator.value()::equals).orElse(false)) {
            throw new IllegalStateException(operator + " is not talking on call " + callId);
        }
        return row;
    }

    /** The conference in a REST path: its SID when known, else its name (which Twilio accepts for new participants). */
    private static String conference(TwilioCalls.Row row) {
        return row.conferenceSid().orElse(TwimlRenderer.conferenceName(row.callSid()));
    }

    /**
     * {@code map}, emptied first when it holds {@link TwilioCalls#MAX_LIVE} entries: calls whose answer or recording
     * never came (the caller hung up while the phone rang) would otherwise stay for good.
     */
    private static <V> Map<String, V> bounded(Map<String, V> map) {
        if (map.size() >= TwilioCalls.MAX_LIVE) {
            map.clear();
        }
        return map;
    }

    private void later(String what, Runnable rest) {
        try {
            executor.execute(() -> {
                try {
                    rest.run();
                } catch (ApiException e) {
                    LOG.warn("{}: Twilio {}{}: {}", what, e.getStatusCode(), e.getCode() == null ? "" : " error " + e.getCode(),
                            e.getMessage());
                } catch (ApiConnectionException e) {
                    LOG.warn("{}: Twilio unreachable: {}", what, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("{} failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: the Twilio backend is stopping", what);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
