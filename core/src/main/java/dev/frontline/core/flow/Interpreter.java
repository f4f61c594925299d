package dev.frontline.core.flow;

import dev.frontline.core.common.Backend;

import java.util.List;
import java.util.Map;

/**
 * Runs one flow as a pure, resumable state machine: {@code step(session, input) -> (session', instructions)}.
 * No I/O, no clock, no threads: whatever the flow needs from the world (a lookup, a PIN check, an SMS, the queue)
 * is returned as an {@link Instruction.Effect} and its result comes back as the next {@link FlowInput}.
 * Immutable and thread-safe.
 */
public final class Interpreter {
    /** Node entries allowed in one step before the flow is declared looping (the checker rejects such flows). */
    static final int MAX_HOPS = 200;

    private final Flow flow;

    public Interpreter(Flow flow) {
        this.flow = flow;
    }

    public Flow flow() {
        return flow;
    }

    /** A new call: the session at the start node and the first instructions. */
    public StepResult start(String callId, String callingNumber, String calledNumber, Backend backend) {
        FlowSession s = new FlowSession(callId, flow.name(), flow.start().id(), FlowSession.Waiting.NOTHING, 0, 0,
                flow.defaultLanguage(), callingNumber == null ? "" : callingNumber,
                calledNumber == null ? "" : calledNumber, backend, null, false, false, false, null, null, null, null,
                Map.of(), List.of(), false, null, null, false, 0);
        Run run = new Run(flow, s.toBuilder());
        run.goTo(flow.start());
        return run.finish();
    }

    /**
     * The call comes back with its stored session after the server that ran it died (Asterisk's dialplan sends the
     * channel, same id, to the next FastAGI server): a caller who waited for keys in the menu hears that node again
     * (the menu, the contract question) instead of the welcome; the trail says so. Empty when the session cannot be
     * rejoined that way: ended, queued (the ACD keeps a queued caller's place), or in the middle of something else.
     */
    public java.util.Optional<StepResult> rejoin(FlowSession session) {
        if (session.ended() || session.queued() || session.waiting() != FlowSession.Waiting.DIGITS
                || !session.flow().equals(flow.name()) || !flow.nodes().containsKey(session.node())) {
            return java.util.Optional.empty();
        }
        Run run = new Run(flow, session.toBuilder());
        run.trail("resumed at " + session.node() + " after the server of the call stopped");
        run.goTo(new Target(session.node(), null));
        return java.util.Optional.of(run.finish());
    }

    /** Ends the call at once with outcome {@code error} (an input the flow could not take); {@code why} goes to the trail. */
    public StepResult abort(FlowSession session, String why) {
        if (session.ended()) return new StepResult(session, List.of(new Instruction.Hangup()));
        Run run = new Run(flow, session.toBuilder());
        run.trail("call ended: " + why);
        run.end("error");
        return run.finish();
    }

    /**
     * Feeds what happened into the session. An ended session answers every input with a hang-up.
     *
     * @throws IllegalStateException when the input does not answer what the session waits for
     */
    public StepResult step(FlowSession session, FlowInput input) {
        if (session.ended()) {
            return new StepResult(session, List.of(new Instruction.Hangup()));
        }
        if (!session.flow().equals(flow.name())) {
            throw new IllegalArgumentException("session of flow " + session.flow() + " given to flow " + flow.name());
        }
        Run run = new Run(flow, session.toBuilder());
        run.resume(input);
        return run.finish();
    }
}
