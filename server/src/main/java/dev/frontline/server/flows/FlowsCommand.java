package dev.frontline.server.flows;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontline flows ...}: work with voice-menu flows. */
@Command(name = "flows", mixinStandardHelpOptions = true, description = "Check voice-menu flows or simulate a call through one.",
        subcommands = {FlowsCheckCommand.class, FlowsSimulateCommand.class})
public final class FlowsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
