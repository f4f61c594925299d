package dev.frontline.server.asterisk;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code asterisk:} section of frontline.yaml, validated.
 *
 * @param bind         address the FastAGI server listens on
 * @param allowedHosts the Asterisk hosts allowed to connect (resolved at start); others are closed, counted, logged
 * @param poolCore     threads kept alive; one live channel in our script holds one thread
 * @param poolMax      most concurrent channels; connection {@code poolMax + 1} is refused and counted
 * @param soundsDir    where {@code sounds/} is installed on the PBX (STREAM FILE paths start here)
 * @param ringTimeout  how long an operator's phone rings before ring-no-answer; below {@code acd.ring-timeout}, so
 *                     the PBX's NOANSWER reaches the ACD before the ACD's own timer requeues the caller
 * @param holdPoll     the longest a waiting caller's thread waits for a key before checking for a connect
 * @param mohClass     Asterisk music-on-hold class played while waiting
 * @param dialOptions  Dial options ({@code g} keeps the caller after the operator hangs up, e.g. for a rating)
 * @param ami          the first PBX's AMI settings (the only one's in a single-PBX configuration)
 * @param pbxs         the PBXs (ADR 0141); a single-PBX configuration ({@code asterisk.ami}, {@code allowed-hosts})
 *                     is a list of one named {@value #SINGLE_PBX}. Empty here means "that one, from {@code ami} and
 *                     {@code allowedHosts}"; otherwise {@code ami} and {@code allowedHosts} are derived from the list.
 */
public record AsteriskConfig(boolean enabled, InetAddress bind, int port, List<InetAddress> allowedHosts,
                             int poolCore, int poolMax, String soundsDir, Duration ringTimeout, Duration holdPoll,
                             String mohClass, String dialOptions, Ami ami, List<Pbx> pbxs) {

    /** The {@code trunks} key for every PBX without a trunk of its own (e.g. the trunk to a hub PBX). */
    public static final String ANY_PBX = "*";
    /** The name of the one PBX of a single-PBX configuration. */
    public static final String SINGLE_PBX = "default";
    private static final java.util.regex.Pattern PBX_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final java.util.regex.Pattern DIAL_TEMPLATE =
            java.util.regex.Pattern.compile("[A-Za-z0-9_./@:+{}-]+");

    public AsteriskConfig {
        Objects.requireNonNull(bind, "bind");
        if (pbxs == null || pbxs.isEmpty()) {
            Objects.requireNonNull(ami, "ami");
            pbxs = List.of(new Pbx(SINGLE_PBX, ami, allowedHosts, List.of(), Map.of()));
        } else {
            pbxs = List.copyOf(pbxs);
            ami = pbxs.get(0).ami();
            java.util.LinkedHashSet<InetAddress> union = new java.util.LinkedHashSet<>();
            for (Pbx p : pbxs) {
                union.addAll(p.agiHosts());
            }
            allowedHosts = List.copyOf(union);
        }
        allowedHosts = List.copyOf(allowedHosts);
        if (poolMax < poolCore) {
            throw new ConfigException("asterisk.pool-max", "must be >= pool-core (" + poolCore + "), not " + poolMax);
        }
        soundsDir = soundsDir.endsWith("/") ? soundsDir.substring(0, soundsDir.length() - 1) : soundsDir;
    }

    /**
     * AMI connection settings.
     *
     * @param secret from {@code asterisk.ami.secret} or the environment variable {@code FRONTLINE_AMI_SECRET}
     */
    public record Ami(boolean enabled, String host, int port, String user, String secret, String callbackContext,
                      Duration reconnectMin, Duration reconnectMax) {
        public Ami {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Ami[" + user + "@" + host + ":" + port + ", enabled=" + enabled + "]";
        }
    }

    /**
     * One PBX (an item of {@code asterisk.pbxs}).
     *
     * @param name     what alerts, logs and the dialplan's {@code ?pbx=NAME} call it
     * @param agiHosts the addresses its FastAGI connections come from
     * @param phones   patterns ({@code *}, {@code ?}) of the operator endpoints on this PBX; empty: every endpoint no
     *                 earlier PBX claims
     * @param trunks   by the other PBX's name ({@value #ANY_PBX}: any other without its own entry, e.g. a hub's
     *                 trunk): how this PBX dials a phone there, {@code {phone}} standing for the part
     *                 of the endpoint after its technology ({@code IAX2/to-b/{phone}} dials {@code PJSIP/op200} as
     *                 {@code IAX2/to-b/op200}); a template without {@code {phone}} gets {@code /<phone>} appended
     */
    public record Pbx(String name, Ami ami, List<InetAddress> agiHosts, List<String> phones, Map<String, String> trunks) {
        public Pbx {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ami, "ami");
            agiHosts = List.copyOf(agiHosts);
            phones = List.copyOf(phones);
            trunks = Map.copyOf(trunks);
        }

        /** True when {@code endpoint} matches one of {@link #phones} (case-insensitive), or there are none. */
        public boolean claims(String endpoint) {
            if (phones.isEmpty()) {
                return true;
            }
            String e = endpoint == null ? "" : endpoint.trim();
            return phones.stream().anyMatch(p -> glob(p).matcher(e).matches());
        }

        private static java.util.regex.Pattern glob(String pattern) {
            StringBuilder re = new StringBuilder();
            for (char c : pattern.trim().toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.CASE_INSENSITIVE);
        }
    }

    /** The PBX an operator's phone is on: the first whose {@code phones} claim it (the first PBX when none does). */
    public Pbx phoneOwner(String endpoint) {
        return pbxs.stream().filter(p -> p.claims(endpoint)).findFirst().orElse(pbxs.get(0));
    }

    public Optional<Pbx> pbx(String name) {
        return pbxs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * How PBX {@code from} dials {@code endpoint}: itself when the phone is on {@code from}, else through
     * {@code from}'s trunk to the phone's PBX; empty when {@code from} has no trunk there.
     */
    public Optional<String> dialFrom(String from, String endpoint) {
        Pbx owner = phoneOwner(endpoint);
        if (owner.name().equals(from) || pbxs.size() == 1) {
            return Optional.of(endpoint);
        }
        return pbx(from).map(p -> p.trunks().getOrDefault(owner.name(), p.trunks().get(ANY_PBX))).map(t -> {
            String e = endpoint.trim();
            String phone = e.substring(e.indexOf('/') + 1);
            return t.contains("{phone}") ? t.replace("{phone}", phone) : t + "/" + phone;
        });
    }

    /**
     * The PBX a FastAGI connection from {@code remote} belongs to: the one it names ({@code ?pbx=NAME} in the
     * dialplan's AGI URL) when that PBX lists {@code remote} in its {@code agi-hosts}; else the only PBX listing
     * {@code remote}. Empty when the named PBX does not list {@code remote}, or several do and none is named.
     */
    public Optional<Pbx> pbxOf(InetAddress remote, String named) {
        List<Pbx> from = pbxs.stream().filter(p -> p.agiHosts().contains(remote)).toList();
        if (named != null && !named.isBlank()) {
            return from.stream().filter(p -> p.name().equals(named.trim())).findFirst();
        }
        return from.size() == 1 ? Optional.of(from.get(0)) : Optional.empty();
    }

    /** Defaults for a loopback PBX (tests and a PBX on the same machine). */
    public static AsteriskConfig defaults() {
        return from(new ConfigNode("asterisk", Map.of()), Map.of());
    }

    /** The {@code asterisk:} section of the loaded configuration; {@code FRONTLINE_AMI_SECRET} wins over the file. */
    public static AsteriskConfig from(FrontlineConfig config) {
        return from(config.section("asterisk"), name -> config.env(name).orElse(null));
    }

    /** Reads and validates the section; {@code env} may supply {@code FRONTLINE_AMI_SECRET}, which wins. */
    public static AsteriskConfig from(ConfigNode node, Map<String, String> env) {
        return from(node, env::get);
    }

    /**
     * The environment variable holding PBX {@code name}'s AMI secret: {@code FRONTLINE_AMI_SECRET_<NAME>}, upper
     * case, {@code -} as {@code _}.
     */
    public static String secretVariable(String pbxName) {
        return FrontlineConfig.ENV_AMI_SECRET + "_" + pbxName.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private static AsteriskConfig from(ConfigNode node, java.util.function.Function<String, String> env) {
        boolean enabled = node.bool("enabled", false);
        InetAddress bind = address(node.key("bind"), node.string("bind", "127.0.0.1"));
        int port = node.integer("port", 4573, 0, 65535);
        List<ConfigNode> pbxNodes = node.sections("pbxs");
        if (!pbxNodes.isEmpty() && (node.has("ami") || node.has("allowed-hosts"))) {
            throw new ConfigException(node.key("pbxs"), "give either a list of PBXs or the single PBX's "
                    + node.key("ami") + " and " + node.key("allowed-hosts") + ", not both");
        }
        if (node.has("pbxs") && pbxNodes.isEmpty()) {
            throw new ConfigException(node.key("pbxs"), "must list at least one PBX");
        }
        List<InetAddress> allowed = hosts(node, "allowed-hosts");
        int core = node.integer("pool-core", 10, 1, 100_000);
        int max = node.integer("pool-max", 4000, 1, 100_000);
        String sounds = node.string("sounds", "/var/lib/asterisk/sounds/frontline");
        if (sounds.isBlank() || sounds.contains("\"") || sounds.contains(" ")) {
            throw new ConfigException(node.key("sounds"), "must be a path without spaces or quotes, not '" + sounds + "'");
        }
        Duration ring = positive(node, "ring-timeout", Duration.ofSeconds(12));
        Duration poll = positive(node, "hold-poll", Duration.ofSeconds(1));
        String moh = node.string("moh-class", "default");
        String dialOptions = node.string("dial-options", "tTg");
        if (!dialOptions.matches("[A-Za-z()0-9^_-]*")) {
            throw new ConfigException(node.key("dial-options"), "must be Dial option letters, not '" + dialOptions + "'");
        }
        Ami ami = pbxNodes.isEmpty() ? ami(node.section("ami"), enabled, env, null) : null;
        List<Pbx> pbxs = new ArrayList<>();
        for (ConfigNode p : pbxNodes) {
            String name = p.requiredString("name").trim();
            if (!PBX_NAME.matcher(name).matches()) {
                throw new ConfigException(p.key("name"), "must be 1-32 lower-case letters, digits or '-' (it is the "
                        + "dialplan's ?pbx=NAME), not '" + name + "'");
            }
            if (pbxs.stream().anyMatch(o -> o.name().equals(name))) {
                throw new ConfigException(p.key("name"), "'" + name + "' names an earlier PBX too");
            }
            if (!p.has("agi-hosts")) {
                throw new ConfigException(p.key("agi-hosts"), "is required: the addresses PBX '" + name
                        + "' connects to FastAGI from");
            }
            List<InetAddress> agiHosts = hosts(p, "agi-hosts");
            List<String> phones = p.strings("phones", List.of());
            for (String glob : phones) {
                if (glob.isBlank()) {
                    throw new ConfigException(p.key("phones"), "has an empty pattern");
                }
            }
            ConfigNode t = p.section("trunks");
            Map<String, String> trunks = new java.util.LinkedHashMap<>();
            for (String to : t.keys()) {
                String template = t.string(to, "").trim();
                if (!DIAL_TEMPLATE.matcher(template).matches()) {
                    throw new ConfigException(t.key(to), "must be a dial string such as IAX2/to-" + to
                            + "/{phone}, not '" + template + "'");
                }
                trunks.put(to, template);
            }
            pbxs.add(new Pbx(name, ami(p.section("ami"), enabled, env, name), agiHosts, phones, trunks));
            p.rejectUnknownKeys();
        }
        for (int i = 0; i < pbxs.size(); i++) {
            for (String to : pbxs.get(i).trunks().keySet()) {
                if (!to.equals(ANY_PBX) && (to.equals(pbxs.get(i).name())
                        || pbxs.stream().noneMatch(o -> o.name().equals(to)))) {
                    throw new ConfigException(pbxNodes.get(i).key("trunks") + "." + to, "names no other PBX (known: "
                            + String.join(", ", pbxs.stream().map(Pbx::name).toList()) + ")");
                }
            }
        }
        node.rejectUnknownKeys();
        return new AsteriskConfig(enabled, bind, port, allowed, core, max, sounds, ring, poll, moh, dialOptions, ami,
                pbxs);
    }

    /** An {@code ami:} section; {@code pbx} null for the single PBX's (whose secret is FRONTLINE_AMI_SECRET). */
    private static Ami ami(ConfigNode a, boolean enabled, java.util.function.Function<String, String> env, String pbx) {
        Optional<String> fromFile = a.optionalString("secret");
        String own = pbx == null ? null : secretVariable(pbx);
        String secret = Optional.ofNullable(own == null ? null : env.apply(own)).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(env.apply(FrontlineConfig.ENV_AMI_SECRET)).filter(v -> !v.isBlank()))
                .or(() -> fromFile).orElse("");
        boolean amiEnabled = a.bool("enabled", true);
        if (enabled && amiEnabled && secret.isEmpty()) {
            throw new ConfigException(a.key("secret"), "is required (or set " + (own == null ? "" : own + " or ")
                    + FrontlineConfig.ENV_AMI_SECRET + ")");
        }
        Ami ami = new Ami(amiEnabled, a.string("host", "127.0.0.1"), a.integer("port", 5038, 1, 65535),
                a.string("user", "frontline"), secret, a.string("callback-context", "frontline-callbacks"),
                positive(a, "reconnect-min", Duration.ofSeconds(1)), positive(a, "reconnect-max", Duration.ofSeconds(30)));
        a.rejectUnknownKeys();
        return ami;
    }

    private static List<InetAddress> hosts(ConfigNode node, String key) {
        List<InetAddress> out = new ArrayList<>();
        for (String host : node.strings(key, List.of("127.0.0.1"))) {
            out.add(address(node.key(key), host));
        }
        if (out.isEmpty()) {
            throw new ConfigException(node.key(key), "must list at least one Asterisk host");
        }
        return out;
    }

    /** A copy listening on another port (tests bind port 0 and read the real one back). */
    public AsteriskConfig withPort(int newPort) {
        return new AsteriskConfig(enabled, bind, newPort, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout,
                holdPoll, mohClass, dialOptions, ami, pbxs);
    }

    public AsteriskConfig withPool(int core, int max) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, core, max, soundsDir, ringTimeout, holdPoll,
                mohClass, dialOptions, ami, pbxs);
    }

    /** A single-PBX copy whose PBX calls from {@code hosts}. */
    public AsteriskConfig withAllowedHosts(List<InetAddress> hosts) {
        return new AsteriskConfig(enabled, bind, port, hosts, poolCore, poolMax, soundsDir, ringTimeout, holdPoll,
                mohClass, dialOptions, ami, List.of());
    }

    public AsteriskConfig withHoldPoll(Duration poll) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout, poll,
                mohClass, dialOptions, ami, pbxs);
    }

    /** A single-PBX copy whose PBX has AMI settings {@code newAmi}. */
    public AsteriskConfig withAmi(Ami newAmi) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout,
                holdPoll, mohClass, dialOptions, newAmi, List.of());
    }

    /** A copy with these PBXs (their AGI hosts become the allow-list). */
    public AsteriskConfig withPbxs(List<Pbx> newPbxs) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout,
                holdPoll, mohClass, dialOptions, ami, newPbxs);
    }

    private static Duration positive(ConfigNode node, String name, Duration def) {
        Duration d = node.duration(name, def);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(node.key(name), "must be more than 0");
        }
        return d;
    }

    private static InetAddress address(String key, String host) {
        try {
            return InetAddress.getByName(host.trim());
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "unknown host '" + host + "'");
        }
    }
}
