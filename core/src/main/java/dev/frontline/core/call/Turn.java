package dev.frontline.core.call;

import dev.frontline.core.common.CallId;

import java.util.List;

/** The handler's answer: play {@code steps}, then do {@code await}. */
public record Turn(CallId callId, List<MediaStep> steps, Await await) {
    public Turn {
        steps = List.copyOf(steps);
    }

    public static Turn hangUp(CallId callId) {
        return new Turn(callId, List.of(), new Await.HangUp());
    }
}
