package dev.frontline.server.cli;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --config FILE} option, as a picocli mixin: {@code @Mixin ConfigOption config;} then
 * {@code config.load()}. Without the option {@code ./frontline.yaml} is read when present, else the built-in
 * defaults; a named file that is missing is an error. Secrets are overridden from the process environment.
 */
public final class ConfigOption {
    public static final String DEFAULT_FILE = "frontline.yaml";

    @Option(names = "--config", paramLabel = "FILE",
            description = "configuration file (default: ./frontline.yaml when present, else built-in defaults)")
    Path file;

    /** @throws ConfigException naming the file or key that is wrong */
    public FrontlineConfig load() {
        return load(System.getenv(), Path.of(""));
    }

    FrontlineConfig load(Map<String, String> env, Path workingDir) {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file.toString(), "no such configuration file");
            }
            return FrontlineConfig.load(file, env);
        }
        Path local = workingDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(local) ? FrontlineConfig.load(local, env) : FrontlineConfig.defaults(env);
    }
}
