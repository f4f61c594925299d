package dev.frontline.core.flow;

import dev.frontline.core.flow.FlowSession.Waiting;

import java.util.List;

/** The {@code enqueue} node once the call is queued: hold announcements, keep-place callbacks, the after-call. */
final class Queueing {
    private final Run run;
    private final FlowNode.Enqueue node;
    private final FlowSession.Builder s;

    Queueing(Run run, FlowNode.Enqueue node) {
        this.run = run;
        this.node = node;
        this.s = run.session();
    }

    void resume(FlowInput input) {
        if (s.waiting == Waiting.RESULT && input instanceof FlowInput.QueueInfo q) {
            if (q.recorded()) {
                run.play(node.recordedPrompt()); // before the operator is rung: "this call is recorded"
            }
            run.play(node.prompt());
            announce(q);
        } else if (s.waiting == Waiting.QUEUE_STATUS && input instanceof FlowInput.QueueInfo q) {
            announce(q);
        } else if (s.waiting == Waiting.QUEUE && input instanceof FlowInput.HoldTick) {
            run.effect(new Instruction.QueryQueue(), Waiting.QUEUE_STATUS);
        } else if (s.waiting == Waiting.QUEUE && input instanceof FlowInput.Digits d) {
            if (d.digits().startsWith("1") && canCallBack()) {
                run.effect(new Instruction.KeepPlace(s.callingNumber), Waiting.KEEP_PLACE);
            } else {
                hold();
            }
        } else if (s.waiting == Waiting.QUEUE && input instanceof FlowInput.NoInput) {
            hold();
        } else if (s.waiting == Waiting.KEEP_PLACE && input instanceof FlowInput.Done) {
            run.trail("chose to be called back, keeping the place in line");
            run.confirmCallback(node.hold().callbackConfirmed());
            s.queued = false;
            run.end("callback");
        } else if ((s.waiting == Waiting.QUEUE || s.waiting == Waiting.QUEUE_STATUS)
                && input instanceof FlowInput.OperatorLegEnded) {
            s.queued = false;
            s.outcome = "answered";
            run.trail("operator call ended");
            run.goTo(node.afterCall());
        } else {
            throw run.unexpected(input);
        }
    }

    private boolean canCallBack() {
        return !s.callingNumber.isBlank();
    }

    /** Position, wait and the keep-place offer; nothing when the ACD has no position yet (or the call is connected). */
    private void announce(FlowInput.QueueInfo q) {
        if (q.waiting() && q.position() > 0) {
            s.putVar("queue-position", Integer.toString(q.position()));
            s.putVar("queue-wait", Long.toString(Math.max(0, q.waitSeconds())));
            FlowNode.HoldPrompts p = node.hold();
            run.play(p.position());
            run.sayNumber(q.position());
            if (q.waitSeconds() >= 0) {
                run.play(p.waitMinutes());
                run.sayNumber(dev.frontline.core.api.WaitMinutes.of(q.waitSeconds()));
                run.play(p.minutes());
            }
            if (canCallBack()) run.play(p.callbackOffer());
        }
        hold();
    }

    private void hold() {
        int position = Integer.parseInt(s.vars.getOrDefault("queue-position", "0"));
        long wait = Long.parseLong(s.vars.getOrDefault("queue-wait", "0"));
        run.await(new Instruction.WaitInQueue(position, wait, node.announceEvery()), Waiting.QUEUE);
    }
}
