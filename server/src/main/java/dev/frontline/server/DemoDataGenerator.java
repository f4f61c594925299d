package dev.frontline.server;

import dev.frontline.server.cli.Stores;

import java.time.Clock;

/** Bridge to the demo-data generator (module foundation). */
final class DemoDataGenerator {
    private DemoDataGenerator() {}

    static void generate(Stores stores, int customers, Clock clock) {
        throw new IllegalStateException("the demo store is empty and this build has no demo-data generator yet: "
                + "run `frontline demo-data` against it first");
    }
}
