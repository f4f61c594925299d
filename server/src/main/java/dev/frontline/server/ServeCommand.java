package dev.frontline.server;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.server.cli.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code frontline serve [--config FILE] [--demo]}: runs the server until Ctrl-C / SIGTERM, then stops gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Frontline: store, ACD, voice menu, the enabled backends (asterisk, twilio, sim) and the "
                + "desktop API, as configured.",
                "With --demo: a demo SQLite file (created with demo data when empty), the simulated line and demo "
                        + "traffic; every demo account's password is '" + FrontlineServer.DEMO_PASSWORD + "'."})
public final class ServeCommand implements Callable<Integer> {
    /** Exit status when another server took over the ACD (EX_TEMPFAIL: systemd's Restart=always starts it again). */
    public static final int EXIT_DEPOSED = 75;
    /**
     * Exit status when the store cannot be opened at start-up (EX_UNAVAILABLE: the database may come back, so systemd
     * starts it again); a wrong setting or a port another process holds exits 2, which the unit does not restart.
     */
    public static final int EXIT_STORE_UNAVAILABLE = 69;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--demo", description = "demo store, demo data, simulated line and demo traffic")
    boolean demo;

    @Option(names = "--demo-db", paramLabel = "FILE", defaultValue = "data/demo.db",
            description = "the demo SQLite file (default: ${DEFAULT-VALUE})")
    Path demoDb;

    @Option(names = "--port", paramLabel = "N", description = "overrides api.port (0 = any free port)")
    Integer port;

    @Option(names = "--no-traffic", description = "demo without generated callers (the test phone still works)")
    boolean noTraffic;

    @Option(names = "--calls-per-minute", paramLabel = "R", description = "overrides sim.demo.calls-per-minute")
    Double callsPerMinute;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        FrontlineConfig cfg = config.load();
        FrontlineServer.Options options = demo ? FrontlineServer.Options.demo(demoDb)
                : FrontlineServer.Options.production();
        if (port != null) {
            options = options.withPort(port);
        }
        options = options.withTraffic(demo && !noTraffic, Optional.ofNullable(callsPerMinute));
        FrontlineServer server = FrontlineServer.start(cfg, options);
        java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            exit.complete(0);
        }, "frontline-shutdown"));
        server.deposed().thenAccept(why -> { // another server leads now: stop; started again, this one waits as standby
            spec.commandLine().getErr().println("frontline: no longer the ACD leader (" + why + "); stopping");
            server.close();
            exit.complete(EXIT_DEPOSED);
        });
        out.println("Frontline is serving desktops at " + server.url() + "  (Ctrl-C stops it)");
        if (demo) {
            out.println("Demo logins (password '" + FrontlineServer.DEMO_PASSWORD + "'):");
            for (FrontlineServer.DemoAccount a : server.demoAccounts()) {
                out.printf("  %-8s %-11s %s%n", a.login(), a.role(), a.name());
            }
            out.println("Web callback form: " + server.url() + "callback");
        }
        out.flush();
        try {
            return exit.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
