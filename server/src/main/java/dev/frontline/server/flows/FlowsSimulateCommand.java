package dev.frontline.server.flows;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.flow.FlowException;
import dev.frontline.core.flow.FlowInput;
import dev.frontline.core.flow.FlowLoader;
import dev.frontline.core.flow.FlowSession;
import dev.frontline.core.flow.Instruction;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.server.cli.ConfigOption;
import dev.frontline.server.cli.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code frontline flows simulate}: one call through a flow, keys given up front, every instruction printed. Real
 * customers, PINs and outages from the configured store; the ACD and SMS are printing stand-ins (a dry run: nothing
 * is sent or queued). The simulated call's own rows are removed afterwards unless {@code --keep}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulate a call through a flow and print every instruction (dry run).")
final class FlowsSimulateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--flow", defaultValue = "ivr-flows/support.yaml", paramLabel = "FILE",
            description = "the flow file (default: ${DEFAULT-VALUE})")
    Path flowFile;

    @Option(names = "--from", defaultValue = "", paramLabel = "NUMBER", description = "calling number (empty = withheld)")
    String from;

    @Option(names = "--to", defaultValue = "", paramLabel = "NUMBER", description = "called number")
    String to;

    @Option(names = "--keys", defaultValue = "", paramLabel = "KEYS",
            description = "what the caller does, in order, separated by spaces: digits (e.g. 1 or 1234), "
                    + "'-' = no input (timeout), 'tick' = a hold announcement, 'op' = an operator takes the call and "
                    + "it ends, 'hangup'. When the keys run out the caller hangs up.")
    String keys;

    @Option(names = "--at", paramLabel = "YYYY-MM-DDTHH:MM",
            description = "desk-local time of the call (default: now), e.g. 2026-11-23T22:00 to try after hours")
    String at;

    @Option(names = "--queue-wait", defaultValue = "2m", paramLabel = "DURATION",
            description = "the stand-in ACD's estimate for a queued caller (default: 2m)")
    String queueWait;

    @Option(names = "--busy", paramLabel = "DURATION",
            description = "the stand-in ACD's estimate for a new caller (for 'wait-above' branches; default: none)")
    String busy;

    @Option(names = "--text", description = "print each prompt's text too")
    boolean text;

    @Option(names = "--json", description = "print JSON lines instead of text")
    boolean json;

    @Option(names = "--keep", description = "keep the simulated call's row in calls/flow_sessions")
    boolean keep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Flow flow;
        try {
            flow = FlowLoader.load(flowFile);
        } catch (FlowException e) {
            e.problems().forEach(err::println);
            return 1;
        }
        FrontlineConfig cfg = config.load();
        Clock clock = clockFor(cfg);
        SimulationPrinter printer = new SimulationPrinter(spec.commandLine().getOut(), json);
        PrintingAcd acd = new PrintingAcd(printer, ConfigNode.parseDuration("--queue-wait", queueWait),
                Optional.ofNullable(busy).map(b -> ConfigNode.parseDuration("--busy", b)));
        CallId callId = new CallId("sim-" + UUID.randomUUID());
        try (Stores stores = Stores.open(cfg, clock)) {
            IvrService ivr = IvrWiring.create(cfg, IvrSettings.from(cfg), Map.of(flow.name(), flow), stores, acd,
                    new PrintingSms(printer), new Listener(printer, text), true);
            try {
                run(ivr, flow, callId, acd, printer);
            } finally {
                if (!keep) {
                    new FlowSessionStore(stores.database(), clock).delete(callId);
                    new CallRecordRepository(stores.database(), clock).delete(callId);
                }
            }
        }
        return 0;
    }

    private Clock clockFor(FrontlineConfig cfg) {
        if (at == null) return Clock.systemUTC();
        try {
            return Clock.fixed(LocalDateTime.parse(at).atZone(cfg.desk().zone()).toInstant(), cfg.desk().zone());
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--at must look like 2026-11-23T22:00, not '" + at + "'");
        }
    }

    private void run(IvrService ivr, Flow flow, CallId callId, PrintingAcd acd, SimulationPrinter printer) {
        Deque<String> tokens = new ArrayDeque<>(Arrays.stream(keys.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        printer.print("CALL", "from " + (from.isBlank() ? "(withheld)" : from) + " flow " + flow.name(),
                "from", from, "flow", flow.name(), "callId", callId.value());
        Turn turn = ivr.start(new CallStart(callId, from, to, Backend.SIM, flow.name()));
        while (!(turn.await() instanceof Await.HangUp) && !(turn.await() instanceof Await.TransferTo)
                && !(turn.await() instanceof Await.Fallback)) {
            String token = tokens.poll();
            CallerInput input;
            if (token == null || token.equals("hangup")) {
                printer.print("CALLER", "hangs up", "action", "hangup");
                input = new CallerInput.HungUp();
            } else if (token.equals("-")) {
                printer.print("CALLER", "presses nothing", "action", "no-input");
                input = new CallerInput.NoInput();
            } else if (token.equals("tick")) {
                printer.print("CALLER", "holds", "action", "hold-tick");
                input = new CallerInput.HoldTick();
            } else if (token.equals("op")) {
                acd.connect(callId);
                printer.print("CALLER", "talks to the operator; the operator hangs up", "action", "operator-leg-ended");
                input = new CallerInput.OperatorLegEnded();
            } else if (token.matches("[0-9*#]+")) {
                printer.print("CALLER", "presses " + token, "action", "keys", "keys", token);
                input = new CallerInput.Digits(token);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "--keys: '" + token
                        + "' is not keys (0-9 * #), '-', 'tick', 'op' or 'hangup'");
            }
            turn = ivr.resume(callId, input);
        }
        FlowSession s = ivr.session(callId).orElseThrow();
        printer.print("END", "outcome=" + s.outcome() + " at=" + s.endedAt() + " identified=" + s.identified()
                        + " verified=" + s.verified(), "outcome", s.outcome(), "at", s.endedAt(),
                "identified", s.identified(), "verified", s.verified(), "trail", s.trail());
    }

    /** Prints the interpreter's instructions; effects the stand-ins print themselves are left to them. */
    private record Listener(SimulationPrinter p, boolean withText) implements IvrListener {
        @Override
        public void instruction(CallId callId, Instruction i) {
            if (i instanceof Instruction.Play play) {
                String path = play.prompt().path();
                p.print("PLAY", withText ? path + " \"" + play.prompt().text() + "\"" : path, "prompt", path,
                        "text", play.prompt().text());
            } else if (i instanceof Instruction.SayDigits d) {
                p.print("SAY-DIGITS", d.language().code() + " " + d.digits(), "language", d.language().code(), "digits", d.digits());
            } else if (i instanceof Instruction.Gather g) {
                String what = g.maxDigits() == 1 ? "1 digit" : "up to " + g.maxDigits() + " digits" + (g.hashTerminates() ? " ending with #" : "");
                p.print("GATHER", what + " " + g.timeout().toSeconds() + "s", "maxDigits", g.maxDigits(),
                        "timeoutSeconds", g.timeout().toSeconds(), "hashTerminates", g.hashTerminates());
            } else if (i instanceof Instruction.WaitInQueue q) {
                p.print("HOLD", "position=" + q.position() + " wait=" + Duration.ofSeconds(Math.max(0, q.waitSeconds())).toMinutes()
                        + "m announce-every=" + q.announceEvery().toSeconds() + "s", "position", q.position(),
                        "waitSeconds", q.waitSeconds());
            } else if (i instanceof Instruction.Transfer t) {
                p.print("TRANSFER", t.endpoint(), "endpoint", t.endpoint());
            } else if (i instanceof Instruction.Hangup) {
                p.print("HANGUP", "");
            } else if (i instanceof Instruction.LookupCaller l) {
                p.print("LOOKUP", l.by().name().toLowerCase() + " " + l.value(), "by", l.by().name().toLowerCase(), "value", l.value());
            } else if (i instanceof Instruction.VerifyPin v) {
                p.print("VERIFY-PIN", "customer=" + v.customerId() + " pin=****", "customer", v.customerId());
            } else if (i instanceof Instruction.CheckHours) {
                p.print("CHECK-HOURS", "");
            } else if (i instanceof Instruction.CheckOutage o) {
                p.print("CHECK-OUTAGE", o.area(), "area", o.area());
            } else if (i instanceof Instruction.EstimateWait w) {
                p.print("ESTIMATE-WAIT", w.intent().name().toLowerCase(), "intent", w.intent().name().toLowerCase());
            } else if (i instanceof Instruction.RecordRating r) {
                p.print("RATING", Integer.toString(r.score()), "score", r.score());
            }
        }

        @Override
        public void input(CallId callId, FlowInput in) {
            String result = result(in);
            if (result != null) p.print("  =", result, "result", result);
        }

        private static String result(FlowInput in) {
            if (in instanceof FlowInput.LookupResult l) {
                return l.found() ? "customer " + l.customerId() + " contract " + l.contract() + " language "
                        + l.language().code() + (l.hasMobile() ? " mobile on file" : " no mobile") : "not found";
            }
            if (in instanceof FlowInput.PinResult r) return r.result().name();
            if (in instanceof FlowInput.HoursResult h) return h.open() ? "open" : "closed";
            if (in instanceof FlowInput.OutageResult o) {
                return o.active() ? "outage" + (o.expectedEnd() == null ? "" : " until " + o.expectedEnd()) : "no outage";
            }
            if (in instanceof FlowInput.WaitEstimate w) return w.seconds() < 0 ? "no estimate" : w.seconds() + "s";
            if (in instanceof FlowInput.SmsOutcome s) return s.accepted() ? "sms accepted" : "sms not sent: " + s.detail();
            return null;
        }
    }
}
