package dev.frontline.server.asterisk;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live Asterisk channel in our script: its mailbox for connect commands (written by the ACD's thread through
 * {@link AsteriskCallConnector}, read by the channel's AGI thread while the caller is on hold) and whether the
 * operator leg was answered (set once, by AMI's BridgeEnter or by DIALSTATUS, whichever comes first).
 */
final class CallLine {

    /** Ring {@code endpoint} and bridge it to this caller. */
    record Connect(OperatorId operator, String endpoint) {
        Connect {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    private final CallId callId;
    private final String channel;
    private final ConcurrentLinkedQueue<Connect> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile OperatorId dialing;
    /** The PBX channel of the operator leg being dialled (AMI DialBegin's DestChannel), or null. */
    private volatile String legChannel;
    /** The operator whose leg the ACD took away (transfer, requeue) while it rang or talked, or null. */
    private volatile OperatorId released;
    /** The operator asked to hold the caller: their leg is being moved out of the Dial (see {@link #takeHold}). */
    private final AtomicBoolean holdWanted = new AtomicBoolean();
    /** The operator asked to take the held caller back. */
    private final AtomicBoolean resumeWanted = new AtomicBoolean();
    /** The held operator leg hung up (AMI Hangup of {@link #legChannel}). */
    private volatile boolean legGone;
    /** Hangs up a channel (AMI); set by whoever holds the call, used when the caller leaves while held. */
    private volatile java.util.function.Consumer<String> legHangUp = c -> { };
    /** The channel plays a queue prompt that a connect may cut short ({@link #interruptible}). */
    private final AtomicBoolean inQueuePrompt = new AtomicBoolean();
    /** Records the conversations the recording settings ask for (null: none). */
    private volatile dev.frontline.server.recording.CallRecorder recorder;
    /** The file MixMonitor writes this call's current conversation to (null: not recorded). */
    private volatile java.nio.file.Path recording;
    /** The recording whose row is to be written when the operator answers (taken once). */
    private final java.util.concurrent.atomic.AtomicReference<java.nio.file.Path> recordingToStart =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** The first hang-up request AMI saw for the channel: its soft-hangup cause (0 for a far-end hang-up). */
    private final java.util.concurrent.CompletableFuture<Integer> hangupRequest = new java.util.concurrent.CompletableFuture<>();
    /** Asterisk's AST_SOFTHANGUP_SHUTDOWN: the PBX hangs up every channel because it stops or restarts. */
    static final int SOFTHANGUP_SHUTDOWN = 1 << 2;

    /** A consulted colleague's leg (warm transfer): who, and the uniqueid Frontline gave its channel. */
    record Consulted(OperatorId operator, String leg) {}

    /** The consultation running now, or null. */
    private volatile Consulted consulting;
    /** The consultation completed: the caller is to be bridged to this leg (taken once by the AGI thread). */
    private final java.util.concurrent.atomic.AtomicReference<Consulted> completeTo =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** The consulting operator's held leg hung up during the consultation and the ACD was told (once). */
    private final AtomicBoolean consultantLeft = new AtomicBoolean();

    /** The PBX the call came from (ADR 0141): its AMI gets every action on the call's channels. */
    private final String pbx;

    CallLine(CallId callId, String channel) {
        this(callId, channel, AsteriskConfig.SINGLE_PBX);
    }

    CallLine(CallId callId, String channel, String pbx) {
        this.callId = callId;
        this.channel = channel;
        this.pbx = java.util.Objects.requireNonNull(pbx, "pbx");
    }

    /** The name of the PBX that holds this call's channels. */
    String pbx() {
        return pbx;
    }

    CallId callId() {
        return callId;
    }

    String channel() {
        return channel;
    }

    void post(Connect connect) {
        mailbox.add(connect);
    }

    /** AMI saw a (soft) hang-up request for the channel; the first one says why the line ends. */
    void hangupRequested(int softCause) {
        hangupRequest.complete(softCause);
    }

    /**
     * Whether the PBX itself cut the line (shutdown or restart) rather than the caller, waiting at most {@code max}
     * for AMI's word on it (the AGI thread and AMI learn of the hang-up at the same moment, by two connections).
     */
    boolean cutByPbx(java.time.Duration max) {
        try {
            return (hangupRequest.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) & SOFTHANGUP_SHUTDOWN) != 0;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Drops the connects to {@code operator} not yet dialled (the ACD withdrew that offer). */
    void withdraw(OperatorId operator) {
        mailbox.removeIf(c -> c.operator().equals(operator));
    }

    boolean hasConnect() {
        return !mailbox.isEmpty();
    }

    /** The AGI thread starts (true) or ends (false) a queue prompt that a connect may cut short. */
    void queuePrompt(boolean playing) {
        inQueuePrompt.set(playing);
    }

    /** True while a queue prompt plays: whoever posts a connect then should cut it short. */
    boolean interruptible() {
        return inQueuePrompt.get();
    }

    /** The next connect command, or null. */
    Connect poll() {
        return mailbox.poll();
    }

    /** The operator leg to {@code operator} starts ringing. */
    void dialStarted(OperatorId operator) {
        answered.set(false);
        released = null;
        legGone = false;
        holdWanted.set(false);
        resumeWanted.set(false);
        consultantLeft.set(false);
        dialing = operator;
    }

    void dialEnded() {
        dialing = null;
        legChannel = null;
    }

    /** AMI saw the Dial's outgoing channel. */
    void legChannel(String channel) {
        this.legChannel = channel;
    }

    String legChannel() {
        return legChannel;
    }

    /** The operator holds the caller: their leg leaves the Dial; {@code hangUp} ends it if the caller leaves. */
    void requestHold(java.util.function.Consumer<String> hangUp) {
        legHangUp = hangUp;
        resumeWanted.set(false);
        holdWanted.set(true);
    }

    /** True once after {@link #requestHold}: the Dial (or Bridge) that just returned was left for the hold. */
    boolean takeHold() {
        return holdWanted.getAndSet(false);
    }

    void requestResume() {
        resumeWanted.set(true);
    }

    boolean takeResume() {
        return resumeWanted.getAndSet(false);
    }

    /** AMI saw {@code channel} hang up: when it is the (held) operator leg, the conversation cannot resume. */
    void channelHungUp(String channel) {
        if (channel != null && channel.equals(legChannel)) {
            legGone = true;
        }
    }

    boolean legGone() {
        return legGone;
    }

    /** The caller left while held: the operator's leg waiting in {@code frontline-held} is hung up. */
    void endHeldLeg() {
        String leg = legChannel;
        if (leg != null) {
            legHangUp.accept(leg);
        }
    }

    /** The ACD took the call away from {@code operator}'s leg (transfer or requeue): its end is no conversation end. */
    void release(OperatorId operator) {
        released = operator;
    }

    /** True once for the leg the ACD took away from {@code operator}. */
    boolean takeReleased(OperatorId operator) {
        if (operator != null && operator.equals(released)) {
            released = null;
            return true;
        }
        return false;
    }

    /** A colleague's leg {@code leg} is rung for a consultation with the talking operator. */
    void consultStarted(OperatorId to, String leg) {
        consultantLeft.set(false);
        consultUp = false;
        consulting = new Consulted(to, leg);
    }

    /** The consulted colleague answered (AMI OriginateResponse Success). */
    void consultAnswered() {
        consultUp = true;
    }

    /** True while the consulted colleague's answered leg is up (its hang-up then ends the consultation). */
    boolean consultUp() {
        return consultUp && consulting != null;
    }

    private volatile boolean consultUp;

    Consulted consulting() {
        return consulting;
    }

    /** The consultation ended without the caller going to the colleague; returns the leg it had (or null). */
    Consulted consultEnded() {
        Consulted c = consulting;
        consulting = null;
        return c;
    }

    /** The transfer completes: the caller's AGI thread bridges the caller to the colleague's leg. */
    void completeTo(OperatorId to, String leg) {
        completeTo.set(new Consulted(to, leg)); // first: a poll in between never sees neither
        consulting = null;
    }

    /** True while a completed consultation waits for the AGI thread to bridge the caller to the colleague. */
    boolean completing() {
        return completeTo.get() != null;
    }

    /** The consulting operator's leaving was reported to the ACD during the last consultation. */
    boolean consultantLeftReported() {
        return consultantLeft.get();
    }

    /** The completed consultation's leg, once; null when none is waiting. */
    Consulted takeCompleteTo() {
        return completeTo.getAndSet(null);
    }

    /** True once per consultation: the consulting operator's leg is gone while the colleague is consulted. */
    boolean takeConsultantLeft() {
        return consulting != null && legGone && consultantLeft.compareAndSet(false, true);
    }

    /** The caller now talks on {@code leg} with {@code operator} (a completed warm transfer). */
    void switchTo(OperatorId operator, String leg) {
        dialing = operator;
        legChannel = leg;
        legGone = false;
        released = null;
        consultantLeft.set(false);
    }

    /** AMI saw the channel with uniqueid {@code uniqueId} hang up: when it is the current leg, it cannot resume. */
    void uniqueIdHungUp(String uniqueId) {
        if (uniqueId != null && uniqueId.equals(legChannel)) {
            legGone = true;
        }
    }

    /** The operator being dialled or talked to, or null outside Dial. */
    OperatorId dialing() {
        return dialing;
    }

    /** True only for the first caller of this dial attempt to see the answer (it reports it to the ACD). */
    boolean markAnswered() {
        return answered.compareAndSet(false, true);
    }

    boolean isAnswered() {
        return answered.get();
    }

    void recorder(dev.frontline.server.recording.CallRecorder r) {
        this.recorder = r;
    }

    dev.frontline.server.recording.CallRecorder recorder() {
        return recorder;
    }

    /** MixMonitor writes the coming conversation to {@code file}. */
    void recordingTo(java.nio.file.Path file) {
        recording = file;
        recordingToStart.set(file);
    }

    /** The file of the recording that runs, or null. */
    java.nio.file.Path recording() {
        return recording;
    }

    /**
     * The operator answered: the row of the recording MixMonitor writes starts now (once: AMI's BridgeEnter or the
     * script's DIALSTATUS, whichever sees the answer first, takes it); nothing when the call is not recorded.
     */
    void startRecordingRow(OperatorId operator) {
        java.nio.file.Path file = recordingToStart.getAndSet(null);
        dev.frontline.server.recording.CallRecorder r = recorder;
        if (r != null && file != null) {
            r.started(callId, operator, "asterisk", file);
        }
    }

    void recordingStopped() {
        recording = null;
        recordingToStart.set(null);
    }
}
