package dev.frontline.server.sim;

import dev.frontline.core.api.Views;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Turn;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Turn} as the test phone's JSON view. */
final class PhoneTurns {
    private PhoneTurns() {}

    static Views.PhoneTurn view(Turn turn) {
        List<Views.PhoneStep> steps = new ArrayList<>();
        for (MediaStep step : turn.steps()) {
            if (step instanceof MediaStep.Play p) {
                steps.add(new Views.PhoneStep("play", p.prompt().language().code(), p.prompt().key(),
                        p.prompt().text(), null, "/sounds/" + p.prompt().path() + ".wav"));
            } else if (step instanceof MediaStep.SayDigits d) {
                steps.add(new Views.PhoneStep("say-digits", d.language().code(), null, d.digits(), d.digits(), null));
            }
        }
        String callId = turn.callId().value();
        Await a = turn.await();
        if (a instanceof Await.CollectDigits c) {
            return new Views.PhoneTurn(callId, steps, "digits", c.maxDigits(), c.timeout().toMillis(),
                    c.hashTerminates(), 0, 0, null, null);
        }
        if (a instanceof Await.WaitInQueue q) {
            return new Views.PhoneTurn(callId, steps, "queue", 0, 0, false, q.position(),
                    q.estimatedWait().toSeconds(), null, null);
        }
        if (a instanceof Await.TransferTo t) {
            return new Views.PhoneTurn(callId, steps, "transfer", 0, 0, false, 0, 0, t.endpoint(), null);
        }
        return new Views.PhoneTurn(callId, steps, "hangup", 0, 0, false, 0, 0, null, null);
    }

    static Views.PhoneTurn connected(String callId, String operator) {
        return new Views.PhoneTurn(callId, List.of(), "connected", 0, 0, false, 0, 0, null, operator);
    }

    /** The operator put the caller on hold ({@code on}: music) or took them back. */
    static Views.PhoneTurn held(String callId, String operator, boolean on) {
        return new Views.PhoneTurn(callId, List.of(), on ? "hold" : "connected", 0, 0, false, 0, 0, null, operator);
    }

    /**
     * A supervisor barged into the conversation ({@code joined}) or left it: the caller's test phone says so (step kind
     * {@code notice}, key {@code supervisor-joined} or {@code supervisor-left}); the caller still talks with the operator.
     */
    static Views.PhoneTurn barge(String callId, String operator, boolean joined) {
        String key = joined ? "supervisor-joined" : "supervisor-left";
        return new Views.PhoneTurn(callId, List.of(new Views.PhoneStep("notice", null, key,
                joined ? "A supervisor joined the call" : "The supervisor left the call", null, null)), "connected", 0,
                0, false, 0, 0, null, operator);
    }

    static Views.PhoneTurn ended(String callId) {
        return new Views.PhoneTurn(callId, List.of(), "hangup", 0, 0, false, 0, 0, null, null);
    }
}
