package dev.frontline.core.store;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.Outage;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.customer.PinVerifier.Result;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.security.SlowHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The foundation repositories' behaviour, run against SQLite and PostgreSQL. */
public abstract class FoundationStoreContract extends StoreContractBase {
    protected static final SlowHash HASH = new SlowHash(10);

    private JdbcCustomerRepository customers() {
        return new JdbcCustomerRepository(db, clock);
    }

    static NewCustomer customer(String contract, String mobile, List<String> others, Optional<String> pinHash) {
        return new NewCustomer(contract, "Ona Kazlauskienė", Optional.ofNullable(mobile), others, "ona@example.lt",
                "Žirmūnų g. 12-4, Vilnius", "Vilnius-North", "Fiber 300", List.of("internet", "tv"), "active",
                Language.LT, "ona.k", pinHash);
    }

    @Test
    void everyWritingOfANumberFindsTheSameCustomer() {
        // given a customer whose mobile was written the local way
        PhoneNumbers lt = new PhoneNumbers("LT");
        customers().insertAll(List.of(customer("LT-1001", lt.requireE164("0612 34567"),
                List.of(lt.requireE164("+370 5 212 3456")), Optional.empty())));
        // when the caller's number arrives in other forms, then each finds them
        for (String raw : List.of("+370 612 34567", "0612 34567", "+37061234567", "+370 5 212 3456")) {
            Optional<Customer> found = customers().findByPhone(lt.requireE164(raw));
            assertThat(found).as(raw).isPresent();
            assertThat(found.get().contractNumber()).isEqualTo("LT-1001");
        }
        assertThat(customers().findByPhone("+37069999999")).isEmpty();
    }

    @Test
    void customerRoundTripsEveryField() {
        List<CustomerId> ids = customers().insertAll(List.of(customer("LT-1002", "+37061234567",
                List.of("+37052123456", "+37052000000"), Optional.of("$2a$10$abc"))));
        Customer c = customers().findById(ids.get(0)).orElseThrow();
        assertThat(c.contractNumber()).isEqualTo("LT-1002");
        assertThat(c.name()).isEqualTo("Ona Kazlauskienė");
        assertThat(c.mobile()).contains("+37061234567");
        assertThat(c.otherPhones()).containsExactly("+37052000000", "+37052123456");
        assertThat(c.address()).isEqualTo("Žirmūnų g. 12-4, Vilnius");
        assertThat(c.serviceArea()).isEqualTo("Vilnius-North");
        assertThat(c.services()).containsExactly("internet", "tv");
        assertThat(c.language()).isEqualTo(Language.LT);
        assertThat(c.login()).isEqualTo("ona.k");
        assertThat(c.pinHash()).contains("$2a$10$abc");
        assertThat(customers().findByContract(" LT-1002 ")).contains(c);
        assertThat(customers().findByContract("LT-9999")).isEmpty();
    }

    @Test
    void customerWithoutPhonesIsFoundByContract() {
        customers().insertAll(List.of(customer("LT-1003", null, List.of(), Optional.empty())));
        Customer c = customers().findByContract("LT-1003").orElseThrow();
        assertThat(c.mobile()).isEmpty();
        assertThat(c.otherPhones()).isEmpty();
    }

    @Test
    void batchWithADuplicateContractWritesNothing() {
        customers().insertAll(List.of(customer("LT-1", "+37061234567", List.of(), Optional.empty())));
        StoreException e = assertThrows(StoreException.class, () -> customers().insertAll(List.of(
                customer("LT-2", "+37061234568", List.of(), Optional.empty()),
                customer("LT-1", "+37061234569", List.of(), Optional.empty()))));
        assertThat(e.getMessage()).contains("LT-1");
        assertThat(customers().count()).isEqualTo(1);
        assertThat(customers().findByContract("LT-2")).isEmpty();
        assertThat(rows("customer_phones")).isEqualTo(1);
    }

    @Test
    void existingContractsAreReported() {
        customers().insertAll(List.of(customer("A-1", null, List.of(), Optional.empty()),
                customer("A-2", null, List.of(), Optional.empty())));
        assertThat(customers().existingContracts(List.of("A-2", "A-3"))).containsExactly("A-2");
    }

