package dev.frontline.server.testing;

import dev.frontline.core.testing.UnsupportedAcd;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A first-come first-served ACD on one thread, enough to drive the desktop API end to end: any READY operator
 * takes the oldest waiting call. Emits the real {@link AcdEvent}s and calls the connector like the real ACD.
 */
public final class FakeAcd extends UnsupportedAcd implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-acd"));
    private final List<Consumer<AcdEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Map<OperatorId, OperatorState> states = new LinkedHashMap<>();
    private final Deque<QueuedCall> waiting = new ArrayDeque<>();
    private final Map<CallId, OperatorId> withOperator = new HashMap<>();
    public final List<CallbackRequest> callbacks = new CopyOnWriteArrayList<>();
    /** Operators whose account the server said changed ({@link #operatorProfileChanged}), in order. */
    public final List<OperatorId> profilesChanged = new CopyOnWriteArrayList<>();
    private volatile CallConnector connector;

    public FakeAcd(Clock clock) {
        this.clock = clock;
    }

    public void connector(CallConnector c) {
        this.connector = c;
    }

    private void run(Runnable r) {
        thread.execute(r);
    }

    /** An operator's state once every command sent so far has been handled (OFFLINE when never set). */
    public OperatorState stateOf(String login) throws Exception {
        return thread.submit(() -> states.getOrDefault(new OperatorId(login), OperatorState.OFFLINE)).get();
    }

    /**
     * The operators as routing sees them (state and the call each is connected to or offered), on the ACD's thread;
     * no queues.
     */
    @Override
    public dev.frontline.core.acd.AcdSnapshot snapshot() {
        try {
            return thread.submit(() -> {
                List<dev.frontline.core.acd.OperatorView> ops = new ArrayList<>();
                states.forEach((op, st) -> ops.add(new dev.frontline.core.acd.OperatorView(op, op.value(), st, "",
                        clock.instant(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), true,
                        withOperator.entrySet().stream().filter(e -> e.getValue().equals(op)).map(Map.Entry::getKey)
                                .findFirst())));
                return new dev.frontline.core.acd.AcdSnapshot(clock.instant(), List.of(), ops, Map.of(),
                        callbacks.size(), Map.of());
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until every command sent so far has been handled. */
    public void sync() throws Exception {
        Future<?> f = thread.submit(() -> { });
        f.get();
    }

    private void emit(AcdEvent e) {
        for (Consumer<AcdEvent> l : listeners) {
            l.accept(e);
        }
    }

    private void state(OperatorId op, OperatorState s, String reason) {
        states.put(op, s);
        emit(new AcdEvent.OperatorStateChanged(op, s, reason, clock.instant()));
    }

    private void route() {
        while (!waiting.isEmpty()) {
            Optional<OperatorId> free = states.entrySet().stream().filter(e -> e.getValue() == OperatorState.READY)
                    .map(Map.Entry::getKey).findFirst();
            if (free.isEmpty()) {
                return;
            }
            QueuedCall call = waiting.pollFirst();
            OperatorId op = free.get();
            withOperator.put(call.callId(), op);
            state(op, OperatorState.RINGING, null);
            emit(new AcdEvent.CallOffered(call.callId(), op, "sim:" + op.value(), clock.instant()));
            connector.connect(call.callId(), op, "sim:" + op.value());
        }
    }

    @Override
    public void enqueue(QueuedCall call) {
        run(() -> {
            waiting.addLast(call);
            emit(new AcdEvent.CallQueued(call.callId(), call, clock.instant()));
            route();
        });
    }

    @Override
    public Optional<QueueStatus> status(CallId callId) {
        return Optional.of(new QueueStatus(1, Duration.ofSeconds(30)));
    }

    @Override
    public void callerHungUp(CallId callId) {
        run(() -> {
            if (waiting.removeIf(c -> c.callId().equals(callId))) {
                emit(new AcdEvent.CallAbandoned(callId, clock.instant()));
            } else if (withOperator.containsKey(callId)) {
                OperatorId op = withOperator.remove(callId);
                if (states.get(op) == OperatorState.RINGING) {
                    emit(new AcdEvent.CallAbandoned(callId, clock.instant()));
                    state(op, OperatorState.READY, null);
                    route();
                } else {
                    emit(new AcdEvent.CallEnded(callId, op, clock.instant()));
                    state(op, OperatorState.WRAP_UP, null);
                }
            }
        });
    }

    @Override
    public void keepPlaceByCallback(CallId callId, String number) {
    }

    @Override
    public void requestCallback(CallbackRequest request) {
        callbacks.add(request);
    }

    /** Where {@link #requestCallback(CallbackRequest, JointWrite)} commits its joint write (none: it is dropped). */
    public volatile dev.frontline.core.store.Database store;

    @Override
    public void requestCallback(CallbackRequest request, dev.frontline.core.acd.JointWrite with) {
        if (store != null) {
            store.inTransaction(c -> { // as the real log: the callback's read-model row with the joint write
                try (var ps = c.prepareStatement("INSERT INTO callbacks (number, intent, priority, tier, language,"
                        + " original_arrived_at, state, note, created_at, updated_at) VALUES (?,?,?,?,?,?,'scheduled',?,?,?)")) {
                    long at = clock.millis();
                    ps.setString(1, request.number());
                    ps.setString(2, request.intent().name().toLowerCase(java.util.Locale.ROOT));
                    ps.setInt(3, request.priority());
                    ps.setString(4, request.tier().name().toLowerCase(java.util.Locale.ROOT));
                    ps.setString(5, request.language().code());
                    ps.setLong(6, request.originalArrivedAt().toEpochMilli());
                    ps.setString(7, request.reason());
                    ps.setLong(8, at);
                    ps.setLong(9, at);
                    ps.executeUpdate();
                }
                with.write(c);
                return null;
            });
        }
        callbacks.add(request);
    }

    @Override
    public void operatorAnswered(CallId callId) {
        run(() -> {
            OperatorId op = withOperator.get(callId);
            if (op != null) {
                state(op, OperatorState.TALKING, null);
                emit(new AcdEvent.CallAnswered(callId, op, clock.instant()));
            }
        });
    }

    @Override
    public void ringNoAnswer(CallId callId) {
        run(() -> {
            OperatorId op = withOperator.remove(callId);
            if (op != null) {
                state(op, OperatorState.MISSED, null);
                emit(new AcdEvent.CallRequeued(callId, op, clock.instant()));
            }
        });
    }

    @Override
    public void callEnded(CallId callId) {
        run(() -> {
            OperatorId op = withOperator.remove(callId);
            if (op != null) {
                emit(new AcdEvent.CallEnded(callId, op, clock.instant()));
                state(op, OperatorState.WRAP_UP, null);
            }
        });
    }

    @Override
    public void setOperatorState(OperatorId operator, OperatorState state, String reason) {
        run(() -> {
            state(operator, state, reason);
            route();
        });
    }

    @Override
    public void operatorProfileChanged(OperatorId operator) {
        profilesChanged.add(operator);
    }

    @Override
    public void endWrapUp(OperatorId operator) {
        run(() -> {
            if (states.get(operator) == OperatorState.WRAP_UP) {
                state(operator, OperatorState.READY, null);
                route();
            }
        });
    }

    /** As the real ACD: refused when the line cannot hold; the line is told after the event (music for the caller). */
    @Override
    public void hold(CallId callId, OperatorId operator, boolean on) {
        if (!connector.canHold(callId)) {
            throw new UnsupportedOperationException("hold is not available on this call's line");
        }
        run(() -> {
            if (!operator.equals(withOperator.get(callId)) || states.get(operator) != OperatorState.TALKING
                    || on == heldSince.containsKey(callId)) {
                return;
            }
            java.time.Instant now = clock.instant();
            if (on) {
                heldSince.put(callId, now);
                emit(new AcdEvent.CallHeld(callId, operator, now));
            } else {
                emit(new AcdEvent.CallResumed(callId, operator, Duration.between(heldSince.remove(callId), now), true, now));
            }
            connector.hold(callId, operator, on);
        });
    }

    private final Map<CallId, java.time.Instant> heldSince = new HashMap<>();

    /** A cold transfer as the first operator sees it: it wraps up (this fake does not route the caller again). */
    @Override
    public void transfer(CallId callId, dev.frontline.core.common.Intent intent, dev.frontline.core.common.Tier tier) {
        run(() -> {
            OperatorId from = withOperator.remove(callId);
            if (from == null || states.get(from) != OperatorState.TALKING) {
                return;
            }
            heldSince.remove(callId);
            emit(new AcdEvent.CallTransferred(callId, from, intent, tier, clock.instant()));
            state(from, OperatorState.WRAP_UP, null);
            connector.release(callId, from);
        });
    }

    @Override
    public AutoCloseable subscribe(Consumer<AcdEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public List<QueuedCall> waiting() throws Exception {
        return thread.submit(() -> new ArrayList<>(waiting)).get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
