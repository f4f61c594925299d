package dev.frontline.server.api;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcOperatorRepository;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.FakeAcd;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skills and languages changed on the command line (another process writing the store) reach the ACD for operators
 * logged in now, within {@link AccountWatch#PERIOD}, not at their next login.
 */
class AccountWatchTest extends ApiOnDiskTest {

    @Test
    void aLoggedInOperatorsNewSkillsReachTheAcdAndOthersAreLeftAlone() throws Exception {
        start();
        server.client.connect(server.client.login("anna", "secret"));
        server.client.connect(server.client.login("boris", "secret"));
        clock.advance(AccountWatch.PERIOD);
        Thread.sleep(1500); // a sweep with nothing changed
        assertThat(server.acd.profilesChanged).isEmpty();

        // as `frontline operators set-skills anna technical,line1,line2` does, from another process
        server.directory.add(annaWith(Set.of(Intent.TECHNICAL), Set.of(Tier.LINE1, Tier.LINE2)), "secret");
        clock.advance(AccountWatch.PERIOD);

        for (int i = 0; i < 50 && server.acd.profilesChanged.isEmpty(); i++) {
            Thread.sleep(100); // the sweeper runs every second
        }
        clock.advance(AccountWatch.PERIOD);
        Thread.sleep(1500); // the next sweep: the same account is not news again
        assertThat(server.acd.profilesChanged).containsExactly(new OperatorId("anna"));
    }

    @Test
    void aChangeIsReportedAtTheNextPeriodOnceAndOnlyForLoggedInOperators() {
        MutableClock c = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        try (Database db = Database.sqlite(dir.resolve("accounts.db"));
             FakeAcd acd = new FakeAcd(c)) {
            SlowHash hash = new SlowHash(10);
            JdbcOperatorRepository accounts = new JdbcOperatorRepository(db, hash, c);
            for (String login : List.of("anna", "boris")) {
                accounts.insertAll(List.of(new NewOperator(login, login, hash.hash("secret".toCharArray()),
                        Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.GENERAL), Set.of(Language.EN),
                        "sim:" + login, Optional.empty())));
            }
            AccountWatch watch = new AccountWatch(accounts, acd, c);
            DeskSession anna = new DeskSession("t1", accounts.find(new OperatorId("anna")).orElseThrow(),
                    c.instant().plus(Duration.ofHours(8)));
            assertThat(watch.sweep(List.of(anna))).isEmpty();

            // `frontline operators set-skills anna general,line1,line2` and `... set-skills boris technical,line1`
            accounts.setSkills(new OperatorId("anna"), Set.of(Tier.LINE1, Tier.LINE2), Set.of(Intent.GENERAL));
            accounts.setSkills(new OperatorId("boris"), Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL));
            c.advance(AccountWatch.PERIOD.minusSeconds(1));
            assertThat(watch.sweep(List.of(anna))).as("within the period").isEmpty();
            c.advance(Duration.ofSeconds(1));
            assertThat(watch.sweep(List.of(anna))).as("boris is not logged in").containsExactly(new OperatorId("anna"));
            c.advance(AccountWatch.PERIOD);
            assertThat(watch.sweep(List.of(anna))).as("told once").isEmpty();
            assertThat(acd.profilesChanged).containsExactly(new OperatorId("anna"));
        }
    }

    private static Operator annaWith(Set<Intent> intents, Set<Tier> tiers) {
        return new Operator(new OperatorId("anna"), "Anna", Operator.Role.OPERATOR, tiers, intents, Set.of(Language.EN),
                "sim:anna", Optional.empty(), true);
    }
}
