package dev.frontline.server;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.Language;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.store.Database;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24 end to end: the whole server (simulated line, simulated SMS logged in {@code sms_messages}) with a rota a
 * supervisor saved. A technical failure after hours, from the voice menu or the web form, texts every consultant on
 * duty at that moment by the rota in the desk's time zone (a night shift written as two rows across midnight
 * included), each exactly once, and nobody off duty.
 */
class AfterHoursRotaAlertsTest {
    @TempDir
    Path dir;

    /** Tuesday 01:30 in Vilnius (Monday 23:30 UTC: a rota read in UTC would text rasa and not tomas). */
    static final Instant TUESDAY_0130_VILNIUS = Instant.parse("2026-12-07T23:30:00Z");

    static final String ROTA = "{\"shifts\":["
            + "{\"name\":\"tomas\",\"mobile\":\"+37061234567\",\"days\":\"mon-fri\",\"from\":\"18:00\",\"to\":\"24:00\"},"
            + "{\"name\":\"tomas\",\"mobile\":\"+37061234567\",\"days\":\"tue-sat\",\"from\":\"00:00\",\"to\":\"08:00\"},"
            + "{\"name\":\"ieva\",\"mobile\":\"+37061234568\",\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"},"
            + "{\"name\":\"rasa\",\"mobile\":\"+37061234569\",\"days\":\"mon\",\"from\":\"18:00\",\"to\":\"24:00\"},"
            + "{\"name\":\"jonas\",\"mobile\":\"+37061234570\",\"days\":\"tue\",\"from\":\"00:00\",\"to\":\"06:00\"},"
            + "{\"name\":\"petras\",\"mobile\":\"+37061234571\",\"days\":\"tue\",\"from\":\"01:00\",\"to\":\"02:00\"}]}";
    static final List<String> ON_DUTY = List.of("+37061234567", "+37061234568", "+37061234570", "+37061234571");

    /**
     * A production server (the configuration's hours: closed at night) with the simulated line, on {@code db}: a
     * supervisor vida and one customer, Jonas, whose mobile on file is {@link #JONAS}.
     */
    private FrontlineServer start(Path db, Clock clock) {
        FrontlineConfig config = FrontlineConfig.parse("store:\n  url: jdbc:sqlite:" + db + "\nflows:\n  dir: ../ivr-flows\n"
                + "sim:\n  enabled: true\n", "test", Map.of());
        try (Stores stores = Stores.open(config, clock)) {
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(new NewOperator("vida", "Vida",
                        stores.slowHash().hash("pw".toCharArray()), Operator.Role.SUPERVISOR, Set.of(), Set.of(),
                        Set.of(Language.EN), "PJSIP/op190", Optional.empty())));
                stores.customers().insertAll(c, List.of(new NewCustomer("100200", "Jonas Jonaitis",
                        Optional.of(JONAS), List.of(), "jonas@example.com", "Laisves al. 1", "Kaunas",
                        "Fiber 300", List.of("internet"), "active", Language.EN, "jonas", Optional.empty())));
                return null;
            });
        }
        return FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0), clock);
    }

    static final String JONAS = "+37061111111";

    /** Each alert's mobile and how many texts it got, in the order sent; and every status seen. */
    private static Map<String, Integer> alerts(Path db, List<String> statuses) {
        try (Database d = Database.sqlite(db)) {
            return d.read(c -> {
                Map<String, Integer> out = new LinkedHashMap<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT to_number, status FROM sms_messages WHERE purpose = 'on-duty-alert' ORDER BY id")) {
                    while (rs.next()) {
                        out.merge(rs.getString(1), 1, Integer::sum);
                        statuses.add(rs.getString(2));
                    }
                }
                return out;
            });
        }
    }

    @Test
    void aCallerQueuedForACallbackAfterHoursTextsEveryoneOnDutyNowOnce() throws Exception {
        Path db = dir.resolve("menu.db");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_0130_VILNIUS));
        try (FrontlineServer server = start(db, clock)) {
            DeskClient http = new DeskClient(server.port());
            String vida = http.login("vida", "pw");
            DeskClient.Reply put = http.put("/api/admin/on-duty", vida, atReadVersion(http, vida, ROTA));
            assertThat(put.status()).as(put.body()).isEqualTo(200);

            // a known customer (whose own SMS limit must not hold back the consultants' texts) reports a technical failure
            Views.PhoneCallAnswer call = http.post("/api/sim/calls", vida, "{\"from\":\"" + JONAS + "\"}")
                    .as(Views.PhoneCallAnswer.class);
            List<String> heard = new ArrayList<>(keys(call.turn()));
            for (String digit : List.of("1", "1")) {
                Views.PhoneTurn t = http.post("/api/sim/calls/" + call.callId() + "/input", vida,
                        "{\"digits\":\"" + digit + "\"}").as(Views.PhoneCallAnswer.class).turn();
                heard.addAll(keys(t));
            }
            assertThat(String.join(" ", heard)).as("what the caller heard").contains("after-hours-technical", "callback-confirmed");
        }
        List<String> statuses = new ArrayList<>();
        Map<String, Integer> alerts = alerts(db, statuses);
        assertThat(alerts.keySet()).as("everyone on duty at Tuesday 01:30 Vilnius, nobody else").containsExactlyInAnyOrderElementsOf(ON_DUTY);
        assertThat(alerts.values()).as("each exactly once").containsOnly(1);
        assertThat(statuses).as("every alert sent (simulated), none refused by the caller's SMS limit").containsOnly("simulated");
    }

    @Test
    void aTechnicalWebRequestAfterHoursTextsEveryoneOnDutyNowOnce() {
        Path db = dir.resolve("form.db");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), TUESDAY_0130_VILNIUS));
        try (FrontlineServer server = start(db, clock)) {
            DeskClient http = new DeskClient(server.port());
            String vida = http.login("vida", "pw");
            assertThat(http.put("/api/admin/on-duty", vida, atReadVersion(http, vida, ROTA)).status()).isEqualTo(200);
            DeskClient.Reply r = http.post("/api/callback-requests", null, "{\"name\":\"Jonas\",\"phone\":\""
                    + JONAS + "\",\"category\":\"technical\",\"text\":\"TV is dark\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        List<String> statuses = new ArrayList<>();
        Map<String, Integer> alerts = alerts(db, statuses);
        assertThat(alerts.keySet()).containsExactlyInAnyOrderElementsOf(ON_DUTY);
        assertThat(alerts.values()).containsOnly(1);
        assertThat(statuses).containsOnly("simulated");
    }

    private static List<String> keys(Views.PhoneTurn t) {
        return t.steps().stream().map(s -> s.key() == null ? String.valueOf(s.kind()) : s.key()).toList();
    }

    /** {@code rota} (a PUT body without a version) at the version the rota is read at now, as the desktop sends it. */
    private static String atReadVersion(DeskClient http, String token, String rota) {
        long v = http.get("/api/admin/on-duty", token).json().get("version").asLong();
        return rota.replaceFirst("^\\{", "{\"version\":" + v + ",");
    }
}
