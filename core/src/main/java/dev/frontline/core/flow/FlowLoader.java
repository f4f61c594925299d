package dev.frontline.core.flow;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a flow file and its prompt files ({@code <prompts>/<lang>.yaml}) with snakeyaml-engine's compose API, so
 * every problem carries {@code FILE:LINE:COLUMN}. Structural problems only; graph and recording checks are
 * {@link FlowChecker}'s.
 */
public final class FlowLoader {

    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("play", List.of("prompt", "next")),
            Map.entry("say-digits", List.of("var", "next")),
            Map.entry("menu", List.of("prompt", "digits", "timeout", "retries", "invalid", "choices", "on-fail")),
            Map.entry("input", List.of("prompt", "max-digits", "timeout", "retries", "invalid", "var", "next", "on-fail",
                    "on-skip")),
            Map.entry("lookup-caller", List.of("by", "var", "found", "not-found")),
            Map.entry("verify", List.of("prompt", "attempts", "timeout", "wrong", "locked", "ok", "failed")),
            Map.entry("send-sms", List.of("template", "purpose", "secret", "sent", "no-mobile", "failed")),
            Map.entry("set", List.of("intent", "priority", "tier", "language", "outcome", "next")),
            Map.entry("branch", List.of("if", "threshold", "then", "else")),
            Map.entry("enqueue", List.of("prompt", "announce-every", "position-prompt", "wait-prompt",
                    "minutes-prompt", "callback-offer", "callback-confirmed", "callback-number", "callback-when",
                    "after-call", "recorded-prompt")),
            Map.entry("offer-callback", List.of("prompt", "accept-key", "timeout", "window", "alert-on-duty",
                    "reason", "confirmed", "callback-number", "callback-when", "accepted", "declined")),
            Map.entry("announce-outage", List.of("prompt", "until", "no-estimate", "next")),
            Map.entry("transfer", List.of("endpoint")),
            Map.entry("rating", List.of("prompt", "timeout", "thanks", "next")),
            Map.entry("hangup", List.of("prompt", "outcome")),
            Map.entry("goto", List.of("target")));

    private final List<FlowProblem> problems = new ArrayList<>();
    private final String file;

    private FlowLoader(String file) {
        this.file = file;
    }

    /** The node kinds a flow may use. */
    public static java.util.Set<String> kinds() {
        return new java.util.TreeSet<>(FIELDS.keySet());
    }

    /** Loads a flow and its prompts. @throws FlowException listing every problem found */
    public static Flow load(Path flowFile) {
        Result r = read(flowFile);
        if (!r.problems().isEmpty()) throw new FlowException(r.problems());
        return r.flow().orElseThrow();
    }

    /** What reading a flow gave: the flow when it could be built, and the problems (possibly several). */
    public record Result(Optional<Flow> flow, List<FlowProblem> problems) {}

    public static Result read(Path flowFile) {
        FlowLoader l = new FlowLoader(flowFile.toString());
        Flow flow = l.readFlow(flowFile);
        List<FlowProblem> ps = new ArrayList<>(l.problems);
        java.util.Collections.sort(ps);
        return new Result(Optional.ofNullable(flow), ps);
    }

    private static Node compose(Path path, String display, List<FlowProblem> problems) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new FlowProblem(new Position(display, 1, 1), "cannot read: " + e.getMessage()));
            return null;
        }
        try {
            Optional<Node> n = new Compose(LoadSettings.builder().setLabel(display).build()).composeString(text);
            if (n.isEmpty()) problems.add(new FlowProblem(new Position(display, 1, 1), "the file is empty"));
            return n.orElse(null);
        } catch (MarkedYamlEngineException e) {
            Position p = e.getProblemMark().map(m -> YamlSection.pos(display, m)).orElse(new Position(display, 1, 1));
            problems.add(new FlowProblem(p, "YAML syntax: " + e.getProblem()));
            return null;
        } catch (YamlEngineException e) {
            problems.add(new FlowProblem(new Position(display, 1, 1), "YAML syntax: " + e.getMessage()));
            return null;
        }
    }

    private Flow readFlow(Path path) {
        Node root = compose(path, file, problems);
        if (root == null) return null;
        YamlSection top = new YamlSection(file, root, problems);
        if (!top.isMapping()) {
            top.problem(root, "a flow file must be a mapping with flow, languages, start and nodes");
            return null;
        }
        String name = top.string("flow", true);
        Position namePos = top.has("flow") ? YamlSection.pos(file, top.value("flow")) : top.pos();
        List<Language> languages = languages(top);
        Position languagesPos = top.has("languages") ? YamlSection.pos(file, top.value("languages")) : top.pos();
        Language defaultLanguage = languages.isEmpty() ? Language.EN : languages.get(0);
        String def = top.string("default-language", false);
        if (def != null) {
            defaultLanguage = language(top.value("default-language"), def);
            if (defaultLanguage != null && !languages.contains(defaultLanguage)) {
                top.problem(top.value("default-language"), "default-language " + def + " is not in languages");
            }
        }
        String promptsDir = Optional.ofNullable(top.string("prompts", false)).orElse("prompts");
        Target start = top.target("start", true);
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        YamlSection nodesSection = top.section("nodes");
        if (nodesSection == null) {
            if (!top.has("nodes")) top.problem(root, "missing field 'nodes'");
        } else {
            for (Map.Entry<String, NodeTuple> e : nodesSection.entries().entrySet()) {
                FlowNode n = node(e.getKey(), e.getValue());
                if (n != null) nodes.put(e.getKey(), n);
            }
        }
        top.rejectUnknown("the flow", List.of("flow", "languages", "default-language", "prompts", "start", "nodes"));
        Path dir = Optional.ofNullable(path.getParent()).orElse(Path.of("."));
        Prompts prompts = readPrompts(dir.resolve(promptsDir), languages, languagesPos);
        if (name == null || start == null) return null;
        return new Flow(name, file, namePos, start, languages, languagesPos,
                defaultLanguage == null ? Language.EN : defaultLanguage, nodes, prompts);
    }

    private List<Language> languages(YamlSection top) {
        Node v = top.value("languages");
        List<Language> out = new ArrayList<>();
        if (v == null) {
            top.problem(top.pos(), "missing field 'languages'");
            return out;
        }
        List<Node> items = v instanceof SequenceNode s ? s.getValue() : List.of(v);
        for (Node item : items) {
            Language l = item instanceof ScalarNode s ? language(item, s.getValue()) : null;
            if (l != null && !out.contains(l)) out.add(l);
        }
        if (out.isEmpty()) top.problem(v, "languages must list at least one of en, ru, lt, pl, sl");
        return out;
    }

    private Language language(Node at, String code) {
        try {
            return Language.of(code);
        } catch (IllegalArgumentException e) {
            problems.add(new FlowProblem(YamlSection.pos(file, at), e.getMessage()));
            return null;
        }
    }

    private FlowNode node(String id, NodeTuple tuple) {
        YamlSection s = new YamlSection(file, tuple.getValueNode(), problems);
        Position pos = YamlSection.pos(file, tuple.getKeyNode());
        if (!s.isMapping()) {
            s.problem(tuple.getValueNode(), "node '" + id + "' must be a mapping with a 'kind'");
            return null;
        }
        String kind = s.string("kind", true);
        if (kind == null) return null;
        List<String> fields = FIELDS.get(kind);
        if (fields == null) {
            s.problem(s.value("kind"), "unknown node kind '" + kind + "' (known: " + String.join(", ", kinds()) + ")");
            return null;
        }
        FlowNode n = build(id, pos, kind, s);
        List<String> allowed = new ArrayList<>(fields);
        allowed.add("kind");
        s.rejectUnknown(kind + " node '" + id + "'", allowed);
        return n;
    }

    private FlowNode build(String id, Position pos, String kind, YamlSection s) {
        switch (kind) {
            case "play":
                return new FlowNode.Play(id, pos, s.prompts("prompt", true), s.target("next", false));
            case "say-digits":
                return new FlowNode.SayDigits(id, pos, s.string("var", true), s.target("next", false));
            case "menu":
                return new FlowNode.Menu(id, pos, s.prompts("prompt", true), s.integer("digits", 1, 1, 20),
                        s.duration("timeout", Duration.ofSeconds(5)), s.integer("retries", 2, 0, 10),
                        s.prompt("invalid", "invalid"), choices(s), s.target("on-fail", false));
            case "input":
                return new FlowNode.Input(id, pos, s.prompts("prompt", true), s.integer("max-digits", 10, 1, 30),
                        s.duration("timeout", Duration.ofSeconds(10)), s.integer("retries", 2, 0, 10),
                        s.prompt("invalid", "invalid"), s.string("var", true), s.target("next", false),
                        s.target("on-fail", false), s.target("on-skip", false));
            case "lookup-caller": {
                String by = Optional.ofNullable(s.string("by", true)).orElse("number");
                FlowNode.LookupBy lb = by.equals("contract") ? FlowNode.LookupBy.CONTRACT : FlowNode.LookupBy.NUMBER;
                if (!by.equals("number") && !by.equals("contract")) {
                    s.problem(s.value("by"), "'by' must be number or contract, not '" + by + "'");
                }
                String var = s.string("var", lb == FlowNode.LookupBy.CONTRACT);
                return new FlowNode.LookupCaller(id, pos, lb, var, s.target("found", false), s.target("not-found", false));
            }
            case "verify":
                return new FlowNode.Verify(id, pos, s.prompts("prompt", true), s.integer("attempts", 3, 1, 10),
                        s.duration("timeout", Duration.ofSeconds(10)), s.prompt("wrong", "pin-wrong"),
                        s.prompt("locked", "pin-locked"), s.target("ok", true), s.target("failed", false));
            case "send-sms": {
                String template = s.string("template", true);
                String purpose = Optional.ofNullable(s.string("purpose", false)).orElse(template);
                return new FlowNode.SendSms(id, pos, template, purpose, s.bool("secret", true),
                        s.target("sent", false), s.target("no-mobile", false), s.target("failed", false));
            }
            case "set":
                return set(id, pos, s);
            case "branch": {
                String cond = s.string("if", true);
                Condition c = cond == null ? null : Condition.ofYaml(cond);
                if (cond != null && c == null) {
                    s.problem(s.value("if"), "unknown condition '" + cond + "' (known: identified, verified, "
                            + "has-mobile, open, outage, wait-above)");
                }
                Duration threshold = s.duration("threshold", null);
                if (c == Condition.WAIT_ABOVE && threshold == null && !s.has("threshold")) {
                    s.problem(s.keyNode("if"), "wait-above needs a 'threshold' like 5m");
                }
                return new FlowNode.Branch(id, pos, c, threshold, s.target("then", false), s.target("else", false));
            }
            case "enqueue":
                return new FlowNode.Enqueue(id, pos, s.prompts("prompt", false),
                        s.duration("announce-every", Duration.ofSeconds(60)),
                        new FlowNode.HoldPrompts(s.prompt("position-prompt", "queue-position"),
                                s.prompt("wait-prompt", "queue-wait"), s.prompt("minutes-prompt", null),
                                s.prompt("callback-offer", "queue-callback-offer"),
                                new FlowNode.CallbackConfirmation(s.prompt("callback-confirmed", "callback-confirmed"),
                                        s.prompt("callback-number", "callback-number"),
                                        s.prompt("callback-when", "callback-when-turn"))),
                        s.target("after-call", false), s.prompt("recorded-prompt", null));
            case "offer-callback": {
                String window = Optional.ofNullable(s.string("window", false)).orElse("asap");
                if (!window.equals("asap") && !window.equals("next-opening")) {
                    s.problem(s.value("window"), "'window' must be asap or next-opening, not '" + window + "'");
                }
                String key = Optional.ofNullable(s.string("accept-key", false)).orElse("1");
                if (!key.matches("[0-9*#]")) s.problem(s.value("accept-key"), "'accept-key' must be one key");
                return new FlowNode.OfferCallback(id, pos, s.prompts("prompt", true), key,
                        s.duration("timeout", Duration.ofSeconds(5)),
                        window.equals("next-opening") ? FlowNode.Window.NEXT_OPENING : FlowNode.Window.ASAP,
                        s.bool("alert-on-duty", false), Optional.ofNullable(s.string("reason", false)).orElse("callback"),
                        new FlowNode.CallbackConfirmation(s.prompt("confirmed", "callback-confirmed"),
                                s.prompt("callback-number", "callback-number"), s.prompt("callback-when",
                                        window.equals("next-opening") ? "callback-when-next-day" : "callback-when-asap")),
                        s.target("accepted", false),
                        s.target("declined", false));
            }
            case "announce-outage":
                return new FlowNode.AnnounceOutage(id, pos, s.prompts("prompt", true),
                        s.prompt("until", "outage-until"), s.prompt("no-estimate", "outage-no-estimate"),
                        s.target("next", false));
            case "transfer":
                return new FlowNode.Transfer(id, pos, Optional.ofNullable(s.string("endpoint", true)).orElse(""));
            case "rating":
                return new FlowNode.Rating(id, pos, s.prompts("prompt", true), s.duration("timeout", Duration.ofSeconds(5)),
                        s.prompt("thanks", null), s.target("next", false));
            case "hangup":
                return new FlowNode.Hangup(id, pos, s.prompts("prompt", false), s.string("outcome", false));
            case "goto":
                return new FlowNode.Goto(id, pos, s.target("target", true));
            default:
                throw new IllegalStateException(kind);
        }
    }

    private Map<String, FlowNode.Choice> choices(YamlSection s) {
        Map<String, FlowNode.Choice> out = new LinkedHashMap<>();
        YamlSection c = s.section("choices");
        if (c == null) {
            if (!s.has("choices")) s.problem(s.pos(), "missing field 'choices'");
            return out;
        }
        for (Map.Entry<String, NodeTuple> e : c.entries().entrySet()) {
            String key = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            if (!key.matches("[0-9*#]+")) {
                c.problem(keyNode, "a choice must be keys 0-9, * or #, not '" + key + "'");
                continue;
            }
            Node v = e.getValue().getValueNode();
            if (v instanceof ScalarNode sc) {
                out.put(key, new FlowNode.Choice(sc.getValue(), new Target(sc.getValue(), YamlSection.pos(file, v))));
            } else {
                YamlSection cs = new YamlSection(file, v, problems);
                if (!cs.isMapping()) {
                    c.problem(v, "choice '" + key + "' must be a node id or {goto: id, label: text}");
                    continue;
                }
                Target t = cs.target("goto", true);
                String label = Optional.ofNullable(cs.string("label", false)).orElse(t == null ? key : t.id());
                cs.rejectUnknown("choice '" + key + "'", List.of("goto", "label"));
                out.put(key, new FlowNode.Choice(label, t));
            }
        }
        if (out.isEmpty()) s.problem(s.value("choices"), "a menu needs at least one choice");
        return out;
    }

    private FlowNode set(String id, Position pos, YamlSection s) {
        Intent intent = null;
        String i = s.string("intent", false);
        if (i != null) {
            try {
                intent = Intent.valueOf(i.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                s.problem(s.value("intent"), "unknown intent '" + i + "' (expected technical, sales or general)");
            }
        }
        Integer priority = s.has("priority") ? s.integer("priority", 3, 1, 3) : null;
        Tier tier = null;
        String t = s.string("tier", false);
        if (t != null) {
            try {
                tier = Tier.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                s.problem(s.value("tier"), "unknown tier '" + t + "' (expected line1, line2 or line3)");
            }
        }
        String language = s.string("language", false);
        if (language != null && !language.equals("customer")) {
            if (language(s.value("language"), language) == null) language = null;
        }
        String outcome = s.string("outcome", false);
        return new FlowNode.Set(id, pos, intent, priority, tier, language, outcome, s.target("next", false));
    }

    private Prompts readPrompts(Path dir, List<Language> languages, Position languagesPos) {
        Map<Language, Map<String, Prompts.Text>> texts = new LinkedHashMap<>();
        Map<Language, Map<String, Prompts.Text>> sms = new LinkedHashMap<>();
        Map<Language, String> files = new LinkedHashMap<>();
        for (Language lang : languages) {
            Path p = dir.resolve(lang.code() + ".yaml");
            String display = p.toString();
            files.put(lang, display);
            if (!Files.exists(p)) {
                problems.add(new FlowProblem(languagesPos, "prompt file " + display + " for "
                        + lang.code() + " is missing"));
                continue;
            }
            Node root = compose(p, display, problems);
            if (root == null) continue;
            YamlSection top = new YamlSection(display, root, problems);
            texts.put(lang, textMap(top.section("prompts")));
            sms.put(lang, textMap(top.section("sms")));
            top.rejectUnknown("a prompt file", List.of("prompts", "sms"));
        }
        return new Prompts(texts, sms, files);
    }

    private Map<String, Prompts.Text> textMap(YamlSection s) {
        Map<String, Prompts.Text> out = new LinkedHashMap<>();
        if (s == null) return out;
        for (Map.Entry<String, NodeTuple> e : s.entries().entrySet()) {
            Node v = e.getValue().getValueNode();
            Position at = YamlSection.pos(s.file(), e.getValue().getKeyNode());
            if (v instanceof ScalarNode sc && !sc.getValue().isBlank()) {
                out.put(e.getKey(), new Prompts.Text(sc.getValue().trim(), at));
            } else {
                s.problem(v, "prompt '" + e.getKey() + "' must be a non-empty text");
            }
        }
        return out;
    }
}
