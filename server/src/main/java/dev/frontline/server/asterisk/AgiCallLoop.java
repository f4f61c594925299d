package dev.frontline.server.asterisk;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.OperatorId;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays one call's turns as AGI commands on its channel's thread and feeds back what the caller did. It only
 * translates: every decision is the {@link CallHandler}'s; connect commands arrive in the {@link CallLine}'s mailbox
 * and their outcomes go to the {@link Acd}. Not thread-safe (one per channel).
 */
final class AgiCallLoop {
    private static final Logger log = LoggerFactory.getLogger(AgiCallLoop.class);
    /** Any key cuts a prompt short when the turn waits for keys. */
    static final String ALL_KEYS = "0123456789*#";
    /**
     * Not a key on a phone: the DTMF digit AMI's PlayDTMF (Receive) queues on a waiting caller's channel to cut a
     * queue prompt short when an operator's phone is to ring (see {@link AsteriskCallConnector#connect}).
     */
    static final char WAKE = 'A';
    private static final String QUEUE_KEYS = ALL_KEYS + WAKE;
    /** How long a hang-up waits for AMI to say whether the PBX itself cut the line. */
    static final Duration LINE_CUT_WAIT = Duration.ofMillis(500);

    private final CallHandler handler;
    private final Acd acd;
    private final AgiChannel channel;
    private final CallLine line;
    private final AsteriskConfig config;
    private final Clock clock;
    /** True while AMI follows the PBX (it then tells a restart's hang-ups from callers'). */
    private final java.util.function.BooleanSupplier pbxWatched;
    /** An operator leg is being dialled or talked on and its end is not yet reported to the ACD. */
    private boolean legOpen;
    /** Gets the time the script took for each of the caller's inputs (the AGI latency histogram). */
    private final java.util.function.Consumer<java.time.Duration> turnTimer;

    AgiCallLoop(CallHandler handler, Acd acd, AgiChannel channel, CallLine line, AsteriskConfig config, Clock clock,
                java.util.function.BooleanSupplier pbxWatched, java.util.function.Consumer<java.time.Duration> turnTimer) {
        this.pbxWatched = pbxWatched;
        this.turnTimer = turnTimer;
        this.handler = handler;
        this.acd = acd;
        this.channel = channel;
        this.line = line;
        this.config = config;
        this.clock = clock;
    }

    /** True for an answered callback's customer (no flow session: the queue's turns and the end are the loop's own). */
    private boolean callback;
    /** The callback's end went to the ACD already. */
    private boolean endReported;

    /**
     * An answered callback's customer leg, sent here by the dialplan (ADR 0152): it is bridged to {@code operator}'s
     * waiting leg {@code peer} and from then on is a live call like a queued caller's (hold, transfer, consult). After
     * a transfer it waits with music for the next operator; when the conversation ends the line is hung up (no rating).
     */
    void runCallback(OperatorId operator, String peer) throws AgiException {
        callback = true;
        try {
            Turn turn = connected(operator, peer);
            while (turn != null) {
                turn = perform(turn);
            }
        } catch (AgiHangupException e) {
            legOpen = false;
            if (!endReported) {
                acd.callEnded(line.callId()); // talking: the end; waiting after a transfer: the customer left
            }
            log.debug("callback {} hung up", line.callId());
        }
    }

    /** The callback's customer is bridged to the operator who took it; the next turn when the line stays ours. */
    private Turn connected(OperatorId operator, String peer) throws AgiException {
        line.dialStarted(operator);
        legOpen = true;
        line.markAnswered(); // the ACD heard the answer from the dialplan (CallbackAnswered)
        int result = channel.exec("Bridge", peer);
        Turn after = conversation(operator, peer, result, "ANSWER");
        return after != null ? after : waitForOperator();
    }

    /** A callback customer waiting for the next operator (after a transfer): music, no announcements. */
    private Turn waitForOperator() {
        return new Turn(line.callId(), List.of(), new Await.WaitInQueue(0, Duration.ZERO, config.holdPoll()
                .multipliedBy(100)));
    }

