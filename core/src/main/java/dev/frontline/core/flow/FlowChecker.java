package dev.frontline.core.flow;

import dev.frontline.core.common.Language;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a flow beyond its syntax: missing targets, unreachable nodes, loops that never wait for the caller,
 * prompt texts and SMS templates missing in a language, variables never set, and (given a sounds directory)
 * missing or stale recordings. Pure apart from reading the files.
 */
public final class FlowChecker {

    /** Variables {@code lookup-caller} sets when it finds the customer. */
    static final Set<String> LOOKUP_VARS = Set.of("contract");

    private FlowChecker() {}

    /** Loads and checks one flow file; {@code sounds} empty skips the recording checks. */
    public static List<FlowProblem> check(Path flowFile, Optional<Recordings> sounds) {
        FlowLoader.Result r = FlowLoader.read(flowFile);
        List<FlowProblem> out = new ArrayList<>(r.problems());
        // nodes that failed to load would show up again as missing targets: check the graph only once they load
        r.flow().ifPresent(f -> out.addAll(check(f, sounds, r.problems().isEmpty())));
        List<FlowProblem> dedup = new ArrayList<>(new LinkedHashSet<>(out));
        Collections.sort(dedup);
        return dedup;
    }

    /**
     * Flows sharing a name: a call picks its flow by name, so only one of them could ever run. Each later one (in
     * the given order) is a problem at its {@code flow:} naming where the name was first used.
     */
    public static List<FlowProblem> duplicateNames(List<Flow> flows) {
        Map<String, Flow> first = new HashMap<>();
        List<FlowProblem> out = new ArrayList<>();
        for (Flow f : flows) {
            Flow earlier = first.putIfAbsent(f.name(), f);
            if (earlier != null) {
                out.add(new FlowProblem(f.namePos(), "flow '" + f.name() + "' is defined in " + earlier.namePos()
                        + " already (a call picks its flow by name: rename one)"));
            }
        }
        return out;
    }

    /** Checks a loaded flow. */
    public static List<FlowProblem> check(Flow flow, Optional<Recordings> sounds) {
        return check(flow, sounds, true);
    }

    private static List<FlowProblem> check(Flow flow, Optional<Recordings> sounds, boolean graph) {
        List<FlowProblem> out = new ArrayList<>();
        if (graph) {
            targets(flow, out);
            reachability(flow, out);
            loops(flow, out);
        }
        prompts(flow, out);
        variables(flow, out);
        sounds.ifPresent(rec -> recordings(flow, rec, out));
        Collections.sort(out);
        return out;
    }

    private static void targets(Flow flow, List<FlowProblem> out) {
        if (!flow.nodes().containsKey(flow.start().id())) {
            out.add(new FlowProblem(flow.start().pos(), "start node '" + flow.start().id() + "' does not exist"));
        }
        for (FlowNode n : flow.nodes().values()) {
            for (Target t : n.targets()) {
                if (!flow.nodes().containsKey(t.id())) {
                    out.add(new FlowProblem(t.pos(), "missing target '" + t.id() + "' (no such node)"));
                }
            }
        }
    }

