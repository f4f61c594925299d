package dev.frontline.core.call;

import dev.frontline.core.common.CallId;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.flow.FlowException;
import dev.frontline.core.flow.FlowInput;
import dev.frontline.core.flow.FlowLoader;
import dev.frontline.core.flow.FlowProblem;
import dev.frontline.core.flow.FlowSession;
import dev.frontline.core.flow.Instruction;
import dev.frontline.core.flow.Interpreter;
import dev.frontline.core.flow.StepResult;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.FlowSessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The voice menu as a {@link CallHandler}: runs the flow interpreter, carries out its effects through the
 * {@link IvrPorts} until the interpreter needs the caller, and answers with a {@link Turn}. The session is stored
 * after every turn ({@code flow_sessions}) and the call row updated ({@code calls}), both write-behind (committed by
 * the store's writer thread within about a millisecond, and when the database closes), so any server holding the
 * same store can resume the call. Thread-safe; a backend must not call it concurrently for the same call.
 */
public final class IvrService implements CallHandler {
    private static final Logger log = LoggerFactory.getLogger(IvrService.class);
    /** Effects in one turn before the flow is declared runaway (a checked flow needs a handful). */
    private static final int MAX_EFFECTS_PER_TURN = 50;

    private final Map<String, Interpreter> flows;
    private final FlowSessionStore sessions;
    private final CallRecordRepository calls;
    private final EffectRunner effects;
    private final IvrListener listener;

    public IvrService(Map<String, Flow> flows, IvrPorts ports, FlowSessionStore sessions, CallRecordRepository calls,
                      IvrSettings settings, IvrListener listener) {
        Map<String, Interpreter> m = new LinkedHashMap<>();
        flows.forEach((name, flow) -> m.put(name, new Interpreter(flow)));
        this.flows = Map.copyOf(m);
        this.sessions = sessions;
        this.calls = calls;
        this.effects = new EffectRunner(ports, calls, settings);
        this.listener = listener;
    }

    /**
     * Loads every {@code *.yaml} flow in {@code dir}, keyed by flow name.
     *
     * @throws FlowException listing the problems of every broken file
     */
    public static Map<String, Flow> loadFlows(Path dir) {
        Map<String, Flow> out = new LinkedHashMap<>();
        List<Flow> all = new ArrayList<>();
        List<FlowProblem> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                FlowLoader.Result r = FlowLoader.read(f);
                problems.addAll(r.problems());
                r.flow().ifPresent(flow -> {
                    all.add(flow);
                    out.putIfAbsent(flow.name(), flow);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the flows in " + dir, e);
        }
        problems.addAll(dev.frontline.core.flow.FlowChecker.duplicateNames(all)); // one name, one flow
        if (!problems.isEmpty()) throw new FlowException(problems);
        return out;
    }

    @Override
    public Turn start(CallStart start) {
        Interpreter in = flows.get(start.flow());
        if (in == null) {
            log.warn("call {}: no flow named '{}' (have {}): hanging up", start.callId(), start.flow(), flows.keySet());
            return Turn.hangUp(start.callId());
        }
        Optional<StepResult> rejoined = sessions.load(start.callId()).filter(s -> s.flow().equals(start.flow()))
                .flatMap(in::rejoin);
        if (rejoined.isPresent()) {
            log.info("call {}: its session was left waiting in the menu at {} (the server of the call stopped):"
                    + " rejoined there", start.callId(), rejoined.get().session().node());
            return drive(in, start.callId(), rejoined.get());
        }
        calls.started(start.callId(), start.backend(), start.callingNumber(), start.calledNumber(), start.flow());
        StepResult r = in.start(start.callId().value(), start.callingNumber(), start.calledNumber(), start.backend());
        return drive(in, start.callId(), r);
    }

    @Override
    public Turn resume(CallId callId, CallerInput input) {
        Optional<FlowSession> session = sessions.load(callId);
        Interpreter in = session.map(s -> flows.get(s.flow())).orElse(null);
        if (in == null) {
            return Turn.hangUp(callId);
        }
        FlowInput fi = toFlowInput(input);
        listener.input(callId, fi);
        try {
            return drive(in, callId, in.step(session.get(), fi));
        } catch (IllegalStateException e) {
            log.warn("call {}: {}; ending the call", callId, e.getMessage());
            FlowSession ended = in.abort(session.get(), e.getMessage()).session();
            sessions.save(ended);
            calls.update(ended);
            return Turn.hangUp(callId);
        }
    }

    /** The stored session of a call (for tools and tests). */
    public Optional<FlowSession> session(CallId callId) {
        return sessions.load(callId);
    }

    private Turn drive(Interpreter in, CallId callId, StepResult r) {
        List<MediaStep> steps = new ArrayList<>();
        for (int n = 0; ; n++) {
            for (Instruction i : r.instructions()) {
                listener.instruction(callId, i);
                if (i instanceof Instruction.Play p) steps.add(new MediaStep.Play(p.prompt()));
                if (i instanceof Instruction.SayDigits d) steps.add(new MediaStep.SayDigits(d.language(), d.digits()));
            }
            FlowSession s = r.session();
            if (r.last() instanceof Instruction.Effect e) {
                if (n >= MAX_EFFECTS_PER_TURN) {
                    throw new IllegalStateException("flow " + s.flow() + " ran " + n + " effects without the caller");
                }
                FlowInput result = effects.run(e, s, in.flow());
                listener.input(callId, result);
                r = in.step(s, result);
                continue;
            }
            sessions.save(s);
            calls.update(s);
            return new Turn(callId, steps, toAwait((Instruction.Wait) r.last()));
        }
    }

    private static Await toAwait(Instruction.Wait w) {
        if (w instanceof Instruction.Gather g) return new Await.CollectDigits(g.maxDigits(), g.timeout(), g.hashTerminates());
        if (w instanceof Instruction.WaitInQueue q) {
            return new Await.WaitInQueue(q.position(), Duration.ofSeconds(Math.max(0, q.waitSeconds())), q.announceEvery());
        }
        if (w instanceof Instruction.Transfer t) return new Await.TransferTo(t.endpoint());
        if (w instanceof Instruction.Fallback) return new Await.Fallback();
        return new Await.HangUp();
    }

    private static FlowInput toFlowInput(CallerInput input) {
        if (input instanceof CallerInput.Digits d) return new FlowInput.Digits(d.digits());
        if (input instanceof CallerInput.NoInput) return new FlowInput.NoInput();
        if (input instanceof CallerInput.HungUp h) return new FlowInput.HungUp(h.lineLost());
        if (input instanceof CallerInput.HoldTick) return new FlowInput.HoldTick();
        return new FlowInput.OperatorLegEnded();
    }
}
