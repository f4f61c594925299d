package dev.frontline.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code frontline} command line: one process for the telephony adapters and the desktop API. */
@Command(name = "frontline", mixinStandardHelpOptions = true, version = "Frontline 0.1.0",
        description = "Open-source IVR and call centre: voice menu, priority queues, operator desktops.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ServeCommand.class,
                dev.frontline.server.flows.FlowsCommand.class,
                dev.frontline.server.cli.ImportCommand.class,
                dev.frontline.server.cli.OperatorsCommand.class,
                dev.frontline.server.cli.RetentionCommand.class,
                dev.frontline.server.cli.KbCommand.class,
                dev.frontline.server.cli.CustomersCommand.class,
                dev.frontline.server.cli.TicketsCommand.class,
                dev.frontline.server.cli.RotaCommand.class,
                dev.frontline.server.demo.DemoDataCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests run commands through it without exiting). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::userError);
        return cl;
    }

    /**
     * Bad configuration, an unreachable store or a port another process holds: one line naming what is wrong, exit 2
     * (a store {@code serve} cannot open: 69, so its systemd unit tries again; a SQLite file another server holds
     * stays 2), no stack trace.
     */
    private static int userError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof dev.frontline.core.config.ConfigException ce) {
            ce.problems().forEach(p -> cl.getErr().println("frontline: " + p.getMessage()));
            return 2;
        }
        if (e instanceof dev.frontline.core.store.StoreException) {
            cl.getErr().println("frontline: " + e.getMessage());
            boolean waitForIt = cl.getCommand() instanceof ServeCommand
                    && !(e instanceof dev.frontline.core.cluster.SqliteServerLock.InUse);
            return waitForIt ? ServeCommand.EXIT_STORE_UNAVAILABLE : 2;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                cl.getErr().println("frontline: cannot listen: " + e.getMessage()
                        + (t == e ? "" : " (" + t.getMessage() + ")") + "; is another frontline running?");
                return 2;
            }
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
