package dev.frontline.desktop.demo;

import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.server.FrontlineServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo server running in this process ({@link FrontlineServer} in demo mode: demo SQLite file, demo data and
 * traffic, the simulated line) on a free loopback port. The desktop reaches it over HTTP/WebSocket exactly like a
 * remote server; nothing else in the desktop touches server classes.
 */
public final class EmbeddedDemo implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedDemo.class);

    /** A demo login. */
    public record Account(String login, String password) {}

    private final FrontlineServer server;
    private final Account supervisor;
    private final Account operator;

    private EmbeddedDemo(FrontlineServer server, Account supervisor, Account operator) {
        this.server = server;
        this.supervisor = supervisor;
        this.operator = operator;
    }

    /**
     * Starts the demo server; returns once it listens. Reads {@code ./frontline.yaml} when present (flows, sounds,
     * demo traffic rate), else the built-in defaults.
     *
     * @param database the demo SQLite file (replaced by a fresh one with new demo data)
     */
    public static EmbeddedDemo start(Path database) {
        // A fresh demo every time: calls on the simulated line live in memory, so a demo file from an earlier run
        // would bring back operators "talking" on calls that no longer exist (and an older build's schema).
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reset the demo database " + database, e);
        }
        return startOnce(database);
    }

    private static EmbeddedDemo startOnce(Path database) {
        Map<String, String> env = System.getenv();
        Path yaml = Path.of("frontline.yaml");
        FrontlineConfig config = Files.isRegularFile(yaml) ? FrontlineConfig.load(yaml, env) : FrontlineConfig.defaults(env);
        FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.demo(database).withPort(0));
        try {
            return new EmbeddedDemo(server, account(server, "supervisor"), lineOneOperator(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Account account(FrontlineServer server, String role) {
        return server.demoAccount(role).map(a -> new Account(a.login(), FrontlineServer.DEMO_PASSWORD))
                .orElseThrow(() -> new IllegalStateException("the demo data has no " + role + " account"));
    }

    /**
     * The operator window should see calls: a line-1 operator (most calls are line 1), preferring one who speaks
     * English; any demo operator when the ACD cannot tell.
     */
    private static Account lineOneOperator(FrontlineServer server) {
        java.util.Set<String> operators = new java.util.HashSet<>();
        for (FrontlineServer.DemoAccount a : server.demoAccounts()) {
            if ("operator".equals(a.role())) operators.add(a.login());
        }
        java.util.Optional<String> pick = java.util.Optional.empty();
        try {
            // the simulated operators log in just after start: give the ACD's published picture a moment
            java.util.List<dev.frontline.core.acd.OperatorView> seen = server.acd().snapshot().operators();
            for (int i = 0; i < 50 && seen.size() < operators.size(); i++) {
                Thread.sleep(100);
                seen = server.acd().snapshot().operators();
            }
            pick = seen.stream()
                    .filter(o -> operators.contains(o.id().value()) && o.tiers().contains(Tier.LINE1))
                    .sorted(java.util.Comparator.comparing(o -> o.languages().contains(Language.EN) ? 0 : 1))
                    .map(o -> o.id().value()).findFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("no ACD snapshot to choose the demo operator", e);
        }
        return pick.map(login -> new Account(login, FrontlineServer.DEMO_PASSWORD))
                .orElseGet(() -> account(server, "operator"));
    }

    /** The server root, e.g. {@code http://127.0.0.1:40123/}. */
    public URI url() {
        return server.url();
    }

    public Account supervisor() {
        return supervisor;
    }

    public Account operator() {
        return operator;
    }

    @Override
    public void close() {
        server.close();
    }
}
