package dev.frontline.core.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A section of the parsed YAML that knows its key path, so every error names the key. Section records read
 * their values through it in their {@code from(ConfigNode)} factories. Reading marks keys as used;
 * {@link #rejectUnknownKeys()} then fails on a misspelt key instead of silently ignoring it.
 */
public final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> used = new TreeSet<>();

    public ConfigNode(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values == null ? Map.of() : values;
    }

    public String path() {
        return path;
    }

    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The keys present in this section, in file order. */
    public java.util.List<String> keys() {
        return java.util.List.copyOf(values.keySet());
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    /** A sub-section; empty (all defaults) when absent. */
    @SuppressWarnings("unchecked")
    public ConfigNode section(String name) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return new ConfigNode(key(name), Map.of());
        }
        if (!(v instanceof Map)) {
            throw new ConfigException(key(name), "must be a section (key: value lines), not '" + v + "'");
        }
        return new ConfigNode(key(name), (Map<String, Object>) v);
    }

    /**
     * A list of sections ({@code - key: value} items), each named {@code path.name[i]} so an error names the item;
     * empty when absent.
     */
    @SuppressWarnings("unchecked")
    public List<ConfigNode> sections(String name) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key(name), "must be a list of sections ('- key: value' items), not '" + v + "'");
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof Map)) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a section (key: value lines), not '"
                        + item + "'");
            }
            out.add(new ConfigNode(key(name) + "[" + i + "]", (Map<String, Object>) item));
        }
        return List.copyOf(out);
    }

    public String string(String name, String def) {
        used.add(name);
        Object v = values.get(name);
        return v == null ? def : v.toString();
    }

    public Optional<String> optionalString(String name) {
        used.add(name);
        Object v = values.get(name);
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString());
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> new ConfigException(key(name), "is required"));
    }

    public int integer(String name, int def, int min, int max) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        int n;
        try {
            n = Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key(name), "must be a whole number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(key(name), "must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    public boolean bool(String name, boolean def) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("yes") || s.equals("on")) {
            return true;
        }
        if (s.equals("false") || s.equals("no") || s.equals("off")) {
            return false;
        }
        throw new ConfigException(key(name), "must be true or false, not '" + v + "'");
    }

    /** A duration written with its unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 1d}, {@code 1m30s}. */
    public Duration duration(String name, Duration def) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        return parseDuration(key(name), v.toString());
    }

    /** The longest duration any key takes (100 years): longer ones overflow in milliseconds or nanoseconds later. */
    public static final Duration MAX_DURATION = Duration.ofDays(36500);

    private static ConfigException tooLong(String key, String text) {
        return new ConfigException(key, "'" + text + "' is too long: at most " + MAX_DURATION.toDays() + "d");
    }

    /**
     * Parses {@code text} as a duration for {@code key}.
     *
     * @throws ConfigException naming {@code key} when it is not a duration or longer than {@link #MAX_DURATION}
     */
    public static Duration parseDuration(String key, String text) {
        String s = text.trim();
        Matcher m = DURATION.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            try {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (NumberFormatException | ArithmeticException tooLong) {
                throw tooLong(key, text);
            }
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new ConfigException(key, "must be a duration with a unit like 500ms, 30s, 5m, 24h, not '" + text + "'");
        }
        if (total.compareTo(MAX_DURATION) > 0) {
            throw tooLong(key, text);
        }
        return total;
    }

    public LocalTime time(String name, LocalTime def) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return LocalTime.parse(v.toString().trim().length() == 4 ? "0" + v.toString().trim() : v.toString().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(key(name), "must be a time of day like 08:00, not '" + v + "'");
        }
    }

    public List<String> strings(String name, List<String> def) {
        used.add(name);
        Object v = values.get(name);
        if (v == null) {
            return def;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }
        List<String> out = new ArrayList<>();
        for (String part : v.toString().split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    /** Fails on keys that no reader asked for (typos): call after reading a section. */
    public void rejectUnknownKeys() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                throw new ConfigException(key(k), "unknown key (known: " + String.join(", ", used) + ")");
            }
        }
    }
}
