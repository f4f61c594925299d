package dev.frontline.server.flows;

import dev.frontline.core.acd.CallQueue;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dry run's ACD: prints the IVR's commands; a queued call is first in line with {@code estimate} to wait until
 * the simulation says an operator took it. Not a router.
 */
final class PrintingAcd implements CallQueue {
    private final SimulationPrinter printer;
    private final Duration estimate;
    private final Optional<Duration> newCallerEstimate;
    private final Set<CallId> waiting = new HashSet<>();

    PrintingAcd(SimulationPrinter printer, Duration estimate, Optional<Duration> newCallerEstimate) {
        this.printer = printer;
        this.estimate = estimate;
        this.newCallerEstimate = newCallerEstimate;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized void enqueue(QueuedCall c) {
        waiting.add(c.callId());
        printer.print("ENQUEUE", lower(c.intent()) + " priority=" + c.priority() + " tier=" + lower(c.tier())
                        + " language=" + c.language().code() + " customer=" + c.customer().map(Object::toString).orElse("-"),
                "intent", lower(c.intent()), "priority", c.priority(), "tier", lower(c.tier()),
                "language", c.language().code(), "customer", c.customer().map(x -> x.value()).orElse(null));
    }

    @Override
    public synchronized Optional<QueueStatus> status(CallId callId) {
        return waiting.contains(callId) ? Optional.of(new QueueStatus(1, estimate)) : Optional.empty();
    }

    @Override
    public Optional<Duration> estimateWait(Intent intent, int priority, Tier tier) {
        return newCallerEstimate;
    }

    /** The simulation's "op" key: an operator took the call. */
    synchronized void connect(CallId callId) {
        if (waiting.remove(callId)) printer.print("OPERATOR", "answers", "answered", true);
    }

    @Override
    public synchronized void callerHungUp(CallId callId) {
        printer.print("LEAVE-QUEUE", waiting.remove(callId) ? "abandoned" : "call ended", "abandoned", true);
    }

    @Override
    public synchronized void keepPlaceByCallback(CallId callId, String number) {
        waiting.remove(callId);
        printer.print("KEEP-PLACE", "callback to " + number, "number", number);
    }

    @Override
    public void requestCallback(CallbackRequest r) {
        String when = r.windowStart().map(i -> "from " + i).orElse("asap");
        printer.print("CALLBACK", r.number() + " " + lower(r.intent()) + " priority=" + r.priority() + " " + when
                + " (" + r.reason() + ")", "number", r.number(), "intent", lower(r.intent()), "priority", r.priority(),
                "windowStart", r.windowStart().map(Object::toString).orElse(null), "reason", r.reason());
    }

}
