package dev.frontline.server.asterisk;

import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ExtensionStatusEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The one AMI connection (Asterisk-Java). A supervisor thread logs in with exponential back-off while the PBX is
 * unreachable; Asterisk-Java itself re-connects a dropped session. Every successful login (first or again) re-reads
 * the PBX's state — DeviceStateList and CoreShowChannels — because Asterisk keeps no events for a disconnected
 * client. Events: device/extension state of operator phones, BridgeEnter (the operator answered a caller, and the
 * start of talk time), Hangup (end of talk time), the sample dialplan's FrontlineCallback user event. Originate
 * places callbacks (operator first, the dialplan then dials the customer).
 */
final class AmiControl implements AsteriskCallConnector.Originator, AsteriskCallConnector.PromptCutter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiControl.class);
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");

    /** The PBX this connection is to (ADR 0141): events act only on its calls. */
    private final String pbx;
    private final AsteriskConfig config;
    private final LiveCalls calls;
    private final Acd acd;
    private final OperatorPhones phones;
    private final PbxEvents events;
    private final Clock clock;
    private final ManagerConnection connection;
    private final ExecutorService stateReader = Executors.newSingleThreadExecutor(daemon("ami-state"));
    private final ExecutorService originators = Executors.newFixedThreadPool(4, daemon("ami-originate"));
    private final Map<String, Talk> talking = new ConcurrentHashMap<>();
    /** Callback attempts this process is originating (the Originate sent, its OriginateResponse not yet in). */
    private final java.util.Set<String> placing = ConcurrentHashMap.newKeySet();
    /** Callback attempts the ACD withdrew while they were being placed (issue 23): hung up, not reported. */
    private final java.util.Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong stateReads = new AtomicLong();
    private final Thread supervisor;
    private volatile boolean closed;
    /** Records the conversations {@code recording} asks for (MixMonitor); null: nothing is recorded. */
    private volatile dev.frontline.server.recording.CallRecorder recorder;
    /** Tells supervisors that this PBX's AMI is down or back (the text names the PBX). */
    private volatile java.util.function.Consumer<String> alerts = text -> { };
    /** Supervisors were told this PBX is down and not yet that it is back. */
    private final java.util.concurrent.atomic.AtomicBoolean downAlerted = new java.util.concurrent.atomic.AtomicBoolean();

    private record Talk(CallId callId, OperatorId operator, Instant since) {}

    AmiControl(AsteriskConfig config, LiveCalls calls, Acd acd, OperatorPhones phones, PbxEvents events, Clock clock) {
        this(AsteriskConfig.SINGLE_PBX, config, calls, acd, phones, events, clock);
    }

    /** The connection to PBX {@code pbx}, whose AMI settings are {@code config.ami()}. */
    AmiControl(String pbx, AsteriskConfig config, LiveCalls calls, Acd acd, OperatorPhones phones, PbxEvents events,
               Clock clock) {
        this.pbx = pbx;
        this.config = config;
        this.calls = calls;
        this.acd = acd;
        this.phones = phones;
        this.events = events;
        this.clock = clock;
        AsteriskConfig.Ami ami = config.ami();
        this.connection = new ManagerConnectionFactory(ami.host(), ami.port(), ami.user(), ami.secret())
                .createManagerConnection();
        connection.registerUserEventClass(FrontlineCallbackEvent.class);
        connection.addEventListener(new Listener());
        this.supervisor = new Thread(this::supervise, "ami-supervisor-" + pbx);
        supervisor.setDaemon(true);
    }

    void start() {
        supervisor.start();
    }

    String pbx() {
        return pbx;
    }

    /** Where "PBX x: AMI down / back" goes (supervisors' alerts); set before {@link #start}. */
    void alerts(java.util.function.Consumer<String> to) {
        this.alerts = to;
    }

    /** Alerts once per outage: the connection was lost, or the first login failed. */
    private void down(String why) {
        if (!closed && downAlerted.compareAndSet(false, true)) {
            alerts.accept("PBX " + pbx + ": AMI " + config.ami().host() + ":" + config.ami().port() + " " + why
                    + "; its operators' phone states, transfers, holds and callbacks wait for it, the other PBXs go on");
        }
    }

    boolean connected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Successful logins so far (the first and every reconnect). */
    long logins() {
        return logins.get();
    }

    /** Completed re-reads of the PBX's state. */
    long stateReads() {
        return stateReads.get();
    }

    // --- connection ---

    private void supervise() {
        Duration backoff = config.ami().reconnectMin();
        while (!closed) {
            ManagerConnectionState state = connection.getState();
            if (state == ManagerConnectionState.INITIAL || state == ManagerConnectionState.DISCONNECTED) {
                try {
                    connection.login();
                    backoff = config.ami().reconnectMin();
                } catch (AuthenticationFailedException | IOException | TimeoutException | IllegalStateException e) {
                    log.warn("AMI login to PBX {} at {}:{} as {} failed ({}); next try in {} s", pbx,
                            config.ami().host(), config.ami().port(), config.ami().user(), e.getMessage(),
                            backoff.toSeconds());
                    down("unreachable (" + e.getMessage() + ")");
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), config.ami().reconnectMax());
                    continue;
                }
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /**
     * After a (re)connect: events were lost while away, so ask the PBX what is true now. Right after a PBX restart
     * the AMI answers before all modules are loaded ({@code DeviceStateList} is then an "Invalid/unknown command"):
     * the re-read is tried again with back-off until it succeeds (or, at the latest, when FullyBooted arrives).
     */
    private void rereadState() {
        Duration backoff = Duration.ofMillis(250);
        long session = logins.get();
        while (!closed && session == logins.get()) {
            try {
                if (readState()) {
                    return;
                }
            } catch (IOException | TimeoutException | IllegalStateException e) {
                log.warn("AMI state re-read failed: {}; trying again in {} ms", e.getMessage(), backoff.toMillis());
            }
            sleep(backoff);
            backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(5));
        }
    }

    /** One re-read; false when the PBX is still loading the modules it needs. */
    private boolean readState() throws IOException, TimeoutException {
        phones.refresh();
        ManagerResponse devices = connection.sendAction(new DeviceStateListAction());
        if (devices instanceof ManagerError) {
            String why = devices.getMessage() == null ? "" : devices.getMessage();
            if (why.toLowerCase(java.util.Locale.ROOT).contains("permission")) {
                log.error("AMI DeviceStateList refused: {}: the AMI user needs 'call' or 'reporting' read "
                        + "(deploy/asterisk/manager.conf); operator phones' registration is not followed", why);
            } else {
                log.info("AMI DeviceStateList not available yet ({}): the PBX is still loading its modules", why);
                return false;
            }
        }
        // what the ACD believes, read before the PBX is asked: a call the ACD holds now and the PBX no longer
        // has ended while this AMI session was away (see reconcile)
        AcdBelief before = acdBelief();
        ResponseEvents channels = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 10_000);
        Set<String> alive = new HashSet<>();
        for (ResponseEvent e : channels.getEvents()) {
            if (e instanceof CoreShowChannelEvent c && c.getUniqueid() != null) {
                alive.add(c.getUniqueid());
                if (c.getBridgeid() != null && !c.getBridgeid().isBlank()) {
                    bridged(c.getUniqueid());
                }
            }
        }
        for (String uid : Set.copyOf(talking.keySet())) {
            if (!alive.contains(uid)) {
                endTalk(uid); // hung up while we were away
            }
        }
        reconcile(before, alive);
        stateReads.incrementAndGet();
        log.info("AMI state re-read: {} channels up", alive.size());
        return true;
    }

    /** The ACD's operators on a call, and the callbacks this process was placing, at one moment. */
    private record AcdBelief(java.util.List<dev.frontline.core.acd.OperatorView> onACall, java.util.Set<String> placing) { }

    private AcdBelief acdBelief() {
        try {
            return new AcdBelief(acd.snapshot().operators().stream()
                    .filter(o -> (o.state() == dev.frontline.core.acd.OperatorState.TALKING
                            || o.state() == dev.frontline.core.acd.OperatorState.RINGING) && o.currentCall().isPresent())
                    .toList(), java.util.Set.copyOf(placing));
        } catch (UnsupportedOperationException e) {
            return new AcdBelief(java.util.List.of(), java.util.Set.of()); // an ACD without a published picture (tests)
        }
    }

    /**
     * Issue 23: events Asterisk sent while no AMI session of ours was logged in (a new leader before its login, a
     * reconnect) are lost, so a call that ended meanwhile would keep its operator on the call forever. For each
     * operator the ACD had on a call on this PBX before the channel list was read: a callback whose operator leg
     * (channel uniqueid {@link #callbackLeg}) is gone ended (talking) or failed (ringing); with one PBX, a queued
     * caller talking whose channel is gone and whose FastAGI session is not in this process ended too.
     */
    private void reconcile(AcdBelief before, Set<String> alive) {
        boolean onePbx = config.pbxs().size() <= 1;
        for (dev.frontline.core.acd.OperatorView o : before.onACall()) {
            CallId call = o.currentCall().orElseThrow();
            if (dev.frontline.core.call.CallConnector.isCallback(call)) {
                String attempt = call.value();
                if (before.placing().contains(attempt) || !phones.onThisPbx(o.id())
                        || alive.contains(callbackLeg(attempt))) {
                    continue;
                }
                if (o.state() == dev.frontline.core.acd.OperatorState.TALKING) {
                    log.warn("callback {} of {}: its channel is gone (it ended while AMI was not logged in); ended",
                            attempt, o.id());
                    events.callbackEnded(attempt);
                } else {
                    log.warn("callback {} to {}: its channel is gone (it ended while AMI was not logged in); failed",
                            attempt, o.id());
                    events.callbackFailed(attempt, CallbackOutcome.TIMEOUT,
                            "its channel was gone when AMI logged in to PBX " + pbx);
                }
            } else if (onePbx && o.state() == dev.frontline.core.acd.OperatorState.TALKING
                    && !alive.contains(call.value()) && calls.find(call).isEmpty()) {
                log.warn("call {} of {}: its channel is gone (it ended while AMI was not logged in); ended",
                        call, o.id());
                acd.callEnded(call);
            }
        }
    }

    /** The uniqueid (Originate's ChannelId) of callback {@code attemptId}'s operator leg. */
    static String callbackLeg(String attemptId) {
        return attemptId + "-operator";
    }

    /**
     * The ACD withdrew callback {@code attemptId} (its caller came back on the line): its operator leg is hung up
     * by uniqueid (the customer's leg, dialled from it, ends with it); a later OriginateResponse or report of it is
     * not passed on. A PBX that does not have the leg answers "No such channel": logged at debug only.
     */
    @Override
    public void cancelCallback(String attemptId) {
        cancelled.add(attemptId);
        String leg = callbackLeg(attemptId);
        try {
            connection.sendAction(new org.asteriskjava.manager.action.HangupAction(leg), response -> {
                if (response instanceof ManagerError) {
                    log.debug("AMI Hangup of callback leg {} on PBX {}: {}", leg, pbx, response.getMessage());
                } else {
                    log.info("callback {} withdrawn: its leg {} hung up on PBX {}", attemptId, leg, pbx);
                }
            });
        } catch (IOException | IllegalStateException e) {
            log.warn("callback {} withdrawn, but AMI of PBX {} could not hang up {}: {}", attemptId, pbx, leg,
                    e.getMessage());
        }
    }

    /** Hangs up an operator's leg (the caller's Dial then returns and the caller stays in our script). Async. */
    @Override
    public void hangUp(String channel) {
        try {
            connection.sendAction(new org.asteriskjava.manager.action.HangupAction(channel), response -> {
                if (response instanceof ManagerError) {
                    log.warn("AMI Hangup of {} refused: {}", channel, response.getMessage());
                }
            });
        } catch (IOException | IllegalStateException e) {
            log.warn("AMI Hangup of {}: {}", channel, e.getMessage());
        }
    }

    @Override
    public void redirect(String channel, String context) {
        org.asteriskjava.manager.action.RedirectAction redirect =
                new org.asteriskjava.manager.action.RedirectAction(channel, context, "s", 1);
        try {
            connection.sendAction(redirect, response -> {
                if (response instanceof ManagerError) {
                    log.warn("AMI Redirect of {} to {} refused: {}", channel, context, response.getMessage());
                }
            });
        } catch (IOException | IllegalStateException e) {
            log.warn("AMI Redirect of {}: {}", channel, e.getMessage());
        }
    }

    /** Sets the dialplan variable {@code name} on {@code channel} (AMI Setvar, class call). Async. */
    @Override
    public void setVar(String channel, String name, String value) {
        try {
            connection.sendAction(new org.asteriskjava.manager.action.SetVarAction(channel, name, value), response -> {
                if (response instanceof ManagerError) {
                    log.warn("AMI Setvar {} of {} refused: {}", name, channel, response.getMessage());
                }
            });
        } catch (IOException | IllegalStateException e) {
            log.warn("AMI Setvar {} of {}: {}", name, channel, e.getMessage());
        }
    }

    /**
     * Mutes the audio {@code channel} sends (the operator's microphone) with AMI {@code Setvar} of the dialplan
     * function {@code MUTEAUDIO(in)} (res_mutestream). Not the {@code MuteAudio} action: it needs the {@code system}
     * write class, which the shipped manager.conf does not grant; Setvar needs only {@code call}.
     */
    @Override
    public void mute(String channel, boolean on) {
        org.asteriskjava.manager.action.SetVarAction mute = new org.asteriskjava.manager.action.SetVarAction(
                channel, "MUTEAUDIO(in)", on ? "on" : "off");
        try {
            connection.sendAction(mute, response -> {
                if (response instanceof ManagerError) {
                    log.warn("AMI Setvar MUTEAUDIO(in) of {} refused: {}", channel, response.getMessage());
                }
            });
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("AMI is not connected: " + e.getMessage(), e);
        }
    }

    /** Cuts short the prompt {@code channel} plays: a DTMF {@link AgiCallLoop#WAKE} as if received. Async. */
    @Override
    public void cut(String channel) {
        if (!connected()) {
            return; // the dial then waits for the prompt's end
        }
        dtmf(channel, AgiCallLoop.WAKE);
    }

    /** AMI PlayDTMF with {@code Receive: true}: the digit reaches the channel's application as if its phone sent it. */
    @Override
    public void dtmf(String channel, char digit) {
        PlayDtmfAction play = new PlayDtmfAction(channel, String.valueOf(digit));
        play.setReceive(Boolean.TRUE);
        try {
            connection.sendAction(play, response -> {
                if (response instanceof ManagerError) {
                    log.debug("PlayDTMF {} on {} refused: {}", digit, channel, response.getMessage());
                }
            });
        } catch (IOException | IllegalStateException e) {
            log.debug("PlayDTMF {} on {}: {}", digit, channel, e.getMessage());
        }
    }

    // --- calls ---

    /** The caller's channel entered a bridge: if we are dialling an operator for it, the operator answered. */
    private void bridged(String uniqueId) {
        calls.find(pbx, new CallId(uniqueId)).ifPresent(line -> {
            OperatorId op = line.dialing();
            if (op != null && line.markAnswered()) {
                talking.put(uniqueId, new Talk(line.callId(), op, clock.instant())); // talk starts now, not when routed
                acd.operatorAnswered(line.callId(), op);
                record(line, op);
            }
        });
    }

    void recorder(dev.frontline.server.recording.CallRecorder r) {
        this.recorder = r;
    }

    /**
     * The operator answered: when the call's FastAGI script started MixMonitor before dialling (the recording
     * settings asked for it), the recording's row starts now. MixMonitor is not sent over AMI: the action needs the
     * {@code system} write class, which the shipped manager.conf does not grant (Asterisk 22 answered "Permission
     * denied").
     */
    private void record(CallLine line, OperatorId op) {
        originators.execute(() -> line.startRecordingRow(op)); // the row is a store write: not on the event thread
    }

    /** The caller's channel hung up (or its MixMonitor stopped): the recording's end and size are stored. */
    private void recordingEnded(String uniqueId) {
        dev.frontline.server.recording.CallRecorder r = recorder;
        if (r != null) {
            originators.execute(() -> r.ended(new CallId(uniqueId)));
        }
    }

    private void endTalk(String uniqueId) {
        Talk t = talking.remove(uniqueId);
        if (t != null) {
            events.talkTime(t.callId(), t.operator(), Duration.between(t.since(), clock.instant()));
        }
    }

    // --- callbacks ---

    @Override
    public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                  String callerId) {
        if (!NUMBER.matcher(customerNumber).matches()) {
            events.callbackFailed(attemptId, CallbackOutcome.FAILED, "not a dialable number: " + customerNumber);
            return;
        }
        placing.add(attemptId);
        originators.execute(() -> {
            try {
                originate(attemptId, operator, endpoint, customerNumber, callerId);
            } finally {
                placing.remove(attemptId);
            }
        });
    }

    /**
     * How long a callback placed while AMI is not logged in waits for the login before its attempt fails: a new
     * leader opens AMI only after its ACD has started (issue 23), and a PBX that restarts is back within seconds.
     */
    static final Duration ORIGINATE_WAITS_FOR_LOGIN = Duration.ofSeconds(5);

    private void originate(String attemptId, OperatorId operator, String endpoint, String number, String callerId) {
        long loginBy = System.nanoTime() + ORIGINATE_WAITS_FOR_LOGIN.toNanos();
        while (!connected() && !closed && System.nanoTime() < loginBy) { // on an originator thread: may wait
            sleep(Duration.ofMillis(20));
        }
        if (cancelled.remove(attemptId)) {
            log.info("callback {} withdrawn before it was placed", attemptId);
            return;
        }
        long ringMs = config.ringTimeout().toMillis();
        OriginateAction o = new OriginateAction();
        o.setChannel(endpoint);
        o.setChannelId(callbackLeg(attemptId)); // known to a new leader, to hang up or look for it (issue 23)
        o.setContext(config.ami().callbackContext());
        o.setExten(number);
        o.setPriority(1);
        o.setCallerId(callerId);
        o.setTimeout(ringMs);
        o.setAsync(true);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("FRONTLINE_ATTEMPT", attemptId);
        vars.put("FRONTLINE_OPERATOR", operator.value());
        o.setVariables(vars);
        try {
            ResponseEvents r = connection.sendEventGeneratingAction(o, ringMs + 15_000);
            if (cancelled.remove(attemptId)) { // withdrawn while it rang: hung up again in case it was answered
                hangUp(callbackLeg(attemptId));
                return;
            }
            if (r.getResponse() instanceof ManagerError) {
                events.callbackFailed(attemptId, CallbackOutcome.FAILED, r.getResponse().getMessage());
                return;
            }
            OriginateResponseEvent e = r.getEvents().stream().filter(OriginateResponseEvent.class::isInstance)
                    .map(OriginateResponseEvent.class::cast).findFirst().orElse(null);
            if (e == null) {
                events.callbackFailed(attemptId, CallbackOutcome.TIMEOUT, "no OriginateResponse");
            } else if ("Success".equalsIgnoreCase(e.getResponse())) {
                events.callbackOperatorAnswered(attemptId);
            } else {
                int reason = e.getReason() == null ? 0 : e.getReason();
                CallbackOutcome f = reason == 1 || reason == 3 || reason == 5
                        ? CallbackOutcome.OPERATOR_NO_ANSWER : CallbackOutcome.FAILED;
                events.callbackFailed(attemptId, f, "operator leg " + endpoint + ": originate reason " + reason);
            }
        } catch (EventTimeoutException e) {
            events.callbackFailed(attemptId, CallbackOutcome.TIMEOUT, "no OriginateResponse in time");
        } catch (IOException | IllegalStateException e) {
            events.callbackFailed(attemptId, CallbackOutcome.FAILED, "AMI not connected: " + e.getMessage());
        }
    }

    /** The uniqueid of a Local channel's far side for leg {@code leg}: one that {@code leg} is not a prefix of. */
    static String farSide(String leg) {
        return "far-" + leg;
    }

    /** The dialplan context a consulted colleague's leg runs (deploy/asterisk/extensions.conf). */
    static final String CONSULT_CONTEXT = "frontline-consult";

    @Override
    public void originateConsult(CallId callId, OperatorId to, String endpoint, String leg, String peer) {
        originators.execute(() -> consultLeg(callId, to, endpoint, leg, peer));
    }

    /**
     * AMI Originate of the colleague's phone into {@code frontline-consult} with the uniqueid {@code leg}: answered,
     * it bridges with the consulting operator's held leg {@code FRONTLINE_PEER}. OriginateResponse says whether it
     * answered (Asterisk 22: reason 3 no answer, 5 busy, 8 congestion / unavailable, 1 hung up while ringing).
     */
    private void consultLeg(CallId callId, OperatorId to, String endpoint, String leg, String peer) {
        long ringMs = config.ringTimeout().toMillis();
        OriginateAction o = new OriginateAction();
        o.setChannel(endpoint);
        o.setContext(CONSULT_CONTEXT);
        o.setExten("s");
        o.setPriority(1);
        o.setChannelId(leg);
        // The caller's script finds this leg with Bridge(<leg>), and Bridge() looks a channel up by a uniqueid PREFIX
        // (ast_channel_get_by_name_prefix). A Local channel's far side gets "<leg>;2" unless named: the real Asterisk
        // 22 then bridged the caller to the colleague's handset side, cut out of its dialplan, and the call went
        // silent (a 44-byte recording). Its own uniqueid, not starting with the leg's, leaves one match. (Ignored for
        // other channel types, which have no far side.)
        o.setOtherChannelId(farSide(leg));
        o.setCallerId("Frontline consult <" + callId.value() + ">");
        o.setTimeout(ringMs);
        o.setAsync(true);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("FRONTLINE_PEER", peer);
        vars.put("FRONTLINE_CALL", callId.value());
        o.setVariables(vars);
        try {
            ResponseEvents r = connection.sendEventGeneratingAction(o, ringMs + 15_000);
            if (r.getResponse() instanceof ManagerError) {
                acd.consultFailed(callId, to, "the PBX refused: " + r.getResponse().getMessage());
                return;
            }
            OriginateResponseEvent e = r.getEvents().stream().filter(OriginateResponseEvent.class::isInstance)
                    .map(OriginateResponseEvent.class::cast).findFirst().orElse(null);
            if (e == null) {
                acd.consultFailed(callId, to, "no OriginateResponse");
            } else if ("Success".equalsIgnoreCase(e.getResponse())) {
                calls.find(callId).ifPresent(CallLine::consultAnswered);
                acd.consultAnswered(callId, to);
            } else {
                int reason = e.getReason() == null ? 0 : e.getReason();
                acd.consultFailed(callId, to, switch (reason) {
                    case 3 -> "ring no answer";
                    case 5 -> "phone busy";
                    case 8 -> "phone unavailable";
                    default -> "phone not reached (originate reason " + reason + ")";
                });
            }
        } catch (EventTimeoutException e) {
            acd.consultFailed(callId, to, "no OriginateResponse in time");
        } catch (IOException | IllegalStateException e) {
            acd.consultFailed(callId, to, "AMI not connected: " + e.getMessage());
        }
    }

    /**
     * Listen / whisper / barge: AMI Originate of the supervisor's phone (uniqueid {@code spyLeg}) into ChanSpy on the
     * operator's leg, with {@code q} (no beep, no channel name read out), {@code d} (DTMF 4 / 5 / 6 switch the mode:
     * a mode change is a PlayDTMF, not a new ring) and {@code w} (whisper: the supervisor speaks to the operator only)
     * or {@code B} (barge: to both), and {@code E}: it ends when the operator's leg does (without it ChanSpy waits
     * for another channel of that name, the supervisor's phone still off hook), Async: the outcome shows as ChanSpyStart on the PBX; a refusal ends the
     * listening-in as if the supervisor had hung up.
     */
    @Override
    public void spy(String supervisorEndpoint, String operatorChannel, dev.frontline.core.common.SpyMode mode,
                    String spyLeg) {
        OriginateAction o = new OriginateAction();
        o.setChannel(supervisorEndpoint);
        o.setApplication("ChanSpy");
        String options = switch (mode) {
            case LISTEN -> "qdE";
            case WHISPER -> "qwdE";
            case BARGE -> "qBdE";
        };
        o.setData(operatorChannel + "," + options);
        o.setChannelId(spyLeg);
        o.setOtherChannelId(farSide(spyLeg));
        o.setCallerId("Frontline <listen>");
        o.setTimeout(config.ringTimeout().toMillis());
        o.setAsync(true);
        try {
            connection.sendAction(o, response -> {
                if (response instanceof ManagerError) {
                    log.warn("listen-in on {} from {} refused: {}", operatorChannel, supervisorEndpoint, response.getMessage());
                    calls.spies().hungUp(pbx, spyLeg);
                }
            });
        } catch (IOException | IllegalStateException e) {
            calls.spies().remove(supervisorEndpoint);
            throw new IllegalStateException("AMI not connected: " + e.getMessage(), e);
        }
    }

    /** The sample dialplan's report on the customer leg: ANSWER, then ENDED; or why it failed. */
    private void customerLeg(FrontlineCallbackEvent e) {
        String status = e.getStatus() == null ? "" : e.getStatus().trim().toUpperCase(java.util.Locale.ROOT);
        if ("ENDED".equals(status) && calls.find(pbx, new CallId(e.getAttempt())).isPresent()) {
            // the customer's leg is in our script (ADR 0152): the script reports the conversation's end itself
            log.debug("callback {}: ENDED ({}) while its customer is in the script: the script ends it", e.getAttempt(),
                    e.getLeg());
            return;
        }
        if ("ANSWER".equals(status) && e.getCustomerLeg() != null && !e.getCustomerLeg().isBlank()
                && e.getOperatorLeg() != null && !e.getOperatorLeg().isBlank()) {
            // (a dialplan older than the hold of callbacks names no legs: its callbacks cannot be held)
            calls.callbackAnswered(e.getAttempt(), new LiveCalls.CallbackLegs(pbx, e.getCustomerLeg().trim(),
                    e.getOperatorLeg().trim()));
        } else if ("ENDED".equals(status) && "operator".equals(e.getLeg()) && calls.callbackMoved(e.getAttempt())) {
            // Seen on the real Asterisk 22: redirecting the customer's leg out of the Dial (a hold) runs the
            // operator leg's h extension once (UserEvent without a channel) although that leg goes on waiting.
            // Once the customer's leg was moved, its own h reports the end (and ends the operator's leg).
            log.debug("callback {}: the operator leg's ENDED after its customer was moved is not the end", e.getAttempt());
            return;
        } else if (!"ANSWER".equals(status)) {
            if ("ENDED".equals(status) && calls.callbackMoved(e.getAttempt())) {
                // the moved customer's leg ended: the operator's leg, waiting in frontline-callbacks-dial, goes too
                calls.callback(new CallId(e.getAttempt())).ifPresent(legs -> hangUp(legs.operator()));
            }
            calls.callbackGone(e.getAttempt());
        }
        switch (status) {
            case "ANSWER" -> events.callbackAnswered(e.getAttempt());
            case "ENDED" -> events.callbackEnded(e.getAttempt());
            case "NOANSWER" -> events.callbackFailed(e.getAttempt(), CallbackOutcome.CUSTOMER_NO_ANSWER, status);
            case "BUSY" -> events.callbackFailed(e.getAttempt(), CallbackOutcome.CUSTOMER_BUSY, status);
            default -> events.callbackFailed(e.getAttempt(), CallbackOutcome.FAILED, "customer leg: " + status);
        }
    }

    // --- events (on Asterisk-Java's dispatch thread: never block, never send actions here) ---

    private final class Listener implements ManagerEventListener {
        @Override
        public void onManagerEvent(ManagerEvent event) {
            try {
                dispatch(event);
            } catch (RuntimeException e) {
                log.error("AMI event {} failed", event.getClass().getSimpleName(), e);
            }
        }

        private void dispatch(ManagerEvent event) {
            if (event instanceof ConnectEvent) {
                logins.incrementAndGet();
                log.info("AMI logged in to PBX {} at {}:{}; re-reading state", pbx, config.ami().host(),
                        config.ami().port());
                if (downAlerted.compareAndSet(true, false)) {
                    alerts.accept("PBX " + pbx + ": AMI " + config.ami().host() + ":" + config.ami().port()
                            + " connected again");
                }
                stateReader.execute(AmiControl.this::rereadState);
            } else if (event instanceof DisconnectEvent) {
                log.warn("AMI connection to PBX {} at {}:{} lost; reconnecting", pbx, config.ami().host(),
                        config.ami().port());
                down("connection lost");
            } else if (event instanceof DeviceStateChangeEvent d) {
                phones.deviceState(d.getDevice(), d.getState());
            } else if (event instanceof ExtensionStatusEvent x && x.getHint() != null && x.getStatus() != null) {
                int s = x.getStatus();
                if (s >= 0) {
                    phones.deviceState(x.getHint().split("&")[0], s == ExtensionStatusEvent.UNAVAILABLE ? "UNAVAILABLE" : "NOT_INUSE");
                }
            } else if (event instanceof BridgeEnterEvent b && b.getUniqueId() != null) {
                bridged(b.getUniqueId());
            } else if (event instanceof BridgeLeaveEvent b && b.getUniqueId() != null) {
                endTalk(b.getUniqueId()); // talk ends with the bridge, not with the rating after it
            } else if (event instanceof HangupEvent h && h.getUniqueId() != null) {
                endTalk(h.getUniqueId());
                calls.legHungUp(pbx, h.getChannel()).ifPresent(line -> line.channelHungUp(h.getChannel()));
                calls.consultLegHungUp(h.getUniqueId()).ifPresent(line -> consultLegEnded(line, h.getUniqueId()));
                recordingEnded(h.getUniqueId());
                calls.spies().hungUp(pbx, h.getUniqueId()); // a supervisor's phone left a listening-in
                // a held (or taken back) callback's operator leg hung up: its customer's leg goes too (its h: ENDED)
                calls.movedCallbackOfOperatorLeg(pbx, h.getChannel()).ifPresent(legs -> hangUp(legs.customer()));
            } else if (event instanceof org.asteriskjava.manager.event.MixMonitorStopEvent m && m.getUniqueId() != null
                    && calls.find(pbx, new CallId(m.getUniqueId())).isEmpty()) {
                // (a call in our script: the script ends the row of each MixMonitor it stops itself. This event comes
                // later, by AMI, and ended the NEXT row of the call: the colleague's after a warm transfer, at once)
                recordingEnded(m.getUniqueId());
            } else if (event instanceof DialBeginEvent d && d.getUniqueId() != null && d.getDestChannel() != null) {
                calls.find(pbx, new CallId(d.getUniqueId())).ifPresent(line -> calls.legDialled(d.getDestChannel(), line));
            } else if (event instanceof SoftHangupRequestEvent s && s.getUniqueId() != null) {
                calls.find(pbx, new CallId(s.getUniqueId())).ifPresent(line -> line.hangupRequested(cause(s.getCause())));
            } else if (event instanceof HangupRequestEvent h && h.getUniqueId() != null) {
                calls.find(pbx, new CallId(h.getUniqueId())).ifPresent(line -> line.hangupRequested(0));
            } else if (event instanceof FullyBootedEvent) {
                log.info("AMI: the PBX is fully booted; re-reading state");
                stateReader.execute(AmiControl.this::rereadState);
            } else if (event instanceof FrontlineCallbackEvent f && f.getAttempt() != null) {
                customerLeg(f);
            }
        }
    }

    /**
     * A consulted colleague's leg hung up: during the consultation the caller goes back to the first operator (the
     * ACD ignores it when it ended the consultation itself); after a completed transfer it is the caller's leg.
     */
    private void consultLegEnded(CallLine line, String uniqueId) {
        CallLine.Consulted c = line.consulting();
        if (c != null && c.leg().equals(uniqueId) && line.consultUp()) { // unanswered: OriginateResponse says why
            line.consultEnded();
            acd.consultFailed(line.callId(), c.operator(), "hung up");
        } else {
            line.uniqueIdHungUp(uniqueId);
        }
    }

    private static int cause(Integer c) {
        return c == null ? 0 : c;
    }

    @Override
    public void close() {
        closed = true;
        supervisor.interrupt();
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED
                    || connection.getState() == ManagerConnectionState.RECONNECTING) {
                connection.logoff();
            }
        } catch (IllegalStateException e) {
            log.debug("AMI logoff", e);
        }
        stateReader.shutdownNow();
        originators.shutdownNow();
        try {
            stateReader.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
