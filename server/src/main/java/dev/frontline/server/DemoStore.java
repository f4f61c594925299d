package dev.frontline.server;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.StoreException;
import dev.frontline.server.cli.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The demo's own SQLite file, filled with demo data on first use; every demo account gets the demo password. */
final class DemoStore {
    private static final Logger log = LoggerFactory.getLogger(DemoStore.class);

    private DemoStore() {}

    static Stores open(FrontlineConfig config, Path file, Clock clock) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                java.nio.file.Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create " + parent + ": " + e.getMessage(), e);
            }
        }
        return Stores.open(config, "jdbc:sqlite:" + file.toAbsolutePath(), clock);
    }

    /** Generates the demo desk when the store has no operators yet; returns the demo logins. */
    static List<FrontlineServer.DemoAccount> ensureDemoData(Stores stores, int customers, Clock clock) {
        if (stores.operators().all().isEmpty()) {
            log.info("demo store is empty: generating {} customers and the demo desk", customers);
            DemoDataGenerator.generate(stores, customers, clock);
            String hash = stores.slowHash().hash(FrontlineServer.DEMO_PASSWORD.toCharArray());
            stores.database().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE operators SET password_hash = ?")) {
                    ps.setString(1, hash);
                    return ps.executeUpdate();
                }
            });
        }
        return stores.operators().all().stream().filter(Operator::active)
                .sorted(Comparator.comparing((Operator o) -> o.role() == Operator.Role.SUPERVISOR ? 0 : 1)
                        .thenComparing(o -> o.id().value()))
                .map(o -> new FrontlineServer.DemoAccount(o.id().value(), o.name(),
                        o.role().name().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