    void run(CallStart start) throws AgiException {
        try {
            channel.answer();
            Turn turn = handler.start(start);
            while (turn != null) {
                turn = perform(turn);
            }
        } catch (AgiHangupException e) {
            if (legOpen && line.isAnswered()) {
                legOpen = false;
                acd.callEnded(line.callId());
            }
            // the PBX hangs up every channel when it restarts: a lost line, not a caller who gave up
            boolean lost = pbxWatched.getAsBoolean() && line.cutByPbx(LINE_CUT_WAIT);
            log.debug("call {} {}", line.callId(), lost ? "cut by the PBX" : "hung up");
            handler.resume(line.callId(), new CallerInput.HungUp(lost));
        }
    }

    /** Plays the turn; returns the next turn, or null when the call leaves our script. */
    private Turn perform(Turn turn) throws AgiException {
        Await await = turn.await();
        if (await instanceof Await.CollectDigits collect) {
            CallerInput input = collect(turn.steps(), collect);
            long t0 = System.nanoTime();
            Turn next = handler.resume(line.callId(), input);
            turnTimer.accept(java.time.Duration.ofNanos(System.nanoTime() - t0));
            return next;
        }
        if (await instanceof Await.WaitInQueue wait) {
            return hold(turn.steps(), wait);
        }
        play(turn.steps(), "");
        if (await instanceof Await.TransferTo transfer) {
            transfer(transfer.endpoint());
            return null;
        }
        if (await instanceof Await.Fallback) {
            log.warn("call {}: not served (the store cannot confirm): back to the dialplan's fallback", line.callId());
            return null; // no hang-up: the dialplan's next step rings the fallback phones
        }
        channel.hangup();
        return null;
    }

    // --- prompts and keys ---

    /** Streams the steps in order; returns the key that cut them short, or 0. */
    private char play(List<MediaStep> steps, String escapeDigits) throws AgiException {
        for (MediaStep step : steps) {
            for (String file : files(step)) {
                char key = alive(channel.streamFile(file, escapeDigits));
                if (key != 0 && escapeDigits.indexOf(key) >= 0) {
                    return key;
                }
            }
        }
        return 0;
    }

    /**
     * Asterisk answers {@code result=-1} when the channel hung up during the command (then HANGUP): the call is
     * over, and nothing more may be sent to the dead channel.
     */
    private char alive(char result) throws AgiHangupException {
        // "-1" exactly: GET DATA's timeout is "result= (timeout)", which is not a hang-up
        if (channel.getLastReply() != null && "-1".equals(channel.getLastReply().getResult())) {
            throw new AgiHangupException();
        }
        return result;
    }

    private List<String> files(MediaStep step) {
        if (step instanceof MediaStep.Play p) {
            return List.of(config.soundsDir() + "/" + p.prompt().path());
        }
        MediaStep.SayDigits say = (MediaStep.SayDigits) step;
        List<String> out = new ArrayList<>();
        for (char d : say.digits().toCharArray()) {
            out.add(config.soundsDir() + "/" + say.language().code() + "/digits/" + d);
        }
        return out;
    }

    /**
     * The classic menu: prompts are interruptible, a key pressed during them is the first key; when the last step is
     * a prompt and '#' ends input, that prompt is played by GET DATA, otherwise keys come one by one from
     * WAIT FOR DIGIT with {@code timeout} between them.
     */
    private CallerInput collect(List<MediaStep> steps, Await.CollectDigits c) throws AgiException {
        long timeoutMs = c.timeout().toMillis();
        boolean getData = c.hashTerminates() && !steps.isEmpty() && steps.get(steps.size() - 1) instanceof MediaStep.Play;
        List<MediaStep> streamed = getData ? steps.subList(0, steps.size() - 1) : steps;
        StringBuilder keys = new StringBuilder();
        char first = play(streamed, ALL_KEYS);
        if (first != 0) {
            keys.append(first);
        } else if (getData) {
            MediaStep.Play last = (MediaStep.Play) steps.get(steps.size() - 1);
            String got = channel.getData(files(last).get(0), timeoutMs, c.maxDigits());
            alive((char) 0);
            return input(got == null ? "" : got, c.hashTerminates());
        }
        while (keys.length() < c.maxDigits() && !(c.hashTerminates() && keys.indexOf("#") >= 0)) {
            char key = alive(channel.waitForDigit((int) Math.min(Integer.MAX_VALUE, timeoutMs)));
            if (key == 0) {
                break;
            }
            keys.append(key);
        }
        return input(keys.toString(), c.hashTerminates());
    }

