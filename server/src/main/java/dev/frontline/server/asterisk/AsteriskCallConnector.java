package dev.frontline.server.asterisk;

import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD's handle on Asterisk calls: a connect becomes a message in the waiting channel's mailbox (its AGI thread
 * dials within one {@code hold-poll}); a callback becomes an AMI Originate. Both return at once.
 */
final class AsteriskCallConnector implements CallConnector {
    private static final Logger log = LoggerFactory.getLogger(AsteriskCallConnector.class);

    private static final java.util.regex.Pattern DIALABLE = java.util.regex.Pattern.compile("[A-Za-z0-9_./@:+-]+");

    /** The dialplan context an operator's leg waits in while they hold the caller (deploy/asterisk/extensions.conf). */
    static final String HELD_CONTEXT = "frontline-held";

    private final LiveCalls calls;
    /** By PBX name: the AMI connection that originates on that PBX (ADR 0141). */
    private volatile java.util.function.Function<String, Originator> originators;
    /** By PBX name: the AMI connection that acts on that PBX's channels. */
    private volatile java.util.function.Function<String, PromptCutter> cutters = pbx -> channel -> { };
    /** The PBXs: which one a phone is on, and how another dials it; null: one PBX, endpoints dialled as they are. */
    private volatile AsteriskConfig pbxs;

    AsteriskCallConnector(LiveCalls calls, Originator originator) {
        this.calls = calls;
        this.originators = pbx -> originator;
    }

    /** One originator for every PBX. */
    void originator(Originator o) {
        this.originators = pbx -> o;
    }

    /** One cutter for every PBX. */
    void cutter(PromptCutter c) {
        this.cutters = pbx -> c;
    }

    /** A connect that cannot be dialled (no trunk): told to the ACD as the backend's failure, not the operator's. */
    private volatile java.util.function.BiConsumer<CallId, String> connectFailed = (call, why) -> { };
    /** Where "PBX a has no trunk to PBX b" goes (supervisors). */
    private volatile java.util.function.Consumer<String> alerts = text -> { };
    /** When each missing trunk ("a>b") was last alerted (milliseconds): at most once in {@link #TRUNK_ALERT_EVERY}. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> trunkAlerted =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final java.time.Duration TRUNK_ALERT_EVERY = java.time.Duration.ofMinutes(10);
    /**
     * How long an undiallable offer stands before it is reported failed: the ACD may offer the same operator again at
     * once, and this spaces the attempts out (as Twilio's connector does).
     */
    static final java.time.Duration NO_TRUNK_RETRY = java.time.Duration.ofSeconds(2);

    /**
     * Each PBX's own AMI connection, how the PBXs dial each other's phones, and where an undiallable connect goes
     * ({@code connectFailed}, and an alert to supervisors naming the missing trunk).
     */
    void pbxs(AsteriskConfig config, java.util.function.Function<String, Originator> originator,
              java.util.function.Function<String, PromptCutter> cutter,
              java.util.function.BiConsumer<CallId, String> failed, java.util.function.Consumer<String> alert) {
        this.pbxs = config;
        this.originators = originator;
        this.cutters = cutter;
        this.connectFailed = failed;
        this.alerts = alert;
    }

    /** The AMI connection acting on {@code line}'s channels: its PBX's. */
    private PromptCutter cutter(CallLine line) {
        return cutters.apply(line.pbx());
    }

    private Originator originator(CallLine line) {
        return originators.apply(line.pbx());
    }

    /**
     * How {@code line}'s PBX dials {@code endpoint}: as it is when the phone is on that PBX, else through its trunk
     * to the phone's PBX; empty when it has none.
     */
    private java.util.Optional<String> dialFrom(CallLine line, String endpoint) {
        AsteriskConfig c = pbxs;
        return c == null ? java.util.Optional.of(endpoint) : c.dialFrom(line.pbx(), endpoint);
    }