    @Test
    void searchReturnsEachHitWithItsOwnNumbersInNameOrderUpToTheLimit() {
        customers().insertAll(List.of(
                new NewCustomer("K-3", "Kazys Zabiela", Optional.of("+37061111113"), List.of("+37052111113"), "",
                        "", "Kaunas", "", List.of(), "active", Language.LT, "", Optional.empty()),
                new NewCustomer("K-1", "Kazimiera Adomaitė", Optional.of("+37061111111"),
                        List.of("+37052111112", "+37052111111"), "", "", "Kaunas", "", List.of(), "active", Language.LT,
                        "", Optional.empty()),
                new NewCustomer("K-2", "Kazimieras Butkus", Optional.empty(), List.of(), "", "", "Kaunas", "",
                        List.of(), "active", Language.LT, "", Optional.empty())));

        List<Customer> all = customers().search("kaz", 10);
        assertThat(all).extracting(Customer::contractNumber).containsExactly("K-1", "K-2", "K-3");
        assertThat(all.get(0).mobile()).contains("+37061111111");
        assertThat(all.get(0).otherPhones()).containsExactly("+37052111111", "+37052111112");
        assertThat(all.get(1).mobile()).isEmpty();
        assertThat(all.get(1).otherPhones()).isEmpty();
        assertThat(all.get(2).otherPhones()).containsExactly("+37052111113");
        assertThat(customers().search("kaz", 2)).extracting(Customer::contractNumber).containsExactly("K-1", "K-2");
        assertThat(customers().search("52111", 10)).extracting(Customer::contractNumber).containsExactly("K-1", "K-3");
    }

    @Test
    void searchFindsByNameContractPhoneAndEmail() {
        customers().insertAll(List.of(
                new NewCustomer("PL-77", "Katarzyna Nowak", Optional.of("+48512345678"), List.of(), "kasia@example.pl",
                        "ul. Puławska 1, Warszawa", "Warsaw-Mokotow", "TV Basic", List.of(), "active", Language.PL,
                        "kasia", Optional.empty()),
                customer("LT-5", "+37061234567", List.of(), Optional.empty())));
        assertThat(customers().search("nowak", 10)).extracting(Customer::contractNumber).containsExactly("PL-77");
        assertThat(customers().search("pl-7", 10)).extracting(Customer::contractNumber).containsExactly("PL-77");
        assertThat(customers().search("512 345", 10)).extracting(Customer::contractNumber).containsExactly("PL-77");
        assertThat(customers().search("example.lt", 10)).extracting(Customer::contractNumber).containsExactly("LT-5");
        assertThat(customers().search("100%", 10)).isEmpty();
        assertThat(customers().search("a", 1)).hasSize(1);
    }