    private static CallerInput input(String keys, boolean hashTerminates) {
        String k = keys.trim();
        if (hashTerminates) {
            int hash = k.indexOf('#');
            if (hash >= 0) {
                k = k.substring(0, hash);
            }
        }
        return k.isEmpty() ? new CallerInput.NoInput() : new CallerInput.Digits(k);
    }

    // --- the queue ---

    /**
     * Music on hold, polled in {@code hold-poll} slices by WAIT FOR DIGIT so that a key, a connect command and the
     * announcement tick are all noticed within one slice.
     */
    private Turn hold(List<MediaStep> steps, Await.WaitInQueue wait) throws AgiException {
        char key;
        line.queuePrompt(true); // a connect arriving now cuts these prompts short
        try {
            key = line.hasConnect() ? WAKE : play(steps, QUEUE_KEYS);
        } finally {
            line.queuePrompt(false);
        }
        if (key != 0 && key != WAKE && !callback) {
            return handler.resume(line.callId(), new CallerInput.Digits(String.valueOf(key)));
        }
        Instant tick = clock.instant().plus(positiveOr(wait.announceEvery(), Duration.ofSeconds(30)));
        boolean music = false;
        while (true) {
            CallLine.Connect connect = line.poll();
            if (connect != null) {
                if (music) {
                    channel.stopMusicOnHold();
                    music = false;
                }
                Turn after = dial(connect);
                if (after != null) {
                    return after;
                }
                continue;
            }
            if (!music) {
                channel.playMusicOnHold(config.mohClass());
                music = true;
            }
            Duration left = Duration.between(clock.instant(), tick);
            if (left.isNegative() || left.isZero()) {
                if (callback) { // no flow to announce anything: the music goes on
                    tick = clock.instant().plus(positiveOr(wait.announceEvery(), Duration.ofSeconds(30)));
                    continue;
                }
                channel.stopMusicOnHold();
                return handler.resume(line.callId(), new CallerInput.HoldTick());
            }
            long slice = Math.max(1, Math.min(config.holdPoll().toMillis(), left.toMillis()));
            char pressed = alive(channel.waitForDigit((int) slice));
            if (pressed != 0 && pressed != WAKE && !callback) {
                channel.stopMusicOnHold();
                return handler.resume(line.callId(), new CallerInput.Digits(String.valueOf(pressed)));
            }
        }
    }

    /** Rings the operator; the next turn after the conversation, or null after ring-no-answer (back to hold). */
    private Turn dial(CallLine.Connect connect) throws AgiException {
        long ring = Math.max(1, config.ringTimeout().toSeconds());
        OperatorId operator = connect.operator();
        line.dialStarted(operator);
        legOpen = true;
        startRecording(operator);
        acd.phoneRinging(line.callId(), operator); // the ACD's ring timer counts from here, not from the offer
        int dialResult = channel.exec("Dial", connect.endpoint() + "," + ring + "," + config.dialOptions());
        String status = channel.getVariable("DIALSTATUS"); // GET VARIABLE is allowed on a dead channel
        if (!"ANSWER".equals(status) && dialResult != -1) {
            stopRecording(); // nobody answered: this operator's recording has nothing in it
        }
        return conversation(operator, connect.endpoint(), dialResult, status);
    }

