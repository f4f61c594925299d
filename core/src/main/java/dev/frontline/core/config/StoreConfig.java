package dev.frontline.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code store:} where the data lives.
 *
 * @param url      {@code jdbc:sqlite:FILE} (default {@code jdbc:sqlite:data/frontline.db}, relative to the working
 *                 directory) or {@code jdbc:postgresql://host:port/db}
 * @param password from {@code store.password} or, winning, the environment variable {@code FRONTLINE_STORE_PASSWORD}
 * @param flowSessionRetention how long the voice-menu session of a finished call is kept ({@code flow_sessions})
 */
public record StoreConfig(String url, Optional<String> user, Optional<String> password,
                          java.time.Duration flowSessionRetention) {
    public static final java.time.Duration DEFAULT_FLOW_SESSION_RETENTION = java.time.Duration.ofDays(1);

    public static final String DEFAULT_URL = "jdbc:sqlite:data/frontline.db";

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("store.url", "must start with jdbc:sqlite: or jdbc:postgresql:, not '" + url + "'");
        }
        if (flowSessionRetention.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("store.flow-session-retention", "must be at least 1m, not " + flowSessionRetention);
        }
    }

    static StoreConfig from(ConfigNode n, FrontlineConfig.Env env) {
        StoreConfig c = new StoreConfig(n.string("url", DEFAULT_URL).trim(), n.optionalString("user"),
                env.secret(n, "password", FrontlineConfig.ENV_STORE_PASSWORD),
                n.duration("flow-session-retention", DEFAULT_FLOW_SESSION_RETENTION));
        n.rejectUnknownKeys();
        return c;
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + url + ", user=" + user.orElse("") + ", password=" + (password.isPresent() ? "***" : "") + "]";
    }
}
