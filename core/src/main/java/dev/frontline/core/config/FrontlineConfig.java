package dev.frontline.core.config;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code frontline.yaml}, read once at start. The foundation sections ({@code store}, {@code desk},
 * {@code security}) are parsed and validated here; every other known top-level section is handed out raw through
 * {@link #section(String)} for its owner to parse into its own record (and to call
 * {@link ConfigNode#rejectUnknownKeys()}). An unknown top-level key fails with its name. Secrets may come from the
 * environment, which wins over the file: see {@link #secret}. Immutable, thread-safe.
 */
public final class FrontlineConfig {
    public static final String ENV_STORE_PASSWORD = "FRONTLINE_STORE_PASSWORD";
    public static final String ENV_AMI_SECRET = "FRONTLINE_AMI_SECRET";
    public static final String ENV_TWILIO_AUTH_TOKEN = "FRONTLINE_TWILIO_AUTH_TOKEN";
    /** Sections parsed by their owners. */
    public static final Set<String> RAW_SECTIONS = Set.of("acd", "asterisk", "twilio", "sms", "api", "sim", "flows", "recording",
            "cluster", "reports", "outages");
    private static final List<String> OWN_SECTIONS = List.of("store", "desk", "security");

    private final Optional<Path> source;
    private final Env env;
    private final StoreConfig store;
    private final DeskConfig desk;
    private final SecurityConfig security;
    private final Map<String, Map<String, Object>> raw;

    private FrontlineConfig(Optional<Path> source, Env env, StoreConfig store, DeskConfig desk, SecurityConfig security,
                            Map<String, Map<String, Object>> raw) {
        this.source = source;
        this.env = env;
        this.store = store;
        this.desk = desk;
        this.security = security;
        this.raw = raw;
    }

    /**
     * Reads {@code file}.
     *
     * @param env the process environment ({@code System.getenv()}), or a map in tests
     * @throws ConfigException naming the file (unreadable, not YAML) or the key (bad value)
     */
    public static FrontlineConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), env, Optional.of(file));
    }

    /** Every default, with secrets from {@code env}. */
    public static FrontlineConfig defaults(Map<String, String> env) {
        return parse("", "(built-in defaults)", env, Optional.empty());
    }

    /** Parses YAML text; {@code sourceName} appears in syntax errors. */
    public static FrontlineConfig parse(String yaml, String sourceName, Map<String, String> env) {
        return parse(yaml, sourceName, env, Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static FrontlineConfig parse(String yaml, String sourceName, Map<String, String> envMap, Optional<Path> source) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(sourceName).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(sourceName, "not valid YAML: " + e.getMessage());
        }
        if (doc != null && !(doc instanceof Map)) {
            throw new ConfigException(sourceName, "must be a YAML mapping of sections (store:, desk:, ...)");
        }
        Map<String, Object> top = doc == null ? Map.of() : (Map<String, Object>) doc;
        ConfigException.Check check = new ConfigException.Check();
        for (Object key : top.keySet()) {
            String k = String.valueOf(key);
            if (!OWN_SECTIONS.contains(k) && !RAW_SECTIONS.contains(k)) {
                check.problem(k, "unknown section (known: " + String.join(", ", known()) + ")");
            }
        }
        Env env = new Env(envMap == null ? Map.of() : Map.copyOf(envMap));
        ConfigNode root = new ConfigNode("", top);
        StoreConfig store = check.section(() -> StoreConfig.from(root.section("store"), env));
        DeskConfig desk = check.section(() -> DeskConfig.from(root.section("desk")));
        SecurityConfig security = check.section(() -> SecurityConfig.from(root.section("security")));
        Map<String, Map<String, Object>> raw = new LinkedHashMap<>();
        for (String name : RAW_SECTIONS) {
            check.section(() -> root.section(name)); // fails unless it is a mapping
            Object value = top.get(name);
            raw.put(name, value instanceof Map ? (Map<String, Object>) value : Map.of());
        }
        check.done();
        return new FrontlineConfig(source, env, store, desk, security, raw);
    }

    private static List<String> known() {
        List<String> all = new java.util.ArrayList<>(OWN_SECTIONS);
        all.addAll(new java.util.TreeSet<>(RAW_SECTIONS));
        return all;
    }

    /** The file read, or empty for built-in defaults. */
    public Optional<Path> source() {
        return source;
    }

    public StoreConfig store() {
        return store;
    }

    public DeskConfig desk() {
        return desk;
    }

    public SecurityConfig security() {
        return security;
    }

    /**
     * The raw section {@code name} (one of {@link #RAW_SECTIONS}); empty (all defaults) when absent. A fresh reader
     * each call: read it, then call {@link ConfigNode#rejectUnknownKeys()}.
     */
    public ConfigNode section(String name) {
        if (!RAW_SECTIONS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a raw section; known: " + RAW_SECTIONS);
        }
        return new ConfigNode(name, raw.get(name));
    }

    /** An environment variable, empty when unset or blank. */
    public Optional<String> env(String name) {
        return env.get(name);
    }

    /** A secret: the environment variable {@code envName} when set, else {@code key} of {@code section}. */
    public Optional<String> secret(ConfigNode section, String key, String envName) {
        return env.secret(section, key, envName);
    }

    /** The environment, looked up by name. */
    record Env(Map<String, String> vars) {
        Optional<String> get(String name) {
            String v = vars.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
        }

        Optional<String> secret(ConfigNode section, String key, String envName) {
            Optional<String> fromFile = section.optionalString(key);
            return get(envName).or(() -> fromFile);
        }
    }
}
