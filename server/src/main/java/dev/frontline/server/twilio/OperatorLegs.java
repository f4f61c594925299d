package dev.frontline.server.twilio;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.LogSafe;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The operator side of a Twilio call in its conference (ADR 0128 / 0130), free of HTTP and REST: the caller entering
 * the conference, the conference's SID, the operator participant's leg rung or talking now, and what that leg's
 * status callbacks mean for the ACD and the flow. Every change runs under the call's lock of {@link TwilioVoice} and
 * is kept in {@code twilio_calls}. Thread-safe.
 */
final class OperatorLegs {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorLegs.class);

    private final TwilioVoice voice;
    private final TwilioCalls calls;
    private final Acd acd;
    private final CallHandler handler;
    OperatorLegs(TwilioVoice voice, TwilioCalls calls, Acd acd, CallHandler handler) {
        this.voice = voice;
        this.calls = calls;
        this.acd = acd;
        this.handler = handler;
    }

    /** The caller's call now runs the conference TwiML. */
    void joined(String sid) {
        voice.locked(sid, () -> {
            calls.inConference(sid, true);
            return null;
        });
    }

    /** Twilio named the call's conference (a REST answer or a callback); unknown or ended calls: nothing. */
    void conferenceSid(String sid, String conferenceSid) {
        voice.locked(sid, () -> {
            calls.find(sid).filter(r -> r.state() != TwilioCalls.State.ENDED
                            && !r.conferenceSid().map(conferenceSid::equals).orElse(false))
                    .ifPresent(r -> calls.conferenceSid(sid, conferenceSid));
            return null;
        });
    }

    /**
     * Twilio accepted the operator participant {@code leg}: remembered while the call still rings that operator.
     * False when the offer was withdrawn meanwhile (or the call ended): that leg is to be removed.
     */
    boolean operatorLegCreated(String sid, String operator, String leg) {
        return voice.locked(sid, () -> {
            Optional<TwilioCalls.Row> row = calls.find(sid).filter(r -> (r.state() == TwilioCalls.State.RINGING
                    || r.state() == TwilioCalls.State.TALKING) && r.operator().map(operator::equals).orElse(false));
            if (row.isEmpty()) {
                return false;
            }
            if (row.get().operatorLeg().isEmpty()) {
                calls.operatorLeg(sid, leg);
                return true;
            }
            return row.get().operatorLeg().get().equals(leg); // a status callback overtook the answer: same leg
        });
    }

    /**
     * The ACD withdrew the offer of the call to {@code operator} while (as far as we know) that phone rings: the call
     * waits again and the row forgets the leg, returned so it can be removed. Empty when nothing rings for that
     * operator (its outcome already came, or the connect is still on its way: it then finds the call no longer
     * ringing that operator and removes its own leg).
     */
    Optional<String> withdrawOperator(String sid, String operator) {
        return voice.locked(sid, () -> {
            Optional<TwilioCalls.Row> row = calls.find(sid).filter(r -> r.state() == TwilioCalls.State.RINGING
                    && r.operator().map(operator::equals).orElse(false));
            if (row.isEmpty()) {
                return Optional.empty();
            }
            calls.setState(sid, TwilioCalls.State.QUEUED);
            row.get().operatorLeg().ifPresent(leg -> calls.operatorLeg(sid, null));
            return row.get().operatorLeg();
        });
    }

    /** What an operator participant's status callback did to the call. */
    sealed interface LegOutcome {
        /** Stale, unknown or a step on the way (initiated, ringing): nothing changed. */
        record Nothing() implements LegOutcome {}

        record Answered() implements LegOutcome {}

        record NoAnswer() implements LegOutcome {}

        /** The conversation ended; the caller goes on with {@code twiml} (the flow's next turn). */
        record Ended(String twiml) implements LegOutcome {}
    }

    /**
     * An operator participant's call status ({@code CallStatus} of its status callback), attributed to the offer
     * named in the callback URL: answered ({@code in-progress}) is {@code operatorAnswered}; {@code busy},
     * {@code no-answer}, {@code failed}, {@code canceled} before an answer are ring-no-answer for that operator (the
     * caller stays in the conference, hearing the hold music, and is offered on); {@code completed} after an answer
     * ends the conversation. A callback for a leg that is no longer the call's (transferred away, an earlier offer)
     * changes nothing, nor one for an ended call (the caller hung up: not the operator's miss).
     */
    LegOutcome operatorLeg(String sid, OperatorId operator, String leg, String status) {
        return voice.locked(sid, () -> {
            Optional<TwilioCalls.Row> found = calls.find(sid);
            if (found.isEmpty() || found.get().state() == TwilioCalls.State.ENDED) {
                return new LegOutcome.Nothing();
            }
            TwilioCalls.Row row = found.get();
            boolean current = row.operatorLeg().map(leg::equals).orElse(row.operatorLeg().isEmpty()
                    && row.operator().map(operator.value()::equals).orElse(false)
                    && (row.state() == TwilioCalls.State.RINGING || row.state() == TwilioCalls.State.TALKING));
            if (!current) {
                LOG.info("call {}: status {} of leg {} ({}) is not the call's operator leg now; ignored", sid,
                        LogSafe.of(status), leg, operator);
                return new LegOutcome.Nothing();
            }
            if (row.operatorLeg().isEmpty()) {
                calls.operatorLeg(sid, leg); // the callback overtook the create's answer
            }
            CallId id = new CallId(sid);
            switch (status) {
                case "in-progress", "answered" -> {
                    if (row.state() != TwilioCalls.State.RINGING) {
                        return new LegOutcome.Nothing();
                    }
                    calls.setState(sid, TwilioCalls.State.TALKING);
                    acd.operatorAnswered(id, operator);
                    LOG.info("call {}: operator {} answered (leg {})", sid, operator, leg);
                    return new LegOutcome.Answered();
                }
                case "busy", "no-answer", "failed", "canceled" -> {
                    if (row.state() == TwilioCalls.State.TALKING) {
                        return consultantLeft(row, id, operator).orElseGet(() -> conversationOver(row, id, operator));
                    }
                    calls.operatorLeg(sid, null);
                    calls.setState(sid, TwilioCalls.State.QUEUED);
                    acd.ringNoAnswer(id, operator, "operator phone: " + status);
                    LOG.info("call {}: operator {} did not answer ({}); the caller waits in the conference", sid,
                            operator, LogSafe.of(status));
                    return new LegOutcome.NoAnswer();
                }
                case "completed" -> {
                    if (row.state() == TwilioCalls.State.RINGING) { // ended without an answer
                        calls.operatorLeg(sid, null);
                        calls.setState(sid, TwilioCalls.State.QUEUED);
                        acd.ringNoAnswer(id, operator, "operator phone: completed unanswered");
                        return new LegOutcome.NoAnswer();
                    }
                    return consultantLeft(row, id, operator).orElseGet(() -> conversationOver(row, id, operator));
                }
                default -> {
                    return new LegOutcome.Nothing(); // queued, initiated, ringing
                }
            }
        });
    }

    private LegOutcome conversationOver(TwilioCalls.Row row, CallId id, OperatorId operator) {
        String sid = row.callSid();
        acd.callEnded(id);
        calls.operatorLeg(sid, null);
        calls.inConference(sid, false);
        calls.setState(sid, TwilioCalls.State.IVR);
        LOG.info("call {}: operator {} hung up; the caller goes on", sid, operator);
        Turn turn = handler.resume(id, new CallerInput.OperatorLegEnded());
        return new LegOutcome.Ended(voice.answer(row.withState(TwilioCalls.State.IVR), turn));
    }

    /**
     * A cold transfer takes the call from {@code operator}: the call waits again (in its conference) and the row
     * forgets the leg, so that leg's end is not taken for the conversation's. Empty when that operator has no leg on
     * the call here.
     */
    Optional<TwilioCalls.Row> releaseOperator(String sid, String operator) {
        return voice.locked(sid, () -> {
            Optional<TwilioCalls.Row> row = calls.find(sid).filter(r -> r.state() != TwilioCalls.State.ENDED
                    && r.inConference() && r.operatorLeg().isPresent() && r.operator().map(operator::equals).orElse(false));
            row.ifPresent(r -> {
                calls.operatorLeg(sid, null);
                calls.setState(sid, TwilioCalls.State.QUEUED);
            });
            return row;
        });
    }

    // --- consultation (warm transfer, ADR 0138), kept in the call's row ---

    private Optional<TwilioCalls.Consult> consult(String sid) {
        return calls.find(sid).flatMap(TwilioCalls.Row::consult);
    }

    /**
     * The consulting operator's leg ended while a consultation runs: that is {@code from} leaving the consultation
     * ({@code consultantLeft}: the ACD completes the transfer when the colleague answered, else the caller waits in
     * line again), not the conversation's end. The row forgets the leg and waits; a completion makes the colleague
     * the call's operator. Empty when no consultation of {@code operator} runs.
     */
    private Optional<LegOutcome> consultantLeft(TwilioCalls.Row row, CallId id, OperatorId operator) {
        TwilioCalls.Consult c = row.consult().orElse(null);
        if (c == null || !c.from().equals(operator.value())) {
            return Optional.empty();
        }
        calls.operatorLeg(row.callSid(), null);
        calls.setState(row.callSid(), TwilioCalls.State.QUEUED);
        acd.consultantLeft(id, operator);
        LOG.info("call {}: {} hung up during the consultation with {}", row.callSid(), operator, c.to());
        return Optional.of(new LegOutcome.Nothing());
    }

    /**
     * The ACD decided that {@code from}, talking on the call in its conference, consults {@code to}: from now on
     * {@code from}'s hang-up is their leaving the consultation. False when {@code from} does not talk on it here.
     */
    boolean consultExpected(String sid, OperatorId from, OperatorId to) {
        return voice.locked(sid, () -> {
            boolean talking = calls.find(sid).filter(r -> r.state() == TwilioCalls.State.TALKING && r.inConference()
                    && r.operatorLeg().isPresent() && r.operator().map(from.value()::equals).orElse(false)).isPresent();
            if (talking) {
                calls.consult(sid, new TwilioCalls.Consult(from.value(), to.value(), Optional.empty(), false));
            }
            return talking;
        });
    }

    /** True while the consultation with {@code to} on the call waits for its ring (nothing ended it meanwhile). */
    boolean consultToRing(String sid, OperatorId to) {
        return voice.locked(sid, () -> consult(sid).filter(c -> c.to().equals(to.value()) && c.leg().isEmpty())
                .isPresent());
    }

    /**
     * Twilio took the colleague's participant {@code leg}: remembered while the consultation with {@code to} still
     * runs; false when it ended meanwhile (that leg is to be removed), unless the transfer completed with it (its
     * callbacks came before the create's answer was read: seen on a loaded machine, the colleague's leg was removed
     * right after the completion).
     */
    boolean consultLegCreated(String sid, OperatorId to, String leg) {
        return voice.locked(sid, () -> {
            TwilioCalls.Consult c = consult(sid).orElse(null);
            if (c == null || !c.to().equals(to.value()) || c.leg().map(l -> !l.equals(leg)).orElse(false)) {
                // its status callbacks overtook the create's answer and the transfer completed with this leg: keep it
                return calls.find(sid).filter(r -> r.state() != TwilioCalls.State.ENDED)
                        .flatMap(TwilioCalls.Row::operatorLeg).map(leg::equals).orElse(false);
            }
            if (c.leg().isEmpty()) {
                calls.consult(sid, c.withLeg(leg));
            }
            return true;
        });
    }

    /** The colleague's participant could not be added: the consultation is over here (the ACD is told by the caller). */
    void consultNotRung(String sid, OperatorId to) {
        voice.locked(sid, () -> {
            consult(sid).filter(c -> c.to().equals(to.value())).ifPresent(c -> calls.consult(sid, null));
            return null;
        });
    }

    /**
     * A status callback of the consulted colleague's participant: {@code in-progress} is {@code consultAnswered};
     * {@code busy}, {@code no-answer}, {@code failed}, {@code canceled} or {@code completed} end the consultation
     * ({@code consultFailed}: not answered, declined, or hung up after answering; the caller is back with the first
     * operator). False when no consultation with that leg runs (the transfer completed: the leg is the call's operator
     * leg now, or the consultation ended and its leg's end means nothing).
     */
    boolean consultLeg(String sid, OperatorId to, String leg, String status) {
        return voice.locked(sid, () -> {
            TwilioCalls.Consult c = consult(sid).orElse(null);
            if (c == null || !c.to().equals(to.value()) || c.leg().map(l -> !l.equals(leg)).orElse(false)) {
                return false;
            }
            CallId id = new CallId(sid);
            switch (status) {
                case "in-progress", "answered" -> {
                    if (!c.answered()) {
                        calls.consult(sid, new TwilioCalls.Consult(c.from(), c.to(), Optional.of(leg), true));
                        acd.consultAnswered(id, to);
                        LOG.info("call {}: {} answered the consultation (leg {})", sid, to, leg);
                    }
                }
                case "busy", "no-answer", "failed", "canceled", "completed" -> {
                    calls.consult(sid, null);
                    String why = c.answered() ? "hung up" : status.equals("completed") ? "declined" : status;
                    acd.consultFailed(id, to, why);
                    LOG.info("call {}: the consultation with {} ended ({})", sid, to, why);
                }
                default -> { // initiated, ringing: the leg is known now
                    if (c.leg().isEmpty()) {
                        calls.consult(sid, c.withLeg(leg));
                    }
                }
            }
            return true;
        });
    }

    /**
     * The ACD completed the transfer to {@code to}: the colleague's leg becomes the call's operator leg and {@code to}
     * its operator. Returns the first operator's leg to remove (empty when it hung up already), or empty with no
     * change when no answered consultation with {@code to} runs.
     */
    Optional<Optional<String>> consultCompleted(String sid, OperatorId to) {
        return voice.locked(sid, () -> {
            Optional<TwilioCalls.Row> row = calls.find(sid).filter(r -> r.state() != TwilioCalls.State.ENDED);
            TwilioCalls.Consult c = row.flatMap(TwilioCalls.Row::consult).orElse(null);
            if (c == null || !c.to().equals(to.value()) || c.leg().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> first = row.get().operatorLeg();
            calls.consult(sid, null);
            calls.talking(sid, to.value());
            calls.operatorLeg(sid, c.leg().get());
            return Optional.of(first);
        });
    }

    /** The consultation ended (cancelled, not answered, the caller or the consultant left): its leg, to remove. */
    Optional<String> consultEnded(String sid, OperatorId to) {
        return voice.locked(sid, () -> {
            TwilioCalls.Consult c = consult(sid).filter(x -> x.to().equals(to.value())).orElse(null);
            if (c == null) {
                return Optional.empty();
            }
            calls.consult(sid, null);
            return c.leg();
        });
    }
}
