package dev.frontline.bench;

import dev.frontline.core.testing.UnsupportedAcd;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A stand-in for the flow interpreter and the ACD with simulated operators: the support menu's shape (welcome,
 * menu, queue with announcements, operator, thanks), an operator free after a random wait, and one call record per
 * call (started, ended with an outcome). Records are what "lost" is checked against.
 */
final class SimulatedDesk extends UnsupportedAcd implements CallHandler {

    enum Phase { MENU, QUEUED, TALKING, DONE }

    static final class Record {
        volatile Phase phase = Phase.MENU;
        volatile String outcome;
    }

    private final ConcurrentHashMap<CallId, Record> records = new ConcurrentHashMap<>();
    private final ScheduledExecutorService operators = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-acd");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger nextOperator = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong requeued = new AtomicLong();
    private final long waitMinMs;
    private final long waitMaxMs;
    private volatile CallConnector connector;

    SimulatedDesk(Duration waitMin, Duration waitMax) {
        this.waitMinMs = waitMin.toMillis();
        this.waitMaxMs = waitMax.toMillis();
    }

    void connector(CallConnector c) {
        this.connector = c;
    }

    private static MediaStep play(String key) {
        return new MediaStep.Play(new Prompt(Language.EN, key, ""));
    }

    @Override
    public Turn start(CallStart start) {
        records.put(start.callId(), new Record());
        return new Turn(start.callId(), List.of(play("welcome"), play("menu")),
                new Await.CollectDigits(1, Duration.ofSeconds(5), true));
    }

    @Override
    public Turn resume(CallId callId, CallerInput input) {
        Record r = records.get(callId);
        if (r == null) {
            return Turn.hangUp(callId);
        }
        if (input instanceof CallerInput.HungUp) {
            end(r, r.phase == Phase.QUEUED ? "abandoned" : "hung-up");
            return Turn.hangUp(callId);
        }
        if (r.phase == Phase.MENU) {
            r.phase = Phase.QUEUED;
            offerLater(callId);
            return new Turn(callId, List.of(play("queued")), waiting());
        }
        if (input instanceof CallerInput.HoldTick) {
            return new Turn(callId, List.of(play("position"), new MediaStep.SayDigits(Language.EN, "3")), waiting());
        }
        if (input instanceof CallerInput.OperatorLegEnded) {
            end(r, "served");
            return new Turn(callId, List.of(play("thanks")), new Await.HangUp());
        }
        return new Turn(callId, List.of(), waiting());
    }

    private static Await.WaitInQueue waiting() {
        return new Await.WaitInQueue(3, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private void offerLater(CallId callId) {
        long wait = ThreadLocalRandom.current().nextLong(waitMinMs, waitMaxMs + 1);
        operators.schedule(() -> {
            Record r = records.get(callId);
            if (r != null && r.phase == Phase.QUEUED) { // the ACD drops callers who hung up
                int op = nextOperator.incrementAndGet();
                connector.connect(callId, new OperatorId("op" + op), "PJSIP/op" + (100 + op % 900));
            }
        }, wait, TimeUnit.MILLISECONDS);
    }

    private static void end(Record r, String outcome) {
        if (r.outcome == null) {
            r.outcome = outcome;
        }
        r.phase = Phase.DONE;
    }

    /** Calls started whose record has no outcome (should be none once every channel finished). */
    long open() {
        return records.values().stream().filter(r -> r.outcome == null).count();
    }

    int recorded() {
        return records.size();
    }

    boolean ended(CallId id) {
        Record r = records.get(id);
        return r != null && r.outcome != null;
    }

    long outcomes(String outcome) {
        return records.values().stream().filter(r -> outcome.equals(r.outcome)).count();
    }

    long answered() {
        return answered.get();
    }

    long requeued() {
        return requeued.get();
    }

    // --- Acd: what the backend reports ---

    @Override
    public void operatorAnswered(CallId callId) {
        answered.incrementAndGet();
        Optional.ofNullable(records.get(callId)).ifPresent(r -> r.phase = Phase.TALKING);
    }

    @Override
    public void ringNoAnswer(CallId callId) {
        requeued.incrementAndGet();
        offerLater(callId);
    }

    @Override
    public void operatorAnswered(CallId callId, dev.frontline.core.common.OperatorId operator) {
        operatorAnswered(callId);
    }

    @Override
    public void ringNoAnswer(CallId callId, dev.frontline.core.common.OperatorId operator, String why) {
        ringNoAnswer(callId);
    }

    @Override
    public void phoneRinging(CallId callId, dev.frontline.core.common.OperatorId operator) {
    }

    @Override
    public void lineLost(CallId callId, String reason) {
        callerHungUp(callId);
    }

    @Override
    public void callEnded(CallId callId) {
    }

    @Override
    public void callerHungUp(CallId callId) {
    }

    @Override
    public void enqueue(QueuedCall call) {
    }

    @Override
    public Optional<QueueStatus> status(CallId callId) {
        return Optional.empty();
    }

    @Override
    public void keepPlaceByCallback(CallId callId, String number) {
    }

    @Override
    public void requestCallback(CallbackRequest request) {
    }

    @Override
    public void setOperatorState(OperatorId operator, OperatorState state, String reason) {
    }

    @Override
    public void endWrapUp(OperatorId operator) {
    }

    @Override
    public AutoCloseable subscribe(Consumer<AcdEvent> listener) {
        return () -> { };
    }

    void shutdown() {
        operators.shutdownNow();
    }
}