    private static void reachability(Flow flow, List<FlowProblem> out) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(flow.start().id());
        while (!todo.isEmpty()) {
            String id = todo.pop();
            FlowNode n = flow.nodes().get(id);
            if (n == null || !seen.add(id)) continue;
            n.targets().forEach(t -> todo.push(t.id()));
        }
        for (FlowNode n : flow.nodes().values()) {
            if (!seen.contains(n.id())) {
                out.add(new FlowProblem(n.pos(), "node '" + n.id() + "' is unreachable from start '"
                        + flow.start().id() + "'"));
            }
        }
    }

    /** Cycles through nodes that never wait for the caller would spin forever. */
    private static void loops(Flow flow, List<FlowProblem> out) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        Set<String> reported = new HashSet<>();
        for (FlowNode n : flow.nodes().values()) {
            if (!n.waitsForCaller() && !state.containsKey(n.id())) {
                dfs(flow, n, state, new ArrayList<>(), reported, out);
            }
        }
    }

    private static void dfs(Flow flow, FlowNode n, Map<String, Integer> state, List<String> path,
                            Set<String> reported, List<FlowProblem> out) {
        state.put(n.id(), 1);
        path.add(n.id());
        for (Target t : n.targets()) {
            FlowNode next = flow.nodes().get(t.id());
            if (next == null || next.waitsForCaller()) continue;
            Integer s = state.get(next.id());
            if (s == null) {
                dfs(flow, next, state, path, reported, out);
            } else if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next.id()), path.size()));
                cycle.add(next.id());
                if (reported.add(next.id())) {
                    out.add(new FlowProblem(next.pos(), "loop without caller input: " + String.join(" -> ", cycle)));
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(n.id(), 2);
    }

    private static void prompts(Flow flow, List<FlowProblem> out) {
        for (FlowNode n : flow.nodes().values()) {
            for (PromptRef p : n.prompts()) {
                for (Language lang : languagesOf(flow, p)) {
                    if (flow.prompts().text(lang, p.key()).isEmpty()) {
                        out.add(new FlowProblem(p.pos(), "prompt '" + p.key() + "' has no text for " + lang.code()
                                + " (add it to " + flow.prompts().files().getOrDefault(lang, lang.code() + ".yaml") + ")"));
                    }
                }
                if (p.fixed() != null && !flow.languages().contains(p.fixed())) {
                    out.add(new FlowProblem(p.pos(), "prompt '" + p + "' is in " + p.fixed().code()
                            + ", which is not in the flow's languages"));
                }
            }
            if (n instanceof FlowNode.SendSms sms && sms.template() != null) {
                for (Language lang : flow.languages()) {
                    if (flow.prompts().smsTemplate(lang, sms.template()).isEmpty()) {
                        out.add(new FlowProblem(n.pos(), "SMS template '" + sms.template() + "' has no text for "
                                + lang.code() + " (add it under sms: in " + flow.prompts().files().get(lang) + ")"));
                    }
                }
            }
        }
    }

    private static List<Language> languagesOf(Flow flow, PromptRef p) {
        return p.fixed() != null ? List.of(p.fixed()) : flow.languages();
    }

    private static void variables(Flow flow, List<FlowProblem> out) {
        Set<String> set = new HashSet<>(LOOKUP_VARS);
        for (FlowNode n : flow.nodes().values()) {
            if (n instanceof FlowNode.Input in && in.variable() != null) set.add(in.variable());
        }
        for (FlowNode n : flow.nodes().values()) {
            String used = n instanceof FlowNode.SayDigits sd ? sd.variable()
                    : n instanceof FlowNode.LookupCaller lc ? lc.variable() : null;
            if (used != null && !set.contains(used)) {
                out.add(new FlowProblem(n.pos(), "variable '" + used + "' is never set (set by input nodes; "
                        + "lookup-caller sets contract)"));
            }
        }
    }

    private static void recordings(Flow flow, Recordings rec, List<FlowProblem> out) {
        Set<String> done = new HashSet<>();
        for (FlowNode n : flow.nodes().values()) {
            for (PromptRef p : n.prompts()) {
                for (Language lang : languagesOf(flow, p)) {
                    String path = lang.code() + "/" + p.key();
                    Optional<Prompts.Text> text = flow.prompts().text(lang, p.key());
                    if (text.isEmpty() || !done.add(path)) continue;
                    Position at = text.get().pos();
                    if (!rec.exists(path)) {
                        out.add(new FlowProblem(at, "recording " + rec.file(path) + " is missing (run sounds/generate.sh)"));
                    } else if (!rec.madeFrom(path).map(h -> h.equals(Recordings.hash(text.get().text()))).orElse(false)) {
                        out.add(new FlowProblem(at, "recording " + rec.file(path)
                                + " is stale: it was made from another text (run sounds/generate.sh)"));
                    }
                }
            }
        }
        for (Language lang : flow.languages()) {
            for (int d = 0; d <= 9; d++) {
                String path = lang.code() + "/digits/" + d;
                if (!rec.exists(path)) {
                    out.add(new FlowProblem(flow.languagesPos(), "recording " + rec.file(path)
                            + " is missing (run sounds/generate.sh)"));
                }
            }
            List<FlowProblem> numbers = new ArrayList<>();
            int missing = 0;
            for (int n : Numbers.recorded()) {
                String path = lang.code() + "/" + Numbers.key(n);
                String numeral = Recordings.hash(Numbers.text(n));
                if (!rec.exists(path)) {
                    missing++;
                    numbers.add(new FlowProblem(flow.languagesPos(), "recording " + rec.file(path)
                            + " is missing (run sounds/generate.sh)"));
                } else if (!rec.madeFrom(path).map(numeral::equals).orElse(false)) {
                    numbers.add(new FlowProblem(flow.languagesPos(), "recording " + rec.file(path)
                            + " is stale: it was not made from the numeral " + n + " (run sounds/generate.sh)"));
                }
            }
            if (missing == Numbers.recorded().size()) { // none at all: one line, not a hundred
                out.add(new FlowProblem(flow.languagesPos(), "recordings " + rec.file(lang.code() + "/numbers/0..99")
                        + " and the hundreds 100..900 are missing (run sounds/generate.sh)"));
            } else {
                out.addAll(numbers);
            }
        }
    }
}
