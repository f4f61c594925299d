package dev.frontline.server.asterisk;

import java.util.concurrent.atomic.AtomicLong;

/** FastAGI counters, readable from any thread: connections accepted and refused (never silent), live channels. */
public final class AgiStats {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refusedNotAllowed = new AtomicLong();
    private final AtomicLong refusedPoolFull = new AtomicLong();
    private final AtomicLong callsStarted = new AtomicLong();
    private final AtomicLong callsFinished = new AtomicLong();
    private final AtomicLong scriptErrors = new AtomicLong();

    private volatile java.util.function.Consumer<java.time.Duration> turnListener = d -> { };

    /** Hands every script turn's time (the caller's input in, the next commands ready) to {@code listener}. */
    public void onTurn(java.util.function.Consumer<java.time.Duration> listener) {
        this.turnListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    void turn(java.time.Duration d) {
        turnListener.accept(d);
    }

    long acceptedInc() {
        return accepted.incrementAndGet();
    }

    long notAllowedInc() {
        return refusedNotAllowed.incrementAndGet();
    }

    long poolFullInc() {
        return refusedPoolFull.incrementAndGet();
    }

    void callStarted() {
        callsStarted.incrementAndGet();
    }

    void callFinished() {
        callsFinished.incrementAndGet();
    }

    void scriptError() {
        scriptErrors.incrementAndGet();
    }

    public long accepted() {
        return accepted.get();
    }

    /** Connections from hosts not in {@code asterisk.allowed-hosts}; closed without a word. */
    public long refusedNotAllowed() {
        return refusedNotAllowed.get();
    }

    /** Connections refused because every pool thread was busy ({@code asterisk.pool-max} live channels). */
    public long refusedPoolFull() {
        return refusedPoolFull.get();
    }

    public long refused() {
        return refusedNotAllowed() + refusedPoolFull();
    }

    public long callsStarted() {
        return callsStarted.get();
    }

    public long callsFinished() {
        return callsFinished.get();
    }

    /** Calls whose script failed with something other than a hang-up (logged with the call id). */
    public long scriptErrors() {
        return scriptErrors.get();
    }

    public long liveCalls() {
        return callsStarted() - callsFinished();
    }

    @Override
    public String toString() {
        return "accepted=" + accepted() + " refusedNotAllowed=" + refusedNotAllowed() + " refusedPoolFull="
                + refusedPoolFull() + " live=" + liveCalls() + " errors=" + scriptErrors();
    }
}