    /**
     * The caller's PBX cannot reach the operator's phone: not the operator's miss (a ring timeout would make them
     * MISSED). The offer is reported failed after {@link #NO_TRUNK_RETRY} (the caller keeps its place) and
     * supervisors are told which trunk is missing, once in {@link #TRUNK_ALERT_EVERY} per pair.
     */
    private void noTrunkTo(CallLine line, OperatorId operator, String endpoint) {
        String why = noTrunk(line, endpoint);
        log.error("connect {} to {}: {}; not dialled", line.callId(), operator, why);
        String to = pbxs.phoneOwner(endpoint).name();
        long now = System.currentTimeMillis();
        boolean[] tell = {false};
        trunkAlerted.compute(line.pbx() + ">" + to, (pair, last) -> {
            tell[0] = last == null || now - last >= TRUNK_ALERT_EVERY.toMillis();
            return tell[0] ? now : last;
        });
        if (tell[0]) {
            alerts.accept("PBX " + line.pbx() + " has no trunk to PBX " + to + ": its callers cannot be put through to "
                    + endpoint + " (" + operator.value() + ") or other phones there; add trunks." + to + " under PBX "
                    + line.pbx() + " in asterisk.pbxs");
        }
        java.util.concurrent.CompletableFuture.delayedExecutor(NO_TRUNK_RETRY.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> connectFailed.accept(line.callId(), why));
    }

    private String noTrunk(CallLine line, String endpoint) {
        return "the phone " + endpoint + " is on PBX " + pbxs.phoneOwner(endpoint).name() + " and PBX " + line.pbx()
                + " has no trunk to it (asterisk.pbxs: trunks)";
    }

    @Override
    public void connect(CallId callId, OperatorId operator, String endpoint) {
        if (endpoint == null || !DIALABLE.matcher(endpoint).matches()) {
            // a comma or parenthesis would smuggle Dial options in; the ACD's ring timeout requeues the caller
            log.error("connect {} to {}: endpoint '{}' is not a dialable device (e.g. PJSIP/op100); not dialled",
                    callId, operator, endpoint);
            return;
        }
        calls.find(callId).ifPresentOrElse(line -> {
            String dial = dialFrom(line, endpoint).orElse(null);
            if (dial == null) {
                noTrunkTo(line, operator, endpoint);
                return;
            }
            line.post(new CallLine.Connect(operator, dial));
            if (line.interruptible()) {
                cutter(line).cut(line.channel()); // the phone rings now, not after the prompt
            }
        }, () -> log.warn("connect {} to {}: the call is no longer on this server (hung up?)", callId, operator));
    }

    @Override
    public void withdraw(CallId callId, OperatorId operator) {
        calls.find(callId).ifPresent(line -> line.withdraw(operator));
    }