    @Test
    void pinIsCheckedAndWrongOnesLockAfterTheLimit() {
        // given a customer with PIN 4321, at most 3 attempts, 15 minutes lockout
        CustomerId id = customers().insertAll(List.of(customer("LT-9", "+37061234567", List.of(),
                Optional.of(HASH.hash("4321".toCharArray()))))).get(0);
        JdbcPinVerifier pins = new JdbcPinVerifier(db, HASH, clock, 3, Duration.ofMinutes(15));
        // when / then
        assertThat(pins.verify(id, "1111")).isEqualTo(Result.WRONG);
        assertThat(pins.verify(id, "2222")).isEqualTo(Result.WRONG);
        assertThat(pins.verify(id, "3333")).isEqualTo(Result.LOCKED);
        assertThat(pins.verify(id, "4321")).as("right PIN while locked").isEqualTo(Result.LOCKED);
        clock.advance(Duration.ofMinutes(14));
        assertThat(pins.verify(id, "4321")).isEqualTo(Result.LOCKED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(pins.verify(id, "4321")).isEqualTo(Result.OK);
    }

    @Test
    void rightPinResetsTheCountAndExpiredLockStartsAfresh() {
        CustomerId id = customers().insertAll(List.of(customer("LT-10", null, List.of(),
                Optional.of(HASH.hash("0000".toCharArray()))))).get(0);
        JdbcPinVerifier pins = new JdbcPinVerifier(db, HASH, clock, 2, Duration.ofMinutes(5));
        assertThat(pins.verify(id, "1")).isEqualTo(Result.WRONG);
        assertThat(pins.verify(id, "0000")).isEqualTo(Result.OK);
        assertThat(pins.verify(id, "1")).as("count was reset").isEqualTo(Result.WRONG);
        assertThat(pins.verify(id, "1")).isEqualTo(Result.LOCKED);
        clock.advance(Duration.ofMinutes(6));
        assertThat(pins.verify(id, "1")).as("fresh count after the lock expired").isEqualTo(Result.WRONG);
    }

    @Test
    void fiftyParallelWrongPinsGetNoMoreThanTheConfiguredTries() throws Exception {
        // given a customer with PIN 4321 and 3 attempts
        CustomerId id = customers().insertAll(List.of(customer("LT-13", null, List.of(),
                Optional.of(HASH.hash("4321".toCharArray()))))).get(0);
        JdbcPinVerifier pins = new JdbcPinVerifier(db, HASH, clock, 3, Duration.ofMinutes(15));
        // when 50 wrong PINs arrive at the same moment
        int n = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        List<java.util.concurrent.Future<Result>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String guess = String.format("%04d", 5000 + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return pins.verify(id, guess);
                }));
            }
            java.util.Map<Result, Integer> counts = new java.util.EnumMap<>(Result.class);
            for (java.util.concurrent.Future<Result> f : answers) {
                counts.merge(f.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
            }
            // then only the configured 3 were tried: 2 answered WRONG, the third locked, the other 47 refused unheard
            assertThat(counts.getOrDefault(Result.WRONG, 0)).as("wrong PINs tried (%s)", counts).isEqualTo(2);
            assertThat(counts.getOrDefault(Result.LOCKED, 0)).as("locked (%s)", counts).isEqualTo(n - 2);
        } finally {
            pool.shutdownNow();
        }
        // and the real PIN is refused until the lockout ends
        assertThat(pins.verify(id, "4321")).isEqualTo(Result.LOCKED);
        clock.advance(Duration.ofMinutes(15));
        assertThat(pins.verify(id, "4321")).isEqualTo(Result.OK);
    }

    @Test
    void lockSurvivesANewVerifier() {
        CustomerId id = customers().insertAll(List.of(customer("LT-11", null, List.of(),
                Optional.of(HASH.hash("0000".toCharArray()))))).get(0);
        new JdbcPinVerifier(db, HASH, clock, 1, Duration.ofMinutes(5)).verify(id, "9");
        assertThat(new JdbcPinVerifier(db, HASH, clock, 1, Duration.ofMinutes(5)).verify(id, "0000"))
                .isEqualTo(Result.LOCKED);
    }

    @Test
    void customerWithoutPinCannotBeVerified() {
        CustomerId id = customers().insertAll(List.of(customer("LT-12", null, List.of(), Optional.empty()))).get(0);
        JdbcPinVerifier pins = new JdbcPinVerifier(db, HASH, clock, 3, Duration.ofMinutes(15));
        assertThat(pins.verify(id, "0000")).isEqualTo(Result.NO_PIN);
        assertThat(pins.verify(new CustomerId(999_999), "0000")).isEqualTo(Result.NO_PIN);
    }

    private JdbcOperatorRepository operators() {
        return new JdbcOperatorRepository(db, HASH, clock);
    }

    @Test
    void operatorsAuthenticateWithTheirPasswordOnly() {
        operators().insertAll(List.of(
                new NewOperator("anna", "Anna Petrauskaitė", HASH.hash("s3cret!".toCharArray()), Operator.Role.OPERATOR,
                        Set.of(Tier.LINE1, Tier.LINE2), Set.of(Intent.TECHNICAL, Intent.GENERAL),
                        Set.of(Language.LT, Language.RU), "PJSIP/op101", Optional.of("+37061111111")),
                new NewOperator("boss", "Marek Zieliński", HASH.hash("chief".toCharArray()), Operator.Role.SUPERVISOR,
                        Set.of(), Set.of(), Set.of(Language.PL, Language.EN), "PJSIP/op190", Optional.empty())));
        Operator anna = operators().authenticate("anna", "s3cret!".toCharArray()).orElseThrow();
        assertThat(anna.id()).isEqualTo(new OperatorId("anna"));
        assertThat(anna.tiers()).containsExactlyInAnyOrder(Tier.LINE1, Tier.LINE2);
        assertThat(anna.intents()).containsExactlyInAnyOrder(Intent.TECHNICAL, Intent.GENERAL);
        assertThat(anna.languages()).containsExactlyInAnyOrder(Language.LT, Language.RU);
        assertThat(anna.endpoint()).isEqualTo("PJSIP/op101");
        assertThat(anna.mobile()).contains("+37061111111");
        assertThat(anna.active()).isTrue();
        assertThat(operators().authenticate("anna", "S3cret!".toCharArray())).isEmpty();
        assertThat(operators().authenticate("nobody", "s3cret!".toCharArray())).isEmpty();
        assertThat(operators().find(new OperatorId("boss")).orElseThrow().role()).isEqualTo(Operator.Role.SUPERVISOR);
        assertThat(operators().all()).extracting(o -> o.id().value()).containsExactly("anna", "boss");
        assertThat(operators().existingLogins(List.of("boss", "carl"))).containsExactly("boss");
    }

    @Test
    void storedPasswordIsASlowHashNotThePassword() {
        operators().insertAll(List.of(new NewOperator("anna", "Anna", HASH.hash("s3cret!".toCharArray()),
                Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.GENERAL), Set.of(Language.EN), "PJSIP/op101",
                Optional.empty())));
        String stored = db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT password_hash FROM operators")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).startsWith("$2a$10$").doesNotContain("s3cret");
    }

    @Test
    void raisingTheHashCostReHashesAPasswordAtItsNextRightLogin() {
        // given anna's password hashed at cost 10, and the configured cost raised to 11
        operators().insertAll(List.of(new NewOperator("anna", "Anna", HASH.hash("s3cret!".toCharArray()),
                Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.GENERAL), Set.of(Language.EN), "PJSIP/op101",
                Optional.empty())));
        JdbcOperatorRepository raised = new JdbcOperatorRepository(db, new SlowHash(11), clock);

        // a wrong password changes nothing; the right one is re-hashed at cost 11 and still works
        assertThat(raised.authenticate("anna", "wrong".toCharArray())).isEmpty();
        assertThat(storedPasswordHash()).startsWith("$2a$10$");
        assertThat(raised.authenticate("anna", "s3cret!".toCharArray())).isPresent();
        assertThat(storedPasswordHash()).startsWith("$2a$11$");
        assertThat(raised.authenticate("anna", "s3cret!".toCharArray())).isPresent();
        assertThat(operators().authenticate("anna", "s3cret!".toCharArray())).as("any cost verifies").isPresent();
    }

    @Test
    void raisingTheHashCostReHashesAPinAtItsNextRightEntry() {
        CustomerId id = customers().insertAll(List.of(customer("LT-77", "+37061234577", List.of(),
                Optional.of(HASH.hash("4321".toCharArray()))))).get(0);
        JdbcPinVerifier raised = new JdbcPinVerifier(db, new SlowHash(11), clock, 3, Duration.ofMinutes(15));

        assertThat(raised.verify(id, "1111")).isEqualTo(Result.WRONG);
        assertThat(customers().findById(id).orElseThrow().pinHash().orElseThrow()).startsWith("$2a$10$");
        assertThat(raised.verify(id, "4321")).isEqualTo(Result.OK);
        assertThat(customers().findById(id).orElseThrow().pinHash().orElseThrow()).startsWith("$2a$11$");
        assertThat(raised.verify(id, "4321")).isEqualTo(Result.OK);
    }

    private String storedPasswordHash() {
        return db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT password_hash FROM operators")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void duplicateLoginWritesNoOperator() {
        NewOperator a = new NewOperator("anna", "Anna", "$2a$10$x", Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                Set.of(Intent.GENERAL), Set.of(Language.EN), "PJSIP/op101", Optional.empty());
        NewOperator b = new NewOperator("bob", "Bob", "$2a$10$x", Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                Set.of(Intent.GENERAL), Set.of(Language.EN), "PJSIP/op102", Optional.empty());
        operators().insertAll(List.of(a));
        assertThrows(StoreException.class, () -> operators().insertAll(List.of(b, a)));
        assertThat(rows("operators")).isEqualTo(1);
    }

    @Test
    void outagesAreActiveFromStartUntilResolved() {
        JdbcOutageRepository outages = new JdbcOutageRepository(db);
        Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
        Outage o = outages.report("Kaunas", "Fiber cut near Savanorių pr.", t0, Optional.of(t0.plusSeconds(7200)));
        outages.report("Ljubljana", "TV headend maintenance", t0.plusSeconds(3600), Optional.empty());
        assertThat(outages.activeIn("Kaunas", t0.minusSeconds(1))).isEmpty();
        assertThat(outages.activeIn("Kaunas", t0)).contains(o);
        assertThat(outages.activeIn("Vilnius-North", t0)).isEmpty();
        assertThat(outages.active(t0.plusSeconds(3600))).extracting(Outage::area).containsExactly("Kaunas", "Ljubljana");
        outages.resolve(o.id(), t0.plusSeconds(600));
        assertThat(outages.activeIn("Kaunas", t0.plusSeconds(600))).isEmpty();
        assertThat(outages.activeIn("Kaunas", t0.plusSeconds(599))).isPresent();
        assertThrows(StoreException.class, () -> outages.resolve(o.id(), t0.plusSeconds(700)));
    }
    /** Issue 20 item 10: {@code WENDY} and {@code wendy} were two accounts. */
    @Test
    void aLoginIsOneAccountWhateverItsCase() {
        JdbcOperatorRepository ops = new JdbcOperatorRepository(db, HASH, clock);
        ops.insertAll(List.of(loginCase("wendy")));

        assertThrows(StoreException.class, () -> ops.insertAll(List.of(loginCase("WENDY"))), "a second account");
        assertThat(ops.existingLogins(List.of("WENDY", "Wendy", "zoe"))).containsExactlyInAnyOrder("WENDY", "Wendy");
        assertThat(ops.authenticate("WENDY", "secret1".toCharArray())).as("WENDY logs in as wendy")
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(new OperatorId("wendy")));
        assertThat(ops.find(new OperatorId("Wendy"))).map(o -> o.id().value()).contains("wendy");
        assertThat(ops.setPassword(new OperatorId("WENDY"), "secret2".toCharArray())).isTrue();
        assertThat(ops.authenticate("wendy", "secret2".toCharArray())).isPresent();
        assertThat(ops.all()).hasSize(1);
    }

    private static NewOperator loginCase(String login) {
        return new NewOperator(login, "Wendy", HASH.hash("secret1".toCharArray()), Operator.Role.OPERATOR,
                Set.of(Tier.LINE1), Set.of(Intent.GENERAL), Set.of(Language.EN), "sim:" + login, Optional.empty());
    }

    @Test
    void theConfiguredRotaSeedsAnEmptyStoreOnceThenTheStoredRotaIsEditedAndAudited() {
        java.time.ZoneId vilnius = java.time.ZoneId.of("Europe/Vilnius");
        AuditLog audit = new AuditLog(db, clock);
        dev.frontline.core.desk.OnDutyRota configured = new dev.frontline.core.desk.OnDutyRota(vilnius, List.of(
                new dev.frontline.core.desk.OnDutyRota.Shift("tomas", "+37061234567", java.time.DayOfWeek.MONDAY,
                        java.time.LocalTime.of(20, 0), java.time.LocalTime.MAX),
                new dev.frontline.core.desk.OnDutyRota.Shift("tomas", "+37061234567", java.time.DayOfWeek.TUESDAY,
                        java.time.LocalTime.of(20, 0), java.time.LocalTime.MAX)));
        JdbcOnDutyRota rota = new JdbcOnDutyRota(db, audit, vilnius);
        assertThat(rota.seed(configured)).isTrue();
        assertThat(rota.get().shifts()).isEqualTo(configured.shifts());
        assertThat(dev.frontline.core.desk.RotaRows.rows(rota.get())).singleElement()
                .satisfies(r -> assertThat(dev.frontline.core.desk.RotaRows.days(r.days())).isEqualTo("mon,tue"));

        List<dev.frontline.core.desk.RotaRows.Row> edited = dev.frontline.core.desk.RotaRows.parse(List.of(
                new dev.frontline.core.desk.RotaRows.Draft("rasa", "+37061234569", "mon-fri", "18:00", "24:00"),
                new dev.frontline.core.desk.RotaRows.Draft("rasa", "+37061234569", "tue-sat", "00:00", "08:00")),
                new PhoneNumbers("LT"));
        rota.replace(edited, "sue");
        // a second server (or a restart) reads the stored rota; the configuration no longer seeds it
        JdbcOnDutyRota again = new JdbcOnDutyRota(db, audit, vilnius);
        assertThat(again.seed(configured)).isFalse();
        assertThat(again.get().mobilesAt(Instant.parse("2026-12-01T04:00:00Z"))).containsExactly("+37061234569"); // Tue 06:00
        assertThat(again.get().mobilesAt(Instant.parse("2026-11-30T18:30:00Z"))).containsExactly("+37061234569"); // Mon 20:30
        assertThat(again.get().mobilesAt(Instant.parse("2026-11-30T10:00:00Z"))).isEmpty();
        assertThat(audit.recent(5)).extracting(AuditLog.Entry::actor, AuditLog.Entry::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sue", "on-duty-edit"),
                org.assertj.core.groups.Tuple.tuple("system", "on-duty-seed"));
        assertThrows(IllegalArgumentException.class, () -> rota.replace(List.of(), "sue"));
        assertThat(rota.get().shifts()).hasSize(10);
    }

    /** Issue 24: two supervisors edit the rota read at the same version; the second save is refused, not lost. */
    @Test
    void aSaveOfAnOlderVersionOfTheRotaIsRefusedNamingWhoSavedItAndChangesNothing() {
        java.time.ZoneId vilnius = java.time.ZoneId.of("Europe/Vilnius");
        AuditLog audit = new AuditLog(db, clock);
        JdbcOnDutyRota rota = new JdbcOnDutyRota(db, audit, vilnius);
        PhoneNumbers lt = new PhoneNumbers("LT");
        List<dev.frontline.core.desk.RotaRows.Row> vidas = dev.frontline.core.desk.RotaRows.parse(List.of(
                new dev.frontline.core.desk.RotaRows.Draft("rasa", "+37061234569", "mon-fri", "18:00", "24:00")), lt);
        List<dev.frontline.core.desk.RotaRows.Row> mareks = dev.frontline.core.desk.RotaRows.parse(List.of(
                new dev.frontline.core.desk.RotaRows.Draft("jonas", "+37061234570", "sat,sun", "08:00", "20:00")), lt);

        JdbcOnDutyRota.Stored read = rota.stored(); // both read the rota now
        assertThat(read.version()).isZero();
        JdbcOnDutyRota.Stored saved = rota.replace(vidas, "vida", read.version());
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.changedBy()).isEqualTo("vida");

        dev.frontline.core.store.ChangedMeanwhile conflict = assertThrows(dev.frontline.core.store.ChangedMeanwhile.class,
                () -> rota.replace(mareks, "marek", read.version()));
        assertThat(conflict.changedBy()).isEqualTo("vida");
        assertThat(conflict.version()).isEqualTo(1);
        assertThat(conflict.getMessage()).contains("changed by vida at ", "Europe/Vilnius", "reload");
        assertThat(rota.stored().rota().shifts()).extracting(dev.frontline.core.desk.OnDutyRota.Shift::name).containsOnly("rasa");
        assertThat(audit.recent(5)).extracting(AuditLog.Entry::actor).containsExactly("vida");

        assertThat(rota.replace(mareks, "marek", saved.version()).version()).isEqualTo(2); // reloaded: saved
        assertThat(rota.stored().rota().shifts()).extracting(dev.frontline.core.desk.OnDutyRota.Shift::name).containsOnly("jonas");
    }

    /** The same race on two threads at once: exactly one of the two saves of version 0 is kept. */
    @Test
    void ofTwoSavesOfOneVersionAtOnceExactlyOneIsKept() throws Exception {
        java.time.ZoneId vilnius = java.time.ZoneId.of("Europe/Vilnius");
        JdbcOnDutyRota rota = new JdbcOnDutyRota(db, new AuditLog(db, clock), vilnius);
        PhoneNumbers lt = new PhoneNumbers("LT");
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (String who : List.of("vida", "marek")) {
                List<dev.frontline.core.desk.RotaRows.Row> rows = dev.frontline.core.desk.RotaRows.parse(List.of(
                        new dev.frontline.core.desk.RotaRows.Draft(who, "+37061234569", "mon-sun", "00:00", "24:00")), lt);
                outcomes.add(two.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    try {
                        rota.replace(rows, who, 0L);
                        return "saved";
                    } catch (dev.frontline.core.store.ChangedMeanwhile e) {
                        return "refused";
                    }
                }));
            }
            List<String> got = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : outcomes) got.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(got).containsExactlyInAnyOrder("saved", "refused");
            JdbcOnDutyRota.Stored now = rota.stored();
            assertThat(now.version()).isEqualTo(1);
            assertThat(now.rota().shifts()).extracting(dev.frontline.core.desk.OnDutyRota.Shift::name).containsOnly(now.changedBy());
        } finally {
            two.shutdownNow();
        }
    }
}
