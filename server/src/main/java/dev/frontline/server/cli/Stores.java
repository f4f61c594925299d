package dev.frontline.server.cli;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.config.SecurityConfig;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOperatorRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.core.store.JdbcPinVerifier;

import java.time.Clock;

/**
 * The store opened from configuration, with the foundation repositories wired to it. Commands open one, use it and
 * close it ({@code try (Stores s = Stores.open(config, Clock.systemUTC())) {...}}). Thread-safe.
 */
public final class Stores implements AutoCloseable {
    private final Database database;
    private final Clock clock;
    private final SlowHash hash;
    private final PhoneNumbers phones;
    private final SecurityConfig security;

    private Stores(Database database, Clock clock, SlowHash hash, PhoneNumbers phones, SecurityConfig security) {
        this.database = database;
        this.clock = clock;
        this.hash = hash;
        this.phones = phones;
        this.security = security;
    }

    /** Opens (and migrates) the database of {@code config.store()}. */
    public static Stores open(FrontlineConfig config, Clock clock) {
        return open(config, config.store().url(), clock);
    }

    /** Opens the database at {@code jdbcUrl} instead of {@code store.url} (the demo's own SQLite file). */
    public static Stores open(FrontlineConfig config, String jdbcUrl, Clock clock) {
        Database db = Database.open(jdbcUrl, config.store().user().orElse(null),
                config.store().password().orElse(null));
        return new Stores(db, clock, new SlowHash(config.security().hashCost()), config.desk().phoneNumbers(),
                config.security());
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public SlowHash slowHash() {
        return hash;
    }

    public PhoneNumbers phoneNumbers() {
        return phones;
    }

    public JdbcCustomerRepository customers() {
        return new JdbcCustomerRepository(database, clock);
    }

    public JdbcOperatorRepository operators() {
        return new JdbcOperatorRepository(database, hash, clock);
    }

    public JdbcOutageRepository outages() {
        return new JdbcOutageRepository(database);
    }

    public JdbcPinVerifier pins() {
        return new JdbcPinVerifier(database, hash, clock, security.pinAttempts(), security.pinLockout());
    }

    @Override
    public void close() {
        database.close();
    }
}
