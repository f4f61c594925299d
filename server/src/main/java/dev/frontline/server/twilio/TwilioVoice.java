package dev.frontline.server.twilio;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.LogSafe;
import dev.frontline.core.common.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The voice webhooks, free of HTTP: each takes Twilio's form parameters (already signature-checked), runs at most
 * one {@link CallHandler} step, reports operator-leg outcomes to the {@link Acd}, and returns TwiML. What each call
 * is doing lives in {@code twilio_calls}, the flow session in the handler's store: a new instance over the same
 * database continues every call. Thread-safe; webhooks of one call are serialised.
 */
final class TwilioVoice {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioVoice.class);
    private static final Pattern DIGITS = Pattern.compile("[0-9*#]+");
    private static final Pattern FLOW = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final CallHandler handler;
    private final Acd acd;
    private final TwilioCalls calls;
    private final TwimlRenderer twiml;
    private final ReentrantLock[] locks = new ReentrantLock[64];
    /** The language each live call last heard, for the apology if a webhook fails (memory only; bounded). */
    private final Map<String, Language> languages = new ConcurrentHashMap<>();

    TwilioVoice(CallHandler handler, Acd acd, TwilioCalls calls, TwimlRenderer twiml) {
        this.handler = handler;
        this.acd = acd;
        this.calls = calls;
        this.twiml = twiml;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** A call comes in: start the flow. */
    String incoming(Map<String, String> form, Map<String, String> query) {
        String sid = callSid(form);
        String from = required(form, "From");
        String to = form.getOrDefault("To", "");
        String flow = query.getOrDefault("flow", "support");
        if (!FLOW.matcher(flow).matches()) {
            throw new BadWebhook("query parameter flow must be a flow name like support, not '" + flow + "'");
        }
        return locked(sid, () -> {
            if (calls.known(sid)) {
                throw new BadWebhook("CallSid " + sid + " has already started");
            }
            LOG.info("call {} from {} to {} (flow {})", sid, from, to, flow);
            Turn turn = handler.start(new CallStart(new CallId(sid), from, to, Backend.TWILIO, flow));
            calls.insert(sid, from, to, stateAfter(turn));
            heard(sid, turn);
            return twiml.render(turn);
        });
    }

    /** Digits for a Gather (none: the caller pressed nothing before the timeout). */
    String gather(Map<String, String> form) {
        String sid = callSid(form);
        Optional<String> digits = digits(form);
        return locked(sid, () -> {
            TwilioCalls.Row row = live(sid);
            if (row.state() != TwilioCalls.State.IVR) {
                throw new BadWebhook("call " + sid + " is not waiting for digits (it is " + row.state().name().toLowerCase() + ")");
            }
            CallerInput input = digits.<CallerInput>map(CallerInput.Digits::new).orElseGet(CallerInput.NoInput::new);
            return answer(row, handler.resume(new CallId(sid), input));
        });
    }

    /** The hold loop: a key pressed on hold, or time for the next announcement. */
    String hold(Map<String, String> form) {
        String sid = callSid(form);
        Optional<String> digits = digits(form);
        return locked(sid, () -> {
            TwilioCalls.Row row = live(sid);
            if (row.state() == TwilioCalls.State.RINGING || row.state() == TwilioCalls.State.TALKING || row.inConference()) {
                // the operator is being rung (the REST update to Dial replaces this at once when it is through):
                // music until then, and the next poll only after it, never a bare Redirect fetched again at once
                return twiml.holdWhileRinging();
            }
            if (row.state() != TwilioCalls.State.QUEUED) {
                throw new BadWebhook("call " + sid + " is not on hold (it is " + row.state().name().toLowerCase() + ")");
            }
            CallerInput input = digits.<CallerInput>map(CallerInput.Digits::new).orElseGet(CallerInput.HoldTick::new);
            return answer(row, handler.resume(new CallId(sid), input));
        });
    }

    /** The operator picked up (the dialled noun's {@code url}; CallSid is the operator leg, {@code call} the caller). */
    String operatorAnswered(Map<String, String> form, Map<String, String> query) {
        String sid = query.get("call");
        if (!isCallSid(sid)) {
            throw new BadWebhook("query parameter call must be the caller's CallSid (CA + 32 hex digits), got '" + sid + "'");
        }
        return locked(sid, () -> {
            TwilioCalls.Row row = live(sid);
            if (row.state() == TwilioCalls.State.RINGING) {
                calls.setState(sid, TwilioCalls.State.TALKING);
                acd.operatorAnswered(new CallId(sid));
                LOG.info("call {}: operator {} answered", sid, row.operator().orElse("?"));
            }
            return TwimlRenderer.empty(); // an empty answer bridges the two legs
        });
    }

    /** The Dial to the operator ended: after a conversation, or without an answer. */
    String dialEnded(Map<String, String> form) {
        String sid = callSid(form);
        String dialStatus = required(form, "DialCallStatus");
        boolean callerGone = FINAL_STATUSES.contains(form.getOrDefault("CallStatus", ""));
        return locked(sid, () -> {
            Optional<TwilioCalls.Row> known = calls.find(sid);
            if (known.isPresent() && known.get().state() == TwilioCalls.State.ENDED) {
                // Twilio asks for the Dial's action after the status callback too: nothing is left to do
                return TwimlRenderer.empty();
            }
            TwilioCalls.Row row = live(sid);
            CallId id = new CallId(sid);
            boolean answered = row.state() == TwilioCalls.State.TALKING
                    || dialStatus.equals("completed") || dialStatus.equals("answered");
            if (answered) {
                if (row.state() != TwilioCalls.State.TALKING) {
                    acd.operatorAnswered(id); // the answered webhook was lost; the conversation happened
                }
                acd.callEnded(id);
                calls.setState(sid, callerGone ? TwilioCalls.State.ENDED : TwilioCalls.State.IVR);
                if (callerGone) {
                    handler.resume(id, new CallerInput.HungUp());
                    return TwimlRenderer.hangUp();
                }
                return answer(row.withState(TwilioCalls.State.IVR), handler.resume(id, new CallerInput.OperatorLegEnded()));
            }
            if (callerGone) { // the caller hung up while the operator's phone rang: not the operator's miss
                calls.setState(sid, TwilioCalls.State.ENDED);
                handler.resume(id, new CallerInput.HungUp());
                return TwimlRenderer.hangUp();
            }
            LOG.info("call {}: operator {} did not answer ({}); back to the queue", sid, row.operator().orElse("?"), dialStatus);
            calls.setState(sid, TwilioCalls.State.QUEUED);
            acd.ringNoAnswer(id);
            return answer(row.withState(TwilioCalls.State.QUEUED), handler.resume(id, new CallerInput.HoldTick()));
        });
    }

    /** Call status changes; only the final ones matter. Unknown calls are ignored (e.g. another app's). */
    void status(Map<String, String> form) {
        String sid = callSid(form);
        String status = required(form, "CallStatus");
        if (!isFinal(status)) {
            return;
        }
        gone(sid, status);
    }

    /** A call status after which Twilio's call is over. */
    static boolean isFinal(String status) {
        return FINAL_STATUSES.contains(status);
    }

    /**
     * The call is over at Twilio (its final status callback, or a REST answer saying so when that callback was lost):
     * the ACD and the flow let go of it, as when the caller hangs up. Unknown or ended calls: nothing to do.
     */
    void gone(String sid, String why) {
        languages.remove(sid);
        locked(sid, () -> {
            Optional<TwilioCalls.Row> row = calls.find(sid);
            if (row.isEmpty() || row.get().state() == TwilioCalls.State.ENDED) {
                return null;
            }
            CallId id = new CallId(sid);
            if (row.get().state() == TwilioCalls.State.TALKING) {
                acd.callEnded(id);
            }
            calls.setState(sid, TwilioCalls.State.ENDED);
            handler.resume(id, new CallerInput.HungUp());
            LOG.info("call {} ended ({})", sid, LogSafe.of(why));
            return null;
        });
    }

    /**
     * A webhook of the caller's leg failed after the signature check (the handler or the store threw): the call
     * ends for us as if the caller had hung up (so the queue and the flow let go of it), and the caller gets the
     * apology or the fallback transfer instead of Twilio's "application error". Never throws.
     */
    String failed(String sid) {
        if (isCallSid(sid)) {
            try {
                locked(sid, () -> {
                    Optional<TwilioCalls.Row> row = calls.find(sid);
                    if (row.isPresent() && row.get().state() != TwilioCalls.State.ENDED) {
                        CallId id = new CallId(sid);
                        calls.setState(sid, TwilioCalls.State.ENDED);
                        if (row.get().state() == TwilioCalls.State.TALKING) {
                            acd.callEnded(id);
                        }
                        handler.resume(id, new CallerInput.HungUp());
                    }
                    return null;
                });
            } catch (RuntimeException again) {
                LOG.warn("call {}: letting go of the failed call failed too: {}", sid, again.toString());
            }
        }
        return twiml.failure(sid == null ? Optional.empty() : Optional.ofNullable(languages.remove(sid)));
    }

    /**
     * About to ring the operator: marks the call ringing (and forgets an earlier operator's leg); empty when the call
     * has ended or is unknown, else the row as it was before.
     */
    Optional<TwilioCalls.Row> ringing(String sid, String operator) {
        return locked(sid, () -> {
            Optional<TwilioCalls.Row> row = calls.find(sid);
            if (row.isEmpty() || row.get().state() == TwilioCalls.State.ENDED) {
                return Optional.empty();
            }
            calls.ringing(sid, operator);
            if (row.get().operatorLeg().isPresent()) {
                calls.operatorLeg(sid, null);
            }
            return row;
        });
    }

    /** The REST update failed: the call stays queued. */
    void backToQueue(String sid) {
        locked(sid, () -> {
            calls.find(sid).filter(r -> r.state() == TwilioCalls.State.RINGING)
                    .ifPresent(r -> calls.setState(sid, TwilioCalls.State.QUEUED));
            return null;
        });
    }

    Optional<TwilioCalls.Row> find(String sid) {
        return calls.find(sid);
    }

    /** Stores what the call does next (only when that changed) and renders the turn. */
    private void heard(String sid, Turn turn) {
        TwimlRenderer.languageOf(turn).ifPresent(language -> {
            if (languages.size() >= TwilioCalls.MAX_LIVE) {
                languages.clear(); // calls whose end never reached us
            }
            languages.put(sid, language);
        });
    }

    String answer(TwilioCalls.Row row, Turn turn) {
        heard(row.callSid(), turn);
        TwilioCalls.State next = stateAfter(turn);
        if (next != row.state()) {
            calls.setState(row.callSid(), next);
        }
        return twiml.render(turn);
    }

    private static TwilioCalls.State stateAfter(Turn turn) {
        Await a = turn.await();
        return a instanceof Await.WaitInQueue ? TwilioCalls.State.QUEUED
                : a instanceof Await.CollectDigits ? TwilioCalls.State.IVR : TwilioCalls.State.ENDED;
    }

    private TwilioCalls.Row live(String sid) {
        TwilioCalls.Row row = calls.find(sid).orElseThrow(() -> new BadWebhook("unknown CallSid " + sid));
        if (row.state() == TwilioCalls.State.ENDED) {
            throw new BadWebhook("call " + sid + " has ended");
        }
        return row;
    }

    /** Runs {@code work} holding the lock of call {@code sid}: webhooks and REST outcomes of one call are serialised. */
    <T> T locked(String sid, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(sid.hashCode(), locks.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static String callSid(Map<String, String> form) {
        String sid = required(form, "CallSid");
        if (!isCallSid(sid)) {
            throw new BadWebhook("CallSid must be CA followed by 32 hex digits, not '" + sid + "'");
        }
        return sid;
    }

    /**
     * {@code CA} followed by 32 hex digits. Checked by hand on every webhook: a regular expression's matcher, on the
     * caches a 1-3 s pause between two webhooks leaves cold, was a twentieth of a hold webhook's CPU.
     */
    static boolean isCallSid(String s) {
        if (s == null || s.length() != 34 || s.charAt(0) != 'C' || s.charAt(1) != 'A') {
            return false;
        }
        for (int i = 2; i < 34; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> digits(Map<String, String> form) {
        String d = form.get("Digits");
        if (d == null || d.isEmpty()) {
            return Optional.empty();
        }
        if (!DIGITS.matcher(d).matches()) {
            throw new BadWebhook("Digits must be 0-9, * or #, not '" + d + "'");
        }
        return Optional.of(d);
    }

    static String required(Map<String, String> form, String name) {
        String v = form.get(name);
        if (v == null || v.isBlank()) {
            throw new BadWebhook("missing parameter " + name);
        }
        return v;
    }
}