    /**
     * After the Dial (or a callback's first Bridge) returned with {@code status}: holds, warm transfers and the end of
     * the conversation; the next turn, or null when the caller waits for the next operator.
     */
    private Turn conversation(OperatorId operator, String endpoint, int dialResult, String status) throws AgiException {
        while ("ANSWER".equals(status) && dialResult != -1 && line.takeHold()) {
            // the operator holds the caller: their leg left the Dial for frontline-held; the caller hears music here
            if (line.markAnswered()) {
                answered(operator);
            }
            HoldEnd end = onHold(operator);
            if (end == HoldEnd.RELEASED) {
                legOpen = false;
                line.dialEnded();
                return null; // transferred while held: the caller waits for the next operator
            }
            if (end == HoldEnd.COMPLETED) { // a warm transfer: the caller talks with the consulted colleague now
                CallLine.Consulted to = line.takeCompleteTo();
                operator = to.operator();
                line.switchTo(operator, to.leg());
                boolean recorded = recordColleague(operator);
                dialResult = channel.exec("Bridge", to.leg());
                if (recorded && dialResult != -1) {
                    stopColleagueRecording(); // the rating (or a hold) after the conversation is not in the file
                }
                log.info("call {}: passed to {} (Bridge ended: {})", line.callId(), operator,
                        channel.getVariable("BRIDGERESULT"));
                continue;
            }
            if (line.legGone()) {
                break; // the operator hung up while holding: the conversation is over
            }
            dialResult = channel.exec("Bridge", line.legChannel());
            log.info("call {}: {} took the caller back (Bridge ended: {})", line.callId(), operator,
                    channel.getVariable("BRIDGERESULT"));
        }
        line.dialEnded();
        legOpen = false;
        if (line.takeReleased(operator) && dialResult != -1) {
            // the ACD took the call from this operator (a transfer, or the offer moved on): the leg was hung up on
            // purpose; the caller waits for the next operator (whatever the leg's status, it was reported already)
            log.info("call {}: {}'s leg ended by the ACD ({}); the caller waits again", line.callId(), operator, status);
            return null;
        }
        if ("ANSWER".equals(status)) {
            // AMI's BridgeEnter usually reported the answer while the conversation went on
            if (line.markAnswered()) {
                answered(operator);
            }
            acd.callEnded(line.callId());
            if (dialResult == -1) {
                endReported = true;
                throw new AgiHangupException(); // the caller hung up first: no rating, nothing more to send
            }
            if (callback) {
                return Turn.hangUp(line.callId()); // a callback has no rating: the line ends with the conversation
            }
            return handler.resume(line.callId(), new CallerInput.OperatorLegEnded());
        }
        if ("CANCEL".equals(status)) {
            // the caller hung up while the phone rang: not the operator's doing (the hang-up reaches the ACD as such)
            log.info("call {}: the caller hung up while {} rang", line.callId(), endpoint);
            throw new AgiHangupException();
        }
        String why = switch (status == null ? "" : status) {
            case "NOANSWER" -> "ring no answer";
            case "BUSY" -> "phone busy";
            case "CHANUNAVAIL" -> "phone unavailable";
            case "CONGESTION" -> "phone congested";
            default -> "phone not reached (" + status + ")";
        };
        log.info("call {}: {} did not answer ({})", line.callId(), endpoint, status);
        acd.ringNoAnswer(line.callId(), operator, why);
        return null;
    }

    /** The operator answered (seen here before AMI's BridgeEnter): the ACD hears it, a recording's row starts. */
    private void answered(OperatorId operator) {
        acd.operatorAnswered(line.callId(), operator);
        line.startRecordingRow(operator);
    }

    /**
     * When the call's line and queue are recorded: MixMonitor on the caller's channel before the operator is rung
     * (option {@code b}: it writes only while the caller is bridged, so neither the ringing nor the rating after the
     * conversation is in the file). An earlier operator's recording (before a transfer) is stopped first. A refusal
     * leaves the call as it is and alerts supervisors.
     */
    private void startRecording(OperatorId operator) throws AgiException {
        startRecording(operator, ",b");
    }

    /** {@code options}: MixMonitor's, after the file name ({@code ",b"}: only while bridged; {@code ""}: all along). */
    private boolean startRecording(OperatorId operator, String options) throws AgiException {
        dev.frontline.server.recording.CallRecorder r = line.recorder();
        if (r == null) {
            return false;
        }
        if (line.recording() != null) {
            channel.exec("StopMixMonitor", "");
            line.recordingStopped();
            r.ended(line.callId());
        }
        java.util.Optional<java.nio.file.Path> file = r.fileFor(line.callId(), operator);
        if (file.isEmpty()) {
            return false;
        }
        int result = channel.exec("MixMonitor", file.get() + options);
        if (result != 0) {
            r.failed(line.callId(), "Asterisk's MixMonitor answered " + result + " for " + file.get());
            return false;
        }
        line.recordingTo(file.get());
        return true;
    }

