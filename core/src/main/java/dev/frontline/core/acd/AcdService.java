package dev.frontline.core.acd;

import dev.frontline.core.acd.AcdCommand.Tick;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.sms.SmsPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The ACD: one thread owns the {@link Router}; commands are queued to it and return at once. The routing thread
 * takes the queued commands in batches; a batch's events are appended to the {@link AcdEventLog} in one
 * transaction first (group commit), then acted on (ring the operator, originate a callback, send the failure SMS)
 * and handed to listeners. A command does not wake the routing thread while it is busy: it then looks for commands
 * every {@link #POLL_NANOS} (waking a thread costs the caller a system call and, on a busy machine, can stop it until
 * the woken thread blocks again: a webhook or AGI handler must not wait for the routing it hands a command to); after
 * {@link #POLL_FOR_NANOS} without commands it sleeps until the next one wakes it. After each batch of commands an immutable
 * {@link AcdSnapshot} is published, so {@link #status} and {@link #snapshot} answer from any thread without
 * waiting. {@link #start} rebuilds the state by replaying the log. Timers run on {@link #tick}: every
 * {@code acd.tick} when started with {@code scheduleTicks}, or when a test calls it after moving its clock.
 */
public final class AcdService implements Acd, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AcdService.class);

    private final AcdConfig config;
    private final Clock clock;
    private final AcdEventLog eventLog;
    private final OperatorDirectory directory;
    private final BusinessHours hours;
    private final CallConnector connector;
    private final SmsPort sms;
    private final CallbackNotices notices;
    private final List<Consumer<AcdEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService owner;
    private final ExecutorService sideEffects;
    /** Commands waiting for the routing thread; drained in batches of at most {@link #BATCH}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Queued> inbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** A command and, for a confirmed one, what its caller waits for: done once its events are committed. */
    private record Queued(AcdCommand command, CompletableFuture<Void> confirmed) {}
    /** How long a confirmed command waits for the log before the caller is told it is not confirmed. */
    static final java.time.Duration CONFIRM_WITHIN = java.time.Duration.ofSeconds(8);
    /** While the store cannot write: commands that need no answer, kept to be routed once it can (in order). */
    private final java.util.ArrayDeque<Queued> deferred = new java.util.ArrayDeque<>();
    private static final int MAX_DEFERRED = 100_000;
    /** Routing thread only: the store failed an append; nothing is routed before {@link #retryAt} (nanoTime). */
    private boolean storeDown;
    private long retryAt;
    private long backoffNanos = MIN_BACKOFF;
    static final long MIN_BACKOFF = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(5);
    private volatile Consumer<String> alerts = text -> { };
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    static final int BATCH = 256;
    /** While commands keep coming, the routing thread looks for them this often instead of being woken by each one. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Without commands for this long the routing thread stops looking; the next command wakes it. */
    static final long POLL_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Commands submitted (counted before they join the inbox) and taken from the inbox, for {@link #sync}. */
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();
    private volatile long taken;
    /** Callers of {@link #sync} waiting for the command count they saw to be routed and published. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Barrier> barriers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private record Barrier(long commands, CompletableFuture<Void> done) {}
    /** The routing thread while it is polling (null when it sleeps): {@link #sync} and {@link #close} wake it. */
    private volatile Thread polling;
    private volatile boolean closing;
    private ScheduledExecutorService ticker;
    private Router router;
    private volatile AcdSnapshot published;
    private volatile boolean started;
    /** Follows the log and stores snapshots (issue 23); null when the log keeps none. */
    private volatile AcdSnapshots snapshots;
    /** The warm standby whose state {@link #start} takes over (issue 23, ADR 0140); null: rebuild from the store. */
    private volatile WarmStandby standby;
    /** How many events {@link #start} read from the log (after the snapshot or the standby's position). */
    private volatile long readAtStart = -1;

    public AcdService(AcdConfig config, Clock clock, AcdEventLog eventLog, OperatorDirectory directory,
                      BusinessHours hours, CallConnector connector, SmsPort sms, CallbackNotices notices) {
        this.config = config;
        this.clock = clock;
        this.eventLog = eventLog;
        this.directory = directory;
        this.hours = hours;
        this.connector = connector;
        this.sms = sms;
        this.notices = notices;
        this.owner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "acd-router"));
        this.sideEffects = Executors.newSingleThreadExecutor(r -> daemon(r, "acd-sms"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Rebuilds the state from the event log, applies the timers that ran out while it was down, publishes the
     * first snapshot and (when {@code scheduleTicks}) starts the periodic tick. Blocks until the rebuild is done.
     */
    public AcdService start(boolean scheduleTicks) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            AcdSnapshots.Loaded loaded = rebuild();
            if (eventLog.keepsSnapshots()) { // copies the rebuilt state before anything is routed on it
                AcdSnapshots s = new AcdSnapshots(config, directory, hours, eventLog);
                s.start(loaded);
                snapshots = s;
            }
            process(new Tick());
            publish();
        }, owner);
        done.join();
        started = true;
        if (scheduleTicks) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "acd-tick"));
            long ms = config.tick().toMillis();
            ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Makes {@link #start} take {@code standby}'s state (stopping it) and read only the events logged after its
     * position, instead of loading the newest snapshot and its tail. Call before {@link #start}; the standby must
     * follow this ACD's log with the same settings and directory.
     */
    public AcdService takeOver(WarmStandby standby) {
        if (started) {
            throw new IllegalStateException("takeOver must come before start");
        }
        this.standby = standby;
        return this;
    }

    /** How many events the start read from the log: the tail after the snapshot, or after a warm standby's state. */
    public long eventsReadAtStart() {
        return readAtStart;
    }

    /** The state from the newest readable snapshot plus the events after it, or from the whole log (issue 23). */
    private AcdSnapshots.Loaded rebuild() {
        long t0 = System.nanoTime();
        WarmStandby warm = standby;
        AcdSnapshots.Loaded loaded;
        if (warm == null) {
            loaded = AcdSnapshots.load(config, directory, hours, eventLog);
        } else {
            AcdSnapshots.Loaded held = warm.handOver();
            AcdSnapshots.Loaded tail = AcdSnapshots.replayTail(held.router(), held.covers(), eventLog, held.from());
            loaded = new AcdSnapshots.Loaded(tail.router(), tail.covers(), tail.tail(),
                    tail.lastEventAt() != null ? tail.lastEventAt() : held.lastEventAt(), held.from());
        }
        router = loaded.router();
        readAtStart = loaded.tail();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (loaded.from().equals(AcdSnapshots.WHOLE_LOG)) {
            log.info("ACD rebuilt from the whole log ({} events) in {} ms", loaded.tail(), ms);
        } else {
            log.info("ACD rebuilt from {} and the {} events logged after it in {} ms", loaded.from(), loaded.tail(), ms);
        }
        return loaded;
    }

    /**
     * Reads the log's new events into the snapshot follower and stores a snapshot now (tests, benchmarks, an
     * operator's command); returns the position of the last event it covers.
     *
     * @throws IllegalStateException when this ACD keeps no snapshots (its log has no positions) or is not started
     */
    public long snapshotNow() {
        AcdSnapshots s = snapshots;
        if (s == null) {
            throw new IllegalStateException("this ACD keeps no snapshots");
        }
        return s.snapshotNow();
    }

    // --- Acd ---

    @Override
    public void enqueue(QueuedCall call) {
        confirm(new AcdCommand.Enqueue(call), "enqueue of " + call.callId());
    }

    /** Where to tell supervisors that the store cannot write (and that it can again). */
    public void alertSupervisors(Consumer<String> alerts) {
        this.alerts = alerts;
    }

    /** Submits {@code command} and waits until its events are committed. */
    private void confirm(AcdCommand command, String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(command, done);
        try {
            done.get(CONFIRM_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof NotConfirmed n ? n : new NotConfirmed(what + ": " + e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new NotConfirmed(what + ": the ACD did not log it within " + CONFIRM_WITHIN.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotConfirmed(what + ": interrupted");
        }
    }

    @Override
    public Optional<QueueStatus> status(CallId callId) {
        AcdSnapshot s = published;
        return s == null ? Optional.empty() : s.status(callId);
    }

    @Override
    public Optional<QueueStatus> statusAfterPending(CallId callId, java.time.Duration max) {
        if (!started) {
            return Optional.empty();
        }
        Barrier b = new Barrier(submitted.get(), new CompletableFuture<>());
        barriers.add(b);
        if (drainScheduled.compareAndSet(false, true)) {
            owner.execute(this::drain);
        } else {
            LockSupport.unpark(polling);
        }
        try {
            b.done().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            log.debug("status of {} before the ACD caught up: {}", callId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status(callId);
    }

    /** What a caller joining the queue of {@code intent} on {@code tier} now would be told (the priority is not used). */
    @Override
    public Optional<java.time.Duration> estimateWait(Intent intent, int priority, Tier tier) {
        AcdSnapshot s = published;
        if (s == null) return Optional.empty();
        return s.queues().stream().filter(q -> q.intent() == intent && q.tier() == tier)
                .map(QueueMetrics::estimatedWait).findFirst();
    }

    @Override
    public void callerHungUp(CallId callId) {
        submit(new AcdCommand.CallerHungUp(callId));
    }

    @Override
    public void keepPlaceByCallback(CallId callId, String number) {
        confirm(new AcdCommand.KeepPlaceByCallback(callId, number), "keep-place callback of " + callId);
    }

    @Override
    public void requestCallback(CallbackRequest request) {
        confirm(new AcdCommand.RequestCallback(request), "callback request");
    }

    @Override
    public void requestCallback(CallbackRequest request, JointWrite with) {
        confirm(new AcdCommand.RequestCallback(request, java.util.Objects.requireNonNull(with, "with")),
                "callback request");
    }

    @Override
    public void operatorAnswered(CallId callId) {
        submit(new AcdCommand.OperatorAnswered(callId));
    }

    @Override
    public void ringNoAnswer(CallId callId) {
        submit(new AcdCommand.RingNoAnswer(callId));
    }

    @Override
    public void operatorAnswered(CallId callId, OperatorId operator) {
        submit(new AcdCommand.OperatorAnswered(callId, operator));
    }

    @Override
    public void ringNoAnswer(CallId callId, OperatorId operator, String why) {
        submit(new AcdCommand.RingNoAnswer(callId, operator, why));
    }

    @Override
    public void phoneRinging(CallId callId, OperatorId operator) {
        submit(new AcdCommand.PhoneRinging(callId, operator));
    }

    @Override
    public void lineLost(CallId callId, String reason) {
        submit(new AcdCommand.LineLost(callId, reason));
    }

    @Override
    public void connectFailed(CallId callId, String reason) {
        submit(new AcdCommand.ConnectFailed(callId, reason));
    }

    @Override
    public void callEnded(CallId callId) {
        submit(new AcdCommand.CallEnded(callId));
    }

    @Override
    public void setOperatorState(OperatorId operator, OperatorState state, String reason) {
        submit(new AcdCommand.SetOperatorState(operator, state, reason));
    }

    @Override
    public void endWrapUp(OperatorId operator) {
        submit(new AcdCommand.EndWrapUp(operator));
    }

    @Override
    public void operatorProfileChanged(OperatorId operator) {
        submit(new AcdCommand.ReloadProfile(operator));
    }

    @Override
    public void setPhoneRegistered(OperatorId operator, boolean registered) {
        submit(new AcdCommand.SetPhoneRegistered(operator, registered));
    }

    @Override
    public void linesLost(java.util.Set<dev.frontline.core.common.Backend> backends, String reason) {
        submit(new AcdCommand.LinesLost(java.util.Set.copyOf(backends), reason));
    }

    @Override
    public void changePriority(CallId callId, int priority) {
        submit(new AcdCommand.ChangePriority(callId, priority));
    }

    @Override
    public void transfer(CallId callId, Intent intent, Tier tier) {
        transferable(callId);
        submit(new AcdCommand.Transfer(callId, intent, tier));
    }

    @Override
    public void transfer(CallId callId, Intent intent, Tier tier, OperatorId to, String note) {
        transferable(callId);
        submit(new AcdCommand.Transfer(callId, intent, tier, to, note));
    }

    private void transferable(CallId callId) {
        if (!connector.canTransfer(callId)) {
            throw new UnsupportedOperationException("transfer is not available on this call's line");
        }
    }

    @Override
    public void hold(CallId callId, OperatorId operator, boolean on) {
        if (!connector.canHold(callId)) {
            throw new UnsupportedOperationException("hold is not available on this call's line");
        }
        submit(new AcdCommand.Hold(callId, operator, on));
    }

    @Override
    public void consult(CallId callId, OperatorId from, OperatorId to, Tier tier, String note) {
        if (!connector.canConsult(callId)) {
            throw new UnsupportedOperationException("consult (warm transfer) is not available on this call's line");
        }
        submit(new AcdCommand.Consult(callId, from, to, tier, note));
    }

    @Override
    public void consultAnswered(CallId callId, OperatorId to) {
        submit(new AcdCommand.ConsultAnswered(callId, to));
    }

    @Override
    public void consultFailed(CallId callId, OperatorId to, String why) {
        submit(new AcdCommand.ConsultFailed(callId, to, why));
    }

    @Override
    public void completeTransfer(CallId callId, OperatorId from) {
        submit(new AcdCommand.CompleteTransfer(callId, from));
    }

    @Override
    public void cancelConsult(CallId callId, OperatorId from) {
        submit(new AcdCommand.CancelConsult(callId, from));
    }

    @Override
    public void consultantLeft(CallId callId, OperatorId from) {
        submit(new AcdCommand.ConsultantLeft(callId, from));
    }

    @Override
    public void callBackNow(dev.frontline.core.common.CallbackId callback, OperatorId operator) {
        submit(new AcdCommand.CallBackNow(callback, operator));
    }

    @Override
    public void callbackAnswered(String attemptId) {
        submit(new AcdCommand.CallbackAnswered(attemptId));
    }

    @Override
    public void callbackFailed(String attemptId, CallbackOutcome outcome, String detail) {
        submit(new AcdCommand.CallbackAttemptFailed(attemptId, outcome, detail));
    }

    @Override
    public AcdSnapshot snapshot() {
        AcdSnapshot s = published;
        if (s == null) {
            throw new IllegalStateException("the ACD is not started");
        }
        return s;
    }

    @Override
    public AutoCloseable subscribe(Consumer<AcdEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Checks the timers now (the production ticker calls it every {@code acd.tick}). */
    public void tick() {
        submit(new Tick());
    }

    /** Waits until every command submitted before this call has been processed and its snapshot published. */
    @Override
    public void awaitCommands() {
        sync();
    }

    public void sync() {
        Barrier b = new Barrier(submitted.get(), new CompletableFuture<>());
        barriers.add(b);
        if (drainScheduled.compareAndSet(false, true)) {
            owner.execute(this::drain);
        } else {
            LockSupport.unpark(polling); // do not wait out the poll interval
        }
        b.done().join();
    }

    private void submit(AcdCommand command) {
        submit(command, null);
    }

    private void submit(AcdCommand command, CompletableFuture<Void> confirmed) {
        if (!started) {
            throw new IllegalStateException("the ACD is not started");
        }
        submitted.incrementAndGet(); // before it joins the inbox: see sync
        inbox.add(new Queued(command, confirmed));
        if (drainScheduled.compareAndSet(false, true)) {
            owner.execute(this::drain);
        }
    }

    /**
     * The routing thread's loop: routes what is in the inbox, then looks again every {@link #POLL_NANOS} until
     * {@link #POLL_FOR_NANOS} pass without a command (or the service closes); then the next command (or sync)
     * schedules it again.
     */
    private void drain() {
        polling = Thread.currentThread();
        long lastCommand = System.nanoTime();
        try {
            while (true) {
                if (drainInbox()) {
                    lastCommand = System.nanoTime();
                }
                releaseBarriers();
                if (closing || System.nanoTime() - lastCommand >= POLL_FOR_NANOS) {
                    polling = null;
                    drainScheduled.set(false);
                    if ((inbox.isEmpty() && barriers.isEmpty()) || !drainScheduled.compareAndSet(false, true)) {
                        return; // whatever comes next schedules a new drain
                    }
                    polling = Thread.currentThread();
                    continue;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        } catch (RuntimeException e) { // a bug, not a bad command (those are handled per command): do not stay stuck
            log.error("the ACD routing loop failed; the next command starts it again", e);
            drainScheduled.set(false);
        } finally {
            polling = null;
        }
    }

    private void releaseBarriers() {
        for (Barrier b; (b = barriers.peek()) != null && b.commands() <= taken; ) {
            barriers.poll();
            b.done().complete(null);
        }
    }

    /**
     * Routes the queued commands in batches: each batch's events go to the log in one transaction (group commit),
     * then are acted on and handed to listeners in order, and the confirmed commands among them answered. A snapshot
     * is published when the inbox is empty. While the store cannot write (an append failed), nothing is routed:
     * confirmed commands are answered {@link NotConfirmed} at once, the others are kept and routed, in order, when
     * an append is tried again (after a growing pause, 250 ms to 5 s): the state is rebuilt from the log once per
     * failed append, not for every command. False when there was nothing to route.
     */
    private boolean drainInbox() {
        List<Queued> batch = new ArrayList<>(BATCH);
        boolean any = false;
        while (true) {
            batch.clear();
            for (Queued q; batch.size() < BATCH && (q = inbox.poll()) != null; ) {
                batch.add(q);
            }
            if (batch.isEmpty() && !(storeDown && !deferred.isEmpty() && System.nanoTime() >= retryAt)) {
                break;
            }
            any = true;
            int taking = batch.size();
            if (storeDown && System.nanoTime() < retryAt) {
                for (Queued q : batch) {
                    hold(q);
                }
                taken += taking;
                continue;
            }
            if (storeDown) { // time to try again: what was kept goes first
                List<Queued> retry = new ArrayList<>(deferred);
                deferred.clear();
                retry.addAll(batch);
                batch = retry;
            }
            List<AcdEvent> events = new ArrayList<>();
            List<Integer> ends = new ArrayList<>(batch.size());
            int first = 0; // the first command of the part of the batch not yet appended
            for (int i = 0; i < batch.size(); i++) {
                Queued q = batch.get(i);
                try {
                    events.addAll(router.handle(q.command(), clock.instant()));
                    ends.add(events.size());
                } catch (RuntimeException e) {
                    log.error("ACD command {} failed; rebuilding the routing state from the log", q.command(), e);
                    // the commands ahead of it are settled as a batch of their own (appended once, answered);
                    // the failing one logged nothing, so it is not confirmed
                    settle(batch.subList(first, i), events, ends);
                    if (q.confirmed() != null) {
                        q.confirmed().completeExceptionally(new NotConfirmed("the ACD failed on " + q.command() + ": " + e));
                    }
                    events = new ArrayList<>();
                    ends = new ArrayList<>();
                    first = i + 1;
                    rebuild();
                }
            }
            settle(batch.subList(first, batch.size()), events, ends);
            taken += taking; // only this thread writes it
            batch = new ArrayList<>(BATCH);
        }
        if (any) {
            publish();
        }
        return any;
    }

    /**
     * Appends the events of {@code part} (consecutive commands of a batch, {@code ends} their event counts) with
     * their joint writes in one transaction; once durable the confirmed commands are answered and the events acted
     * on; when the store cannot write, each command is held.
     */
    private void settle(List<Queued> part, List<AcdEvent> events, List<Integer> ends) {
        if (part.isEmpty()) {
            return;
        }
        if (append(events, jointWrites(part, events, ends), part.size())) {
            answer(part, events, ends); // durable now: the callers hear it before the ACD acts on it
            tell(events);
        } else {
            for (Queued q : part) {
                hold(q);
            }
        }
    }

    /** While the store cannot write: a confirmed command is refused at once, another is kept (a tick is dropped). */
    private void hold(Queued q) {
        if (q.confirmed() != null) {
            q.confirmed().completeExceptionally(new NotConfirmed("the store cannot write: " + q.command()));
        } else if (!(q.command() instanceof Tick)) {
            if (deferred.size() < MAX_DEFERRED) {
                deferred.add(q);
            } else {
                log.error("the store cannot write and {} commands wait: dropping {}", MAX_DEFERRED, q.command());
            }
        }
    }

    /** The joint writes of the first {@code ends.size()} commands of the batch that the ACD did not refuse. */
    private static List<JointWrite> jointWrites(List<Queued> batch, List<AcdEvent> events, List<Integer> ends) {
        List<JointWrite> with = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < ends.size(); i++) {
            int to = ends.get(i);
            if (batch.get(i).command() instanceof AcdCommand.RequestCallback r && r.with() != null
                    && events.subList(from, to).stream().noneMatch(e -> e instanceof AcdEvent.CommandRejected)) {
                with.add(r.with());
            }
            from = Math.max(from, to);
        }
        return with;
    }

    /** After the commit: a confirmed command is done unless the ACD refused it. */
    private static void answer(List<Queued> batch, List<AcdEvent> events, List<Integer> ends) {
        int from = 0;
        for (int i = 0; i < batch.size(); i++) {
            int to = ends.get(i);
            CompletableFuture<Void> f = batch.get(i).confirmed();
            if (f != null) {
                String refused = null;
                for (int k = from; k < to && k < events.size(); k++) {
                    if (events.get(k) instanceof AcdEvent.CommandRejected r) {
                        refused = r.reason();
                    }
                }
                if (refused == null || (batch.get(i).command() instanceof AcdCommand.Enqueue
                        && refused.contains("already in the ACD"))) { // a retried enqueue: logged before
                    f.complete(null);
                } else {
                    f.completeExceptionally(new NotConfirmed("the ACD refused " + batch.get(i).command() + ": " + refused));
                }
            }
            from = Math.max(from, to);
        }
    }

    private void process(AcdCommand command) {
        List<AcdEvent> events;
        try {
            events = router.handle(command, clock.instant());
        } catch (RuntimeException e) {
            log.error("ACD command {} failed; rebuilding the routing state from the log", command, e);
            rebuild();
            return;
        }
        commit(events, 1);
    }

    /**
     * Appends, then acts and tells listeners. When the append fails, the events are dropped, the state rebuilt
     * from the log (once), supervisors alerted when the store was writing until now, and false returned: the
     * ACD then routes nothing until it tries again after a pause.
     */
    private boolean commit(List<AcdEvent> events, int commands) {
        if (!append(events, List.of(), commands)) {
            return false;
        }
        tell(events);
        return true;
    }

    /** Appends; false (after the rebuild and the alert) when the store refused. */
    private boolean append(List<AcdEvent> events, List<JointWrite> with, int commands) {
        if (events.isEmpty()) {
            return true; // nothing to log: nothing changed (a command with a joint write always logs an event)
        }
        try {
            if (with.isEmpty()) {
                eventLog.append(events);
            } else {
                eventLog.append(events, with);
            }
        } catch (RuntimeException e) {
            long pause = backoffNanos;
            backoffNanos = Math.min(MAX_BACKOFF, backoffNanos * 2);
            retryAt = System.nanoTime() + pause;
            log.error("could not log the events of {} command(s); nothing is routed for {} ms, then they are tried"
                    + " again", commands, TimeUnit.NANOSECONDS.toMillis(pause), e);
            if (!storeDown) {
                storeDown = true;
                tellSupervisors("The store cannot write (" + e.getMessage() + "): callers are not queued and hear"
                        + " an apology; they go to the fallback until it writes again.");
            }
            try {
                rebuild(); // the router applied what the log refused: back to what is committed
            } catch (RuntimeException again) {
                log.error("cannot rebuild the ACD from the log either", again);
            }
            return false;
        }
        if (storeDown) {
            storeDown = false;
            backoffNanos = MIN_BACKOFF;
            tellSupervisors("The store writes again: callers are queued as usual.");
        }
        return true;
    }

    /**
     * Acts on the logged events and hands them to the listeners, in order. A consultation's offer is heard before it
     * is acted on: the desks' connector pops the colleague's screen from the RING step on its own thread with the note
     * and "from" of this event, and went out without them when the pop ran first.
     */
    private void tell(List<AcdEvent> events) {
        for (AcdEvent e : events) {
            boolean heardFirst = e instanceof AcdEvent.ConsultOffered;
            if (!heardFirst) {
                act(e);
            }
            for (Consumer<AcdEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    log.warn("ACD listener failed on {}", e, ex);
                }
            }
            if (heardFirst) {
                act(e);
            }
        }
    }

    private void tellSupervisors(String text) {
        try {
            alerts.accept(text);
        } catch (RuntimeException e) {
            log.warn("could not alert supervisors: {}", text, e);
        }
    }

    private void act(AcdEvent e) {
        try {
            if (e instanceof AcdEvent.CallOffered o) {
                connector.connect(o.callId(), o.operator(), o.endpoint());
            } else if (e instanceof AcdEvent.CallRequeued r) {
                connector.withdraw(r.callId(), r.missedBy());
            } else if (e instanceof AcdEvent.CallTransferred t) {
                connector.release(t.callId(), t.from());
            } else if (e instanceof AcdEvent.CallHeld h) {
                connector.hold(h.callId(), h.operator(), true);
            } else if (e instanceof AcdEvent.CallResumed r && r.taken()) {
                connector.hold(r.callId(), r.operator(), false);
            } else if (e instanceof AcdEvent.ConsultOffered o) {
                connector.consult(o.callId(), o.from(), o.to(), o.endpoint(), CallConnector.ConsultStep.RING);
            } else if (e instanceof AcdEvent.ConsultEnded x) {
                connector.consult(x.callId(), x.from(), x.to(), null, x.outcome() == ConsultOutcome.COMPLETED
                        ? CallConnector.ConsultStep.COMPLETE : x.outcome().callerBack()
                        ? CallConnector.ConsultStep.CANCEL : CallConnector.ConsultStep.DROP);
            } else if (e instanceof AcdEvent.CallbackOffered o) {
                connector.originateCallback(o.attemptId(), o.operator(), o.endpoint(), o.number(), callbackCallerId());
            } else if (e instanceof AcdEvent.CallbackAttemptFailed f && f.outcome() == CallbackOutcome.WITHDRAWN) {
                connector.cancelCallback(f.attemptId(), f.operator());
            } else if (e instanceof AcdEvent.CallbackFailed f) {
                sideEffects.execute(() -> sms.send(notices.failed(f.request().number(), f.request().language(),
                        f.request().customer())));
            } else if (e instanceof AcdEvent.CommandRejected r) {
                log.warn("ACD refused {}: {}", r.command(), r.reason());
            }
        } catch (RuntimeException ex) {
            log.error("acting on {} failed", e, ex);
            if (e instanceof AcdEvent.CallOffered o) {
                submit(new AcdCommand.RingNoAnswer(o.callId()));
            } else if (e instanceof AcdEvent.ConsultOffered o) {
                submit(new AcdCommand.ConsultFailed(o.callId(), o.to(), "the phone could not be rung: " + ex.getMessage()));
            } else if (e instanceof AcdEvent.CallbackOffered o) {
                submit(new AcdCommand.CallbackAttemptFailed(o.attemptId(), CallbackOutcome.FAILED, ex.getMessage()));
            }
        }
    }

    /** {@code acd.callback.caller-id}, or else the desk's own number: a callback never shows "unknown". */
    private String callbackCallerId() {
        String configured = config.callbackCallerId();
        return configured.isEmpty() && notices.deskNumber() != null ? notices.deskNumber() : configured;
    }

    private void publish() {
        published = router.snapshot(clock.instant());
    }

    /** Stops the ticker and the routing thread (pending commands are processed first). */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        closing = true;
        AcdSnapshots s = snapshots;
        if (s != null) {
            s.close();
        }
        LockSupport.unpark(polling);
        owner.shutdown();
        sideEffects.shutdown();
        try {
            owner.awaitTermination(5, TimeUnit.SECONDS);
            sideEffects.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
