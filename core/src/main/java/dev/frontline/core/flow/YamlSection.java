package dev.frontline.core.flow;

import dev.frontline.core.common.Language;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML mapping read with positions: every getter reports a problem at the offending node instead of throwing,
 * and {@link #rejectUnknown} reports keys nobody asked for.
 */
final class YamlSection {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String file;
    private final Node node;
    private final List<FlowProblem> problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> used = new TreeSet<>();

    YamlSection(String file, Node node, List<FlowProblem> problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null) {
                    problem(t.getKeyNode(), "keys must be plain names");
                } else if (entries.containsKey(key)) {
                    problem(t.getKeyNode(), "duplicate key '" + key + "'");
                } else {
                    entries.put(key, t);
                }
            }
        }
    }

    static Position pos(String file, Node n) {
        return n.getStartMark().map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new Position(file, 1, 1));
    }

    static Position pos(String file, Mark m) {
        return new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    String file() {
        return file;
    }

    Position pos() {
        return pos(file, node);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    void problem(Node at, String message) {
        problems.add(new FlowProblem(pos(file, at), message));
    }

    void problem(Position at, String message) {
        problems.add(new FlowProblem(at, message));
    }

    Map<String, NodeTuple> entries() {
        return entries;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node value(String key) {
        used.add(key);
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    /** A plain scalar; reports a problem and returns null when absent (if required) or not a scalar. */
    String string(String key, boolean required) {
        Node v = value(key);
        if (v == null) {
            if (required) problem(node, "missing field '" + key + "'");
            return null;
        }
        if (!(v instanceof ScalarNode s)) {
            problem(v, "'" + key + "' must be a single value");
            return null;
        }
        return s.getValue();
    }

    int integer(String key, int def, int min, int max) {
        String s = string(key, false);
        if (s == null) return def;
        try {
            int i = Integer.parseInt(s.trim());
            if (i < min || i > max) {
                problem(value(key), "'" + key + "' must be " + min + ".." + max + ", not " + i);
                return def;
            }
            return i;
        } catch (NumberFormatException e) {
            problem(value(key), "'" + key + "' must be a whole number, not '" + s + "'");
            return def;
        }
    }

    boolean bool(String key, boolean def) {
        String s = string(key, false);
        if (s == null) return def;
        if (s.equals("true") || s.equals("yes")) return true;
        if (s.equals("false") || s.equals("no")) return false;
        problem(value(key), "'" + key + "' must be true or false, not '" + s + "'");
        return def;
    }

    /** The longest wait a flow may ask for (a timeout, a pause). */
    static final Duration MAX_DURATION = Duration.ofHours(24);

    Duration duration(String key, Duration def) {
        String s = string(key, false);
        if (s == null) return def;
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0')) {
            problem(value(key), "'" + key + "' must be a positive duration like 500ms, 5s, 2m or 1h, not '" + s + "'");
            return def;
        }
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (NumberFormatException | ArithmeticException tooLong) {
            d = MAX_DURATION.plusHours(1);
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            problem(value(key), "'" + key + "' is too long: '" + s + "' (at most 24h)");
            return def;
        }
        return d;
    }

    Target target(String key, boolean required) {
        String s = string(key, required);
        return s == null ? null : new Target(s, pos(file, value(key)));
    }

    /** One prompt or a list of prompts; each {@code key} or {@code lang/key}. */
    List<PromptRef> prompts(String key, boolean required) {
        Node v = value(key);
        List<PromptRef> out = new ArrayList<>();
        if (v == null) {
            if (required) problem(node, "missing field '" + key + "'");
            return out;
        }
        List<Node> items = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
        for (Node item : items) {
            PromptRef p = promptRef(item);
            if (p != null) out.add(p);
        }
        return out;
    }

    PromptRef prompt(String key, String def) {
        Node v = value(key);
        if (v == null) return def == null ? null : new PromptRef(null, def, pos(file, node));
        return promptRef(v);
    }

    private PromptRef promptRef(Node item) {
        if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
            problem(item, "a prompt must be a prompt key like 'welcome' or 'en/welcome'");
            return null;
        }
        String text = s.getValue().trim();
        int slash = text.indexOf('/');
        if (slash < 0) return new PromptRef(null, text, pos(file, item));
        try {
            return new PromptRef(Language.of(text.substring(0, slash)), text.substring(slash + 1), pos(file, item));
        } catch (IllegalArgumentException e) {
            problem(item, e.getMessage());
            return null;
        }
    }

    YamlSection section(String key) {
        Node v = value(key);
        if (v == null) return null;
        if (!(v instanceof MappingNode)) {
            problem(v, "'" + key + "' must be a mapping (key: value lines)");
            return null;
        }
        return new YamlSection(file, v, problems);
    }

    void rejectUnknown(String what, List<String> allowed) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!used.contains(e.getKey()) && !allowed.contains(e.getKey())) {
                problem(e.getValue().getKeyNode(), "unknown field '" + e.getKey() + "' in " + what
                        + " (expected one of: " + String.join(", ", allowed) + ")");
            }
        }
    }
}