    /**
     * A completed consultation: the first operator's recording ends here and the colleague's starts, with its own
     * file and row (the colleague has answered already, so the row starts at once); true when it runs. Without this
     * the caller's talk with the colleague went on into the first operator's file and row.
     * <p>
     * Without MixMonitor's {@code b}: the real Asterisk 22.10.1 wrote nothing with it here (a 44-byte WAV) although
     * the caller's audio passed the channel's audiohooks, when the caller is in the {@code Bridge()} this script
     * runs next (with the first operator it is in Dial's bridge, where {@code b} works). Started just before that
     * Bridge() and stopped by {@link #stopColleagueRecording} when it returns, the file holds the same seconds.
     */
    private boolean recordColleague(OperatorId colleague) throws AgiException {
        if (line.recorder() == null || line.recording() == null) {
            return false; // not recorded (or the recording had failed): nothing to hand over
        }
        boolean started = startRecording(colleague, "");
        line.startRecordingRow(colleague);
        return started;
    }

    /** The colleague's conversation ended with the caller still on the line: their recording (and row) ends. */
    private void stopColleagueRecording() throws AgiException {
        if (line.recording() == null) {
            return;
        }
        channel.exec("StopMixMonitor", "");
        line.recordingStopped();
        line.recorder().ended(line.callId());
    }

    /** The operator did not answer: their recording stops, and its empty file goes when it is on this host. */
    private void stopRecording() throws AgiException {
        java.nio.file.Path file = line.recording();
        if (file == null) {
            return;
        }
        channel.exec("StopMixMonitor", "");
        line.recordingStopped();
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException | SecurityException e) {
            log.debug("could not delete the empty recording {}: {}", file, e.toString());
        }
    }

    /**
     * Music on hold until the operator takes the caller back, the ACD transfers the call away, or a consultation
     * completes (the caller goes to the consulted colleague); when the caller hangs up meanwhile, the operator's
     * waiting leg is hung up too.
     */
    private HoldEnd onHold(OperatorId operator) throws AgiException {
        log.info("call {}: {} holds the caller", line.callId(), operator);
        channel.playMusicOnHold(config.mohClass());
        try {
            while (true) {
                if (line.completing()) {
                    channel.stopMusicOnHold();
                    return HoldEnd.COMPLETED;
                }
                if (line.takeReleased(operator)) {
                    channel.stopMusicOnHold();
                    return HoldEnd.RELEASED;
                }
                if (line.takeConsultantLeft()) {
                    // the consulting operator hung up: the ACD completes the transfer or puts the caller in line again
                    log.info("call {}: {} hung up during the consultation", line.callId(), operator);
                    acd.consultantLeft(line.callId(), operator);
                } else if (line.consulting() == null
                        && (line.takeResume() || line.legGone() && !line.consultantLeftReported())) {
                    // (after the consulting operator left, only the ACD's word ends the hold: a completed transfer,
                    // the caller back in line, or a resume when the consultation had ended before)
                    channel.stopMusicOnHold();
                    return HoldEnd.RESUMED;
                }
                alive(channel.waitForDigit((int) Math.max(1, config.holdPoll().toMillis())));
            }
        } catch (AgiHangupException e) {
            line.endHeldLeg();
            throw e;
        }
    }

    /** How a hold ended: the operator took the caller back, the call was passed on cold, or warm to a colleague. */
    private enum HoldEnd { RESUMED, RELEASED, COMPLETED }

    private void transfer(String endpoint) throws AgiException {
        String[] goTo = endpoint.split(",");
        if (!endpoint.contains("/") && goTo.length == 3) {
            channel.continueAt(goTo[0], goTo[1], goTo[2]);
        } else {
            channel.exec("Dial", endpoint + ",," + config.dialOptions().replace("g", ""));
            // served: the channel must not return to the dialplan, whose next step rings the fallback phones
            channel.hangup();
        }
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
