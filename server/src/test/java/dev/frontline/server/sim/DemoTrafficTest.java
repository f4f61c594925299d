package dev.frontline.server.sim;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.Database;
import dev.frontline.server.testing.FakeAcd;
import dev.frontline.server.testing.InMemoryDirectory;
import dev.frontline.server.testing.ScriptedIvr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTrafficTest {
    @TempDir
    Path dir;

    @Test
    void callersArriveAreAnsweredBySimulatedOperatorsAndTheLoadStaysBounded() throws Exception {
        Clock clock = Clock.systemUTC();
        InMemoryDirectory directory = new InMemoryDirectory();
        for (String login : List.of("op1", "op2", "human")) {
            directory.add(new Operator(new OperatorId(login), login, Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                    Set.of(Intent.values()), Set.of(Language.EN), "sim:" + login, Optional.empty(), true), "pw");
        }
        SimConfig config = new SimConfig(true, "+37052000000", Duration.ofSeconds(5), 1200, 4, 0, Duration.ofSeconds(3),
                0.5, Duration.ofMillis(300), Duration.ofMillis(200), Map.of("technical", 1.0), Map.of("en", 1.0));
        List<AcdEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = Database.sqlite(dir.resolve("demo.db")); FakeAcd acd = new FakeAcd(clock);
             SimBackend sim = new SimBackend(new ScriptedIvr(acd, directory, db, clock), acd, config)) {
            acd.connector(sim);
            acd.subscribe(events::add);
            List<Integer> activeSeen = new CopyOnWriteArrayList<>();
            DemoTraffic traffic = new DemoTraffic(sim, acd, directory, List.of(), "human"::equals, config, 42);

            traffic.start();
            for (int i = 0; i < 50; i++) {
                Thread.sleep(100);
                activeSeen.add(traffic.activeCalls());
            }
            traffic.close();
            int placed = traffic.placedCalls();
            Thread.sleep(300);

            assertThat(traffic.placedCalls()).isEqualTo(placed); // stopped: no more arrivals
            assertThat(activeSeen).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
            assertThat(events).filteredOn(e -> e instanceof AcdEvent.CallAnswered).isNotEmpty();
            assertThat(events).filteredOn(e -> e instanceof AcdEvent.CallAnswered a)
                    .allSatisfy(e -> assertThat(((AcdEvent.CallAnswered) e).operator().value()).isNotEqualTo("human"));
            assertThat(events).filteredOn(e -> e instanceof AcdEvent.OperatorStateChanged s
                    && s.operator().value().equals("human")).isEmpty();
        }
    }
}
