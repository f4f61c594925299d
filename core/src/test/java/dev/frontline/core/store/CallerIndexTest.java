package dev.frontline.core.store;

import dev.frontline.core.common.Language;
import dev.frontline.core.customer.KnownCaller;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PinVerifier;
import dev.frontline.core.security.SlowHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory caller index over a real SQLite file; a second {@link Database} over the same file stands for another
 * process (the CLI's import): its changes are seen through the store's change counter, not this process's notes.
 */
class CallerIndexTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database db;
    private Database otherProcess;
    private JdbcCustomerRepository customers;
    private CallerIndex index;

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("callers.db"));
        otherProcess = Database.sqlite(dir.resolve("callers.db"));
        customers = new JdbcCustomerRepository(db, CLOCK);
        customers.insertAll(List.of(
                customer("1001", "+37060000001", List.of("+37052000001"), "Vilnius-1", Language.LT),
                customer("1002", null, List.of("+37052000002"), "Kaunas-2", Language.RU),
                customer("1003", "+37060000003", List.of("+37052000002"), "Vilnius-1", Language.EN)));
        index = new CallerIndex(db, customers, Duration.ofHours(1)); // checks run by hand below
    }

    @AfterEach
    void close() {
        index.close();
        otherProcess.close();
        db.close();
    }

    @Test
    void answersEveryNumberOnFileAsTheStoreWould() {
        for (String number : List.of("+37060000001", "+37052000001", "+37052000002", "+37060000003")) {
            assertThat(index.callerByPhone(number)).as(number)
                    .isEqualTo(customers.findByPhone(number).map(KnownCaller::of)).isPresent();
        }
        assertThat(index.callerByPhone("+37052000002")).map(KnownCaller::contractNumber).contains("1002"); // lowest id
        assertThat(index.callerByPhone("+37052000002")).map(KnownCaller::hasMobile).contains(false);
        assertThat(index.callerByPhone("+37069999999")).isEmpty();
        assertThat(index.size()).isEqualTo(4); // the shared number once
    }

    @Test
    void aCustomerImportedByThisProcessIsRecognisedAtOnceThenFromMemory() throws InterruptedException {
        customers.insertAll(List.of(customer("1004", "+37060000004", List.of(), "Alytus-1", Language.PL)));

        assertThat(index.callerByPhone("+37060000004")).map(KnownCaller::contractNumber).contains("1004");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (index.size() != 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(index.size()).as("numbers in memory after the background read").isEqualTo(5);
        assertThat(index.callerByPhone("+37060000004")).map(KnownCaller::language).contains(Language.PL);
    }

    @Test
    void anotherProcesssImportIsSeenAtTheNextCheckAndNotBefore() {
        new JdbcCustomerRepository(otherProcess, CLOCK)
                .insertAll(List.of(customer("1005", "+37060000005", List.of(), "Vilnius-1", Language.EN)));

        assertThat(index.callerByPhone("+37060000005")).isEmpty(); // from memory: no store read per call
        index.check();
        assertThat(index.callerByPhone("+37060000005")).map(KnownCaller::contractNumber).contains("1005");
    }

    @Test
    void changesOfTheNumbersOrTheCallersDetailsElsewhereAreSeenAtTheNextCheck() {
        elsewhere("UPDATE customers SET service_area = 'Kaunas-9' WHERE contract_number = '1001'");
        index.check();
        assertThat(index.callerByPhone("+37060000001")).map(KnownCaller::serviceArea).contains("Kaunas-9");

        elsewhere("UPDATE customers SET language = 'ru' WHERE contract_number = '1001'");
        index.check();
        assertThat(index.callerByPhone("+37060000001")).map(KnownCaller::language).contains(Language.RU);

        elsewhere("UPDATE customers SET mobile = NULL WHERE contract_number = '1001'");
        index.check();
        assertThat(index.callerByPhone("+37060000001")).map(KnownCaller::hasMobile).contains(false);

        elsewhere("DELETE FROM customer_phones WHERE e164 = '+37060000003'");
        index.check();
        assertThat(index.callerByPhone("+37060000003")).isEmpty();
    }

    @Test
    void aWrongPinAttemptDoesNotMakeTheIndexReadAgain() {
        SlowHash hash = new SlowHash(10);
        customers.insertAll(List.of(new NewCustomer("1006", "Customer 1006", Optional.of("+37060000006"), List.of(), "",
                "Street 1", "Vilnius-1", "Fiber 300", List.of(), "active", Language.EN, "user1006",
                Optional.of(hash.hash("1234".toCharArray())))));
        long before = counter();
        PinVerifier.Result r = new JdbcPinVerifier(otherProcess, hash, CLOCK, 3, Duration.ofMinutes(15))
                .verify(customers.findByPhone("+37060000006").orElseThrow().id(), "0000");
        assertThat(r).isNotEqualTo(PinVerifier.Result.OK);
        assertThat(counter()).isEqualTo(before);
    }

    private void elsewhere(String sql) {
        otherProcess.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void aCustomerBaseTooBigForTheHeapIsLeftInTheStoreWhichThenAnswers() {
        try (CallerIndex small = new CallerIndex(db, customers, Duration.ofHours(1), 3 * CallerIndex.BYTES_PER_NUMBER)) {
            assertThat(small.size()).isZero();
            assertThat(small.callerByPhone("+37052000002")).map(KnownCaller::contractNumber).contains("1002");
            new JdbcCustomerRepository(otherProcess, CLOCK)
                    .insertAll(List.of(customer("1007", "+37060000007", List.of(), "Vilnius-1", Language.EN)));
            assertThat(small.callerByPhone("+37060000007")).as("from the store: no check needed")
                    .map(KnownCaller::contractNumber).contains("1007");
        }
    }

    private long counter() {
        return db.withStatement("SELECT version FROM change_counters WHERE name = 'customers'", ps -> {
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static NewCustomer customer(String contract, String mobile, List<String> others, String area, Language language) {
        return new NewCustomer(contract, "Customer " + contract, Optional.ofNullable(mobile), others, "", "Street 1", area,
                "Fiber 300", List.of("internet"), "active", language, "user" + contract, Optional.empty());
    }
}