    /** Listening-in channels get uniqueids {@code <call>-spy-<n>}: AMI Hangup and PlayDTMF name them. */
    private final java.util.concurrent.atomic.AtomicLong spyLegs = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A supervisor's phone is rung into ChanSpy (option {@code d}) on the operator's leg. A phone already listening
     * to this operator on this call only changes mode: ChanSpy's DTMF {@code 4} listen, {@code 5} whisper, {@code 6}
     * barge, queued on the spy channel as received (AMI PlayDTMF): the phone does not ring again. A phone on another
     * call leaves it first.
     */
    @Override
    public void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                    dev.frontline.core.common.SpyMode mode) {
        if (supervisorEndpoint == null || !DIALABLE.matcher(supervisorEndpoint).matches()) {
            throw new IllegalStateException("the supervisor has no dialable phone (e.g. PJSIP/op190): '"
                    + supervisorEndpoint + "'");
        }
        CallLine line = calls.find(callId).orElseThrow(() ->
                new IllegalStateException("call " + callId + " is not on this PBX"));
        String leg = line.legChannel();
        if (!operator.equals(line.dialing()) || !line.isAnswered() || leg == null) {
            throw new IllegalStateException(operator + " is not talking on call " + callId);
        }
        SpyLegs spies = calls.spies();
        SpyLegs.Leg was = spies.of(supervisorEndpoint).orElse(null);
        if (was != null && was.callId().equals(callId) && was.operator().equals(operator)) {
            spies.put(was.in(mode));
            cutters.apply(was.pbx()).dtmf(was.leg(), modeDigit(mode));
            return;
        }
        if (was != null) {
            stopSpy(was.callId(), was.operator(), supervisorEndpoint);
        }
        String dial = dialFrom(line, supervisorEndpoint).orElseThrow(() ->
                new IllegalStateException(noTrunk(line, supervisorEndpoint)));
        String spyLeg = callId.value() + "-spy-" + spyLegs.incrementAndGet();
        spies.put(new SpyLegs.Leg(callId, operator, supervisorEndpoint, line.pbx(), spyLeg, mode));
        originator(line).spy(dial, leg, mode, spyLeg);
    }

    /** ChanSpy's mode-switch digit with option {@code d} (app_chanspy.c, change_spy_mode). */
    static char modeDigit(dev.frontline.core.common.SpyMode mode) {
        return switch (mode) {
            case LISTEN -> '4';
            case WHISPER -> '5';
            case BARGE -> '6';
        };
    }

    /**
     * The supervisor's phone leaves the conversation: AMI Hangup of the spy channel. (On the real Asterisk 22.10.1 the
     * channel ends once ChanSpy has taken its audiohooks off the operator's leg, which happens with the leg's next
     * audio frame: at once with a phone sending RTP; a silent test channel kept it up until the call ended.)
     */
    @Override
    public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
        SpyLegs spies = calls.spies();
        spies.of(supervisorEndpoint).filter(l -> l.callId().equals(callId)).ifPresent(l -> {
            if (spies.remove(supervisorEndpoint).isPresent()) {
                cutters.apply(l.pbx()).hangUp(l.leg());
            }
        });
    }

    /**
     * Every call in our script can wait for another operator: a queued caller's, and an answered callback's whose
     * customer leg the dialplan sent to our script (ADR 0152). A callback answered under an older dialplan (its
     * customer leg left in the Originate's Dial, which ends with the operator's leg) cannot (ADR 0147).
     */
    @Override
    public boolean canTransfer(CallId callId) {
        return !CallConnector.isCallback(callId) || calls.find(callId).isPresent();
    }

    /** The dialplan contexts a held callback customer's leg is moved to (deploy/asterisk/extensions.conf). */
    static final String CALLBACK_HELD_CONTEXT = "frontline-callback-held";
    static final String CALLBACK_RESUME_CONTEXT = "frontline-callback-resume";

    /**
     * A queued caller's conversation once both legs are known; a callback's once the dialplan's ANSWER named its two
     * legs (ADR 0147).
     */
    @Override
    public boolean canHold(CallId callId) {
        if (CallConnector.isCallback(callId) && calls.find(callId).isEmpty()) {
            return calls.callback(callId).isPresent();
        }
        return calls.find(callId).map(l -> l.isAnswered() && l.legChannel() != null).orElse(false);
    }

    /**
     * A callback's hold: the operator's leg is told to wait ({@code FRONTLINE_HELD=1}), then the customer's leg leaves
     * the conversation for music on hold (AMI Redirect); the operator's Dial returns (option g) and waits. From then
     * on either leg's hang-up makes AMI hang up the other (AmiControl). Resume: {@code FRONTLINE_HELD=0} and the customer's
     * leg is redirected to bridge with the waiting operator leg. AMI acts on one session's actions in order.
     */
    private void holdCallback(CallId callId, LiveCalls.CallbackLegs legs, boolean on) {
        calls.callbackMoving(callId.value());
        PromptCutter cutter = cutters.apply(legs.pbx());
        cutter.setVar(legs.operator(), "FRONTLINE_HELD", on ? "1" : "0");
        cutter.redirect(legs.customer(), on ? CALLBACK_HELD_CONTEXT : CALLBACK_RESUME_CONTEXT);
    }

    /**
     * Hold: the operator's leg is moved out of the caller's Dial (AMI Redirect to {@code frontline-held}); the
     * caller's AGI thread then plays music on hold and, on resume, bridges the two again (Bridge).
     */
    @Override
    public void hold(CallId callId, OperatorId operator, boolean on) {
        if (CallConnector.isCallback(callId) && calls.find(callId).isEmpty()) { // (an older dialplan's callback)
            calls.callback(callId).ifPresentOrElse(legs -> holdCallback(callId, legs, on),
                    () -> log.warn("{} callback {}: its legs are not known here (ended?)", on ? "hold" : "resume", callId));
            return;
        }
        CallLine line = calls.find(callId).orElse(null);
        if (line == null || !operator.equals(line.dialing())) {
            log.warn("{} call {}: {} is not talking on it here", on ? "hold" : "resume", callId, operator);
            return;
        }
        PromptCutter cutter = cutter(line);
        if (!on) {
            line.requestResume();
            cutter.cut(line.channel()); // the music's poll sees it at once
            return;
        }
        String leg = line.legChannel();
        if (leg == null) {
            log.warn("hold call {}: {}'s leg is not known (AMI down?)", callId, operator);
            return;
        }
        line.requestHold(cutter::hangUp);
        cutter.redirect(leg, HELD_CONTEXT);
    }

    /** A call in our script that can be held (an older dialplan's callback cannot wait: see {@link #canTransfer}). */
    @Override
    public boolean canConsult(CallId callId) {
        return canTransfer(callId) && canHold(callId);
    }

    /** Warm transfer's consulted legs get uniqueids {@code <call>-consult-<n>}: the AGI's Bridge() finds them by it. */
    private final java.util.concurrent.atomic.AtomicLong consults = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Warm transfer (the caller is held already: the operator's leg waits in {@code frontline-held}). EXPECT: the
     * colleague's leg gets its uniqueid, and the first leg's hang-up from now on is the operator leaving. RING: AMI
     * Originate of the colleague's phone into {@code frontline-consult}, which bridges it with the held operator leg.
     * COMPLETE: the operator's leg is hung up and the caller's AGI thread bridges the caller to the colleague's leg.
     * CANCEL / DROP: the colleague's leg is hung up (a resume, when one follows, bridges the caller to the operator).
     */
    @Override
    public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint,
                        dev.frontline.core.call.CallConnector.ConsultStep step) {
        CallLine line = calls.find(callId).orElse(null);
        switch (step) {
            case EXPECT -> {
                if (line != null && from.equals(line.dialing())) { // the first leg's hang-up now means "left"
                    String leg = callId.value() + "-consult-" + consults.incrementAndGet();
                    line.consultStarted(to, leg);
                    calls.consultLeg(leg, line);
                }
            }
            case RING -> {
                String peer = line == null ? null : line.legChannel();
                if (line == null || peer == null || !from.equals(line.dialing())) {
                    throw new IllegalStateException(from + " is not talking on call " + callId + " here");
                }
                if (endpoint == null || !DIALABLE.matcher(endpoint).matches()) {
                    throw new IllegalStateException("endpoint '" + endpoint + "' of " + to + " is not a dialable device");
                }
                CallLine.Consulted expected = line.consulting();
                if (expected == null || !expected.operator().equals(to)) {
                    log.info("consultation of {} with {} ended before its ring: not rung", callId, to);
                    return;
                }
                String dial = dialFrom(line, endpoint).orElseThrow(() ->
                        new IllegalStateException(noTrunk(line, endpoint)));
                originator(line).originateConsult(callId, to, dial, expected.leg(), peer);
            }
            case COMPLETE -> {
                if (line == null) {
                    return;
                }
                CallLine.Consulted c = line.consulting();
                String firstLeg = line.legChannel();
                if (c == null || !c.operator().equals(to)) {
                    log.warn("complete transfer of {} to {}: no such consultation here", callId, to);
                    return;
                }
                line.completeTo(to, c.leg());
                PromptCutter cutter = cutter(line);
                if (firstLeg != null) {
                    cutter.hangUp(firstLeg); // the colleague's Bridge() returns; their leg waits in frontline-consult
                }
                cutter.cut(line.channel()); // the held caller's poll sees it at once
            }
            case CANCEL, DROP -> {
                CallLine.Consulted c = line == null ? null : line.consultEnded();
                if (c != null) {
                    cutter(line).hangUp(c.leg());
                }
            }
        }
    }

    @Override
    public void mute(CallId callId, OperatorId operator, boolean on) {
        CallLine line = calls.find(callId).orElseThrow(() ->
                new IllegalStateException("call " + callId + " is not on this PBX"));
        String leg = line.legChannel();
        if (!operator.equals(line.dialing()) || !line.isAnswered() || leg == null) {
            throw new IllegalStateException(operator + " is not talking on call " + callId);
        }
        cutter(line).mute(leg, on);
    }

    @Override
    public void release(CallId callId, OperatorId operator) {
        calls.find(callId).ifPresent(line -> {
            line.withdraw(operator);
            if (operator.equals(line.dialing())) { // ringing or talking now: end that leg, keep the caller
                line.release(operator);
                String leg = line.legChannel();
                if (leg != null) {
                    cutter(line).hangUp(leg);
                } else {
                    log.warn("call {}: {}'s leg is to end, but its channel is not known (AMI down?)", callId, operator);
                }
            }
        });
    }

    @Override
    public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                  String callerId) {
        // no caller's PBX: the operator's own PBX rings their phone and dials the customer through its trunk
        AsteriskConfig c = pbxs;
        originators.apply(c == null ? AsteriskConfig.SINGLE_PBX : c.phoneOwner(endpoint).name())
                .originateCallback(attemptId, operator, endpoint, customerNumber, callerId);
    }

    /** The ACD withdrew the attempt (its caller is back on the line): every PBX hangs up its leg if it has it. */
    @Override
    public void cancelCallback(String attemptId, OperatorId operator) {
        AsteriskConfig c = pbxs;
        if (c == null) {
            originators.apply(AsteriskConfig.SINGLE_PBX).cancelCallback(attemptId);
            return;
        }
        for (AsteriskConfig.Pbx p : c.pbxs()) {
            originators.apply(p.name()).cancelCallback(attemptId);
        }
    }

    /** What AMI does to channels for the connector. Must not block. */
    interface PromptCutter {
        /** Cuts short the prompt {@code channel} plays: the AGI thread then sees its connect at once. */
        void cut(String channel);

        /** Queues DTMF {@code digit} on {@code channel} as if its phone had sent it (AMI PlayDTMF, Receive). */
        default void dtmf(String channel, char digit) {
        }

        /** Hangs up {@code channel} (an operator's leg the ACD took away). */
        default void hangUp(String channel) {
        }

        /** Sends {@code channel} to {@code context},s,1 (AMI Redirect): an operator leg leaving the caller for a hold. */
        default void redirect(String channel, String context) {
        }

        /** Sets a dialplan variable on {@code channel} (AMI Setvar). */
        default void setVar(String channel, String name, String value) {
        }

        /** Mutes ({@code on}) the audio {@code channel} sends into the PBX (AMI MuteAudio, direction in). */
        default void mute(String channel, boolean on) {
            throw new UnsupportedOperationException("mute needs AMI (asterisk.ami.enabled)");
        }
    }

    /** Places callbacks (AMI Originate); reports outcomes asynchronously. */
    interface Originator {
        void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                               String callerId);

        /** Stops placing callback {@code attemptId}: its legs are hung up, nothing more is reported. */
        default void cancelCallback(String attemptId) {
        }

        /**
         * Rings a consulted colleague's {@code endpoint} as channel uniqueid {@code leg}; answered, it is bridged with
         * {@code peer} (the consulting operator's held leg). The outcome goes to the ACD (consult answered / failed).
         */
        default void originateConsult(CallId callId, OperatorId to, String endpoint, String leg, String peer) {
            throw new UnsupportedOperationException("consult (warm transfer) needs AMI (asterisk.ami.enabled)");
        }

        /**
         * Rings {@code supervisorEndpoint} as channel uniqueid {@code spyLeg}; answered, it runs ChanSpy on
         * {@code operatorChannel} in {@code mode}.
         */
        default void spy(String supervisorEndpoint, String operatorChannel, dev.frontline.core.common.SpyMode mode,
                         String spyLeg) {
            throw new UnsupportedOperationException("listening in needs AMI (asterisk.ami.enabled)");
        }
    }
}
