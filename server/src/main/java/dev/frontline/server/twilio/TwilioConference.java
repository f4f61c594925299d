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
    /** Callback calls in their own conference {@code fl-<attemptId>} (ADR 0138, 0147, 0151). */
    private final CallbackConference callbacks;
    /** Supervisors' phones listening in (ADR 0151). */
    private final SupervisorLegs supervisors = new SupervisorLegs();
    private volatile java.util.function.BiConsumer<CallId, String> supervisorLeft;

    TwilioConference(TwilioRestClient client, TwilioConfig config, TwimlRenderer twiml, TwilioVoice voice,
                     OperatorLegs legs, CallbackConference callbacks, Acd acd, ExecutorService executor) {
        this.callbacks = callbacks;
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

    /** The callback calls' side (their own conferences). */
    CallbackConference callbacks() {
        return callbacks;
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
        if (CallConnector.isCallback(callId)) {
            return callbacks.canHold(callId);
        }
        return voice.find(callId.value()).map(r -> r.state() == TwilioCalls.State.TALKING && r.inConference()
                && r.operatorLeg().isPresent()).orElse(false);
    }

    /** True when this backend has the call: a caller's row not ended, or a callback's conference (its store). */
    boolean carries(CallId callId) {
        if (CallConnector.isCallback(callId)) {
            return callbacks.isCallback(callId);
        }
        return TwilioVoice.isCallSid(callId.value()) && voice.find(callId.value())
                .map(r -> r.state() != TwilioCalls.State.ENDED).orElse(false);
    }

    /**
     * Hold: the caller's participant {@code Hold=true&HoldUrl=<hold music>}; resume: {@code Hold=false}. On a callback
     * call the customer's participant in {@code fl-<attemptId>} is held the same way (ADR 0147).
     */
    void hold(CallId callId, OperatorId operator, boolean on) {
        if (CallConnector.isCallback(callId)) {
            callbacks.hold(callId, operator, on);
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
        if (CallConnector.isCallback(callId)) {
            callbacks.mute(callId, operator, on);
            return;
        }
        TwilioCalls.Row row = talking(callId, operator);
        String leg = row.operatorLeg().orElseThrow();
        String conf = conference(row);
        later("mute " + on + " of " + callId, () -> {
            Participant.updater(conf, leg).setMuted(on).update(client);
            LOG.info("call {}: {} {}", callId, operator, on ? "muted" : "unmuted");
        });
    }

    /** Where a supervisor would join {@code operator}'s conversation: the conference and the operator's leg. */
    SupervisorLegs.Target spyTarget(CallId callId, OperatorId operator) {
        if (CallConnector.isCallback(callId)) {
            CallbackCalls.Call c = callbacks.talking(callId, operator).orElseThrow(() ->
                    new IllegalStateException(operator + " is not talking on call " + callId));
            return new SupervisorLegs.Target(c.conference(callId.value()), c.operatorLeg());
        }
        TwilioCalls.Row row = talking(callId, operator);
        return new SupervisorLegs.Target(conference(row), row.operatorLeg().orElseThrow());
    }

    /**
     * A supervisor's phone joins the conference (ADR 0128, 0151): listen = {@code Muted=true}; whisper =
     * {@code Coaching=true} with {@code CallSidToCoach} = the operator's leg (only the operator hears them); barge =
     * neither. The participant's status callback ({@link WebhookPaths#SUPERVISOR}) tells its end. The same phone on
     * the same call switches mode by updating its participant ({@code Muted}, {@code Coaching}, {@code CallSidToCoach}):
     * no second call rings.
     */
    void spy(CallId callId, OperatorId operator, String supervisorEndpoint, SpyMode mode) {
        String e = supervisorEndpoint == null ? "" : supervisorEndpoint.trim();
        if (!TwimlRenderer.dialable(e)) {
            throw new IllegalStateException("the supervisor has no phone Twilio can ring (+E164, sip:... or client:...): '"
                    + supervisorEndpoint + "'");
        }
        SupervisorLegs.Target target = spyTarget(callId, operator);
        String call = callId.value();
        if (!supervisors.adding(call, e, target.conference(), mode)) {
            supervisors.mode(call, e, mode);
            later(mode + " switch on " + callId, () -> switchMode(call, e, target.operatorLeg()));
            return;
        }
        later(mode + " on " + callId, () -> {
            com.twilio.rest.api.v2010.account.conference.ParticipantCreator c = Participant.creator(target.conference(),
                            new PhoneNumber(config.fromNumber()), TwilioCallConnector.restEndpoint(e))
                    .setTimeout((int) config.ringTimeout().toSeconds())
                    .setStartConferenceOnEnter(false)
                    .setEndConferenceOnExit(false)
                    .setBeep("false")
                    .setMuted(mode == SpyMode.LISTEN)
                    .setStatusCallback(twiml.url(WebhookPaths.SUPERVISOR) + "?call=" + enc(call) + "&endpoint=" + enc(e))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setStatusCallbackEvent(List.of("completed"));
            if (mode == SpyMode.WHISPER) {
                c.setCoaching(true).setCallSidToCoach(target.operatorLeg());
            }
            Participant p;
            try {
                p = c.create(client);
            } catch (ApiException | ApiConnectionException failed) {
                supervisors.remove(call, e);
                throw failed;
            }
            LOG.info("call {}: supervisor phone {} joins {}'s conversation ({}), leg {}", callId, LogSafe.of(e), operator,
                    mode, p.getCallSid());
            if (p.getCallSid() == null) {
                return;
            }
            if (!supervisors.created(call, e, p.getCallSid())) { // stopped while Twilio added it
                Participant.deleter(target.conference(), p.getCallSid()).delete(client);
                return;
            }
            if (supervisors.find(call, e).map(l -> l.mode() != mode).orElse(false)) {
                switchMode(call, e, target.operatorLeg()); // switched while Twilio added it
            }
        });
    }

    /** The supervisor's participant takes the mode the desk asked for last (once Twilio took it). */
    private void switchMode(String call, String endpoint, String operatorLeg) {
        SupervisorLegs.Leg l = supervisors.find(call, endpoint).orElse(null);
        if (l == null || l.leg().isEmpty()) {
            return; // stopped, or still being added: its create switches it
        }
        com.twilio.rest.api.v2010.account.conference.ParticipantUpdater u = Participant.updater(l.conference(),
                        l.leg().get())
                .setMuted(l.mode() == SpyMode.LISTEN)
                .setCoaching(l.mode() == SpyMode.WHISPER);
        if (l.mode() == SpyMode.WHISPER) {
            u.setCallSidToCoach(operatorLeg);
        }
        u.update(client);
        LOG.info("call {}: supervisor phone {} switched to {}", call, LogSafe.of(endpoint), l.mode());
    }

    /** <em>Stop</em>: the supervisor's participant leaves the conference (REST delete); nothing when it is not there. */
    void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
        String e = supervisorEndpoint == null ? "" : supervisorEndpoint.trim();
        supervisors.remove(callId.value(), e).ifPresent(l -> l.leg().ifPresent(leg -> later("stopping " + LogSafe.of(e)
                + " on " + callId, () -> {
            Participant.deleter(l.conference(), leg).delete(client);
            LOG.info("call {}: supervisor phone {} removed from {}'s conversation", callId, LogSafe.of(e), operator);
        })));
    }

    /**
     * The status callback of a supervisor's participant (query {@code call}, {@code endpoint}): its call ended
     * (the supervisor hung up, or never answered) while the desk still showed it: the desks are told at once.
     */
    void supervisorStatus(Map<String, String> form, Map<String, String> query) {
        String call = query.get("call");
        if (call == null || !(TwilioVoice.isCallSid(call) || CallConnector.isCallback(new CallId(call)))
                || !LOGIN.matcher(call).matches()) {
            throw new BadWebhook("query parameter call must be a CallSid or a callback attempt id, got '" + call + "'");
        }
        String endpoint = query.get("endpoint");
        if (endpoint == null || !TwimlRenderer.dialable(endpoint)) {
            throw new BadWebhook("query parameter endpoint must be the supervisor's phone, got '" + endpoint + "'");
        }
        String leg = legSid(form);
        String status = TwilioVoice.required(form, "CallStatus");
        if (!TwilioVoice.isFinal(status)) {
            return;
        }
        supervisors.ended(call, endpoint, leg).ifPresent(l -> {
            LOG.info("call {}: supervisor phone {} left ({})", call, LogSafe.of(endpoint), LogSafe.of(status));
            java.util.function.BiConsumer<CallId, String> tell = supervisorLeft;
            if (tell != null) {
                tell.accept(new CallId(call), endpoint);
            }
        });
    }

    /** Told when a supervisor's phone leaves a conversation by itself: the call and the supervisor's endpoint. */
    void supervisorLeft(java.util.function.BiConsumer<CallId, String> listener) {
        this.supervisorLeft = listener;
    }

    /** Cold transfer: the operator participant leaves; the caller stays in the conference for the next operator. */
    void release(CallId callId, OperatorId operator) {
        if (CallConnector.isCallback(callId)) {
            callbacks.release(callId, operator);
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
        if (CallConnector.isCallback(callId)) {
            callbacks.withdraw(callId, operator);
            return;
        }
        legs.withdrawOperator(callId.value(), operator.value()).ifPresent(leg -> removeLeg(callId, leg,
                "the offer to " + operator + " was withdrawn"));
    }

    /**
     * A queued call, or a callback whose customer answered in its conference (ADR 0147, kept in the store since ADR
     * 0151): the operator can leave it and the customer waits there for the next one.
     */
    boolean canTransfer(CallId callId) {
        return !CallConnector.isCallback(callId) || callbacks.canTransfer(callId);
    }

    // --- consultation (warm transfer, ADR 0138) ---

    /**
     * True when the caller is in its conference with an operator talking: it can be held and a colleague added. A
     * callback call's consultation is kept in its {@code twilio_callbacks} row (ADR 0151).
     */
    boolean canConsult(CallId callId) {
        if (CallConnector.isCallback(callId)) {
            return callbacks.canConsult(callId);
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
        if (CallConnector.isCallback(callId)) {
            callbacks.consult(callId, from, to, endpoint, step);
            return;
        }
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
        RestLater.run(executor, LOG, what, rest);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
