package dev.frontline.server;

import dev.frontline.core.api.Views;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.demo.DemoDataCommand;

import java.time.Clock;
import java.util.List;

/** Bridge to the demo-data generator: the same desk as {@code frontline demo-data}, seed 1. */
final class DemoDataGenerator {
    static final long SEED = 1;

    private DemoDataGenerator() {}

    static void generate(Stores stores, int customers, Clock clock) {
        DemoDataCommand.fill(stores, customers, SEED, clock.instant());
    }

    /** The test phone's sample callers of the desk {@link #generate} filled (none if the store was filled otherwise). */
    static List<Views.SampleCaller> sampleCallers(Stores stores, int customers, Clock clock) {
        return DemoDataCommand.sampleCallers(stores, customers, SEED, clock.instant());
    }
}
