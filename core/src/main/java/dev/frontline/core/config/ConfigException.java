package dev.frontline.core.config;

/** A configuration value is missing or wrong; the message starts with the key path, e.g. {@code acd.ring-timeout}. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
