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
 */
public record AsteriskConfig(boolean enabled, InetAddress bind, int port, List<InetAddress> allowedHosts,
                             int poolCore, int poolMax, String soundsDir, Duration ringTimeout, Duration holdPoll,
                             String mohClass, String dialOptions, Ami ami) {

    public AsteriskConfig {
        Objects.requireNonNull(bind, "bind");
        allowedHosts = List.copyOf(allowedHosts);
        Objects.requireNonNull(ami, "ami");
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

    /** Defaults for a loopback PBX (tests and a PBX on the same machine). */
    public static AsteriskConfig defaults() {
        return from(new ConfigNode("asterisk", Map.of()), Map.of());
    }

    /** The {@code asterisk:} section of the loaded configuration; {@code FRONTLINE_AMI_SECRET} wins over the file. */
    public static AsteriskConfig from(FrontlineConfig config) {
        Map<String, String> env = new java.util.HashMap<>();
        config.env(FrontlineConfig.ENV_AMI_SECRET).ifPresent(v -> env.put(FrontlineConfig.ENV_AMI_SECRET, v));
        return from(config.section("asterisk"), env);
    }

    /** Reads and validates the section; {@code env} may supply {@code FRONTLINE_AMI_SECRET}, which wins. */
    public static AsteriskConfig from(ConfigNode node, Map<String, String> env) {
        boolean enabled = node.bool("enabled", false);
        InetAddress bind = address(node.key("bind"), node.string("bind", "127.0.0.1"));
        int port = node.integer("port", 4573, 0, 65535);
        List<InetAddress> allowed = new ArrayList<>();
        for (String host : node.strings("allowed-hosts", List.of("127.0.0.1"))) {
            allowed.add(address(node.key("allowed-hosts"), host));
        }
        if (allowed.isEmpty()) {
            throw new ConfigException(node.key("allowed-hosts"), "must list at least one Asterisk host");
        }
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
        ConfigNode a = node.section("ami");
        Optional<String> fromFile = a.optionalString("secret");
        String secret = Optional.ofNullable(env.get(FrontlineConfig.ENV_AMI_SECRET)).filter(v -> !v.isBlank())
                .or(() -> fromFile).orElse("");
        boolean amiEnabled = a.bool("enabled", true);
        if (enabled && amiEnabled && secret.isEmpty()) {
            throw new ConfigException(a.key("secret"), "is required (or set FRONTLINE_AMI_SECRET)");
        }
        Ami ami = new Ami(amiEnabled, a.string("host", "127.0.0.1"), a.integer("port", 5038, 1, 65535),
                a.string("user", "frontline"), secret, a.string("callback-context", "frontline-callbacks"),
                positive(a, "reconnect-min", Duration.ofSeconds(1)), positive(a, "reconnect-max", Duration.ofSeconds(30)));
        a.rejectUnknownKeys();
        node.rejectUnknownKeys();
        return new AsteriskConfig(enabled, bind, port, allowed, core, max, sounds, ring, poll, moh, dialOptions, ami);
    }

    /** A copy listening on another port (tests bind port 0 and read the real one back). */
    public AsteriskConfig withPort(int newPort) {
        return new AsteriskConfig(enabled, bind, newPort, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout,
                holdPoll, mohClass, dialOptions, ami);
    }

    public AsteriskConfig withPool(int core, int max) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, core, max, soundsDir, ringTimeout, holdPoll,
                mohClass, dialOptions, ami);
    }

    public AsteriskConfig withAllowedHosts(List<InetAddress> hosts) {
        return new AsteriskConfig(enabled, bind, port, hosts, poolCore, poolMax, soundsDir, ringTimeout, holdPoll,
                mohClass, dialOptions, ami);
    }

    public AsteriskConfig withHoldPoll(Duration poll) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout, poll,
                mohClass, dialOptions, ami);
    }

    public AsteriskConfig withAmi(Ami newAmi) {
        return new AsteriskConfig(enabled, bind, port, allowedHosts, poolCore, poolMax, soundsDir, ringTimeout,
                holdPoll, mohClass, dialOptions, newAmi);
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
