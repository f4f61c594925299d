package dev.frontline.server;

import dev.frontline.core.api.AdminViews;
import dev.frontline.core.common.Language;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server and its store (ADR 0143): {@code desk.on-duty} seeds the empty rota table on the first start; a
 * supervisor's rota survives a restart with the same configuration, which no longer overwrites it.
 */
class StoredRotaServerTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredRotaSeedsTheStoreOnceAndASupervisorsRotaSurvivesARestart() {
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\ndesk:\n  on-duty:\n    tomas:\n"
                + "      mobile: \"+37061234567\"\n      mon-sun: 00:00-24:00\n", "test", Map.of());
        Clock clock = Clock.systemUTC();
        Path db = dir.resolve("demo.db");
        try (Stores stores = DemoStore.open(config, db, clock)) {
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(new NewOperator("vida", "Vida",
                        stores.slowHash().hash("pw".toCharArray()), Operator.Role.SUPERVISOR, Set.of(), Set.of(),
                        Set.of(Language.EN), "PJSIP/op190", Optional.empty())));
                return null;
            });
        }
        FrontlineServer.Options options = FrontlineServer.Options.demo(db).withPort(0).withTraffic(false, Optional.empty());

        try (FrontlineServer server = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(server.port());
            String vida = http.login("vida", "pw");
            AdminViews.OnDuty seeded = http.get("/api/admin/on-duty", vida).as(AdminViews.OnDuty.class);
            assertThat(seeded.rows()).containsExactly(new AdminViews.RotaRow("tomas", "+37061234567", "mon-sun", "00:00", "24:00"));
            assertThat(seeded.onDutyNow()).containsExactly("tomas");

            DeskClient.Reply put = http.put("/api/admin/on-duty", vida, atReadVersion(http, vida, "{\"shifts\":[{\"name\":\"rasa\","
                    + "\"mobile\":\"+37061234569\",\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"}]}"));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }

        try (FrontlineServer again = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(again.port());
            AdminViews.OnDuty kept = http.get("/api/admin/on-duty", http.login("vida", "pw")).as(AdminViews.OnDuty.class);
            assertThat(kept.rows()).extracting(AdminViews.RotaRow::name).containsExactly("rasa");
            assertThat(kept.onDutyNow()).containsExactly("rasa");
        }
    }

    /**
     * Issue 24: a consultant added to the rota while the server runs is one of the desk's own numbers at once: the web
     * form never makes the desk call a consultant's mobile back (before: only the mobiles of the rota at start-up were).
     */
    @Test
    void aMobileAddedToTheRotaWhileRunningIsNeverCalledBackByTheWebForm() {
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\ndesk:\n  on-duty:\n    tomas:\n"
                + "      mobile: \"+37061234567\"\n      mon-sun: 00:00-24:00\n", "test", Map.of());
        Clock clock = Clock.systemUTC();
        Path db = dir.resolve("form.db");
        try (Stores stores = DemoStore.open(config, db, clock)) {
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(new NewOperator("vida", "Vida",
                        stores.slowHash().hash("pw".toCharArray()), Operator.Role.SUPERVISOR, Set.of(), Set.of(),
                        Set.of(Language.EN), "PJSIP/op190", Optional.empty())));
                return null;
            });
        }
        FrontlineServer.Options options = FrontlineServer.Options.demo(db).withPort(0).withTraffic(false, Optional.empty());
        try (FrontlineServer server = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(server.port());
            String vida = http.login("vida", "pw");
            DeskClient.Reply put = http.put("/api/admin/on-duty", vida, atReadVersion(http, vida, "{\"shifts\":["
                    + "{\"name\":\"tomas\",\"mobile\":\"+37061234567\",\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"},"
                    + "{\"name\":\"rasa\",\"mobile\":\"+37061234569\",\"days\":\"sat,sun\",\"from\":\"08:00\",\"to\":\"20:00\"}]}"));
            assertThat(put.status()).as(put.body()).isEqualTo(200);

            DeskClient.Reply added = http.post("/api/callback-requests", null,
                    "{\"name\":\"Ona\",\"phone\":\"+370 612 34569\",\"category\":\"general\",\"text\":\"Call me\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(400);
            assertThat(added.json().get("field").asText()).isEqualTo("phone");
            assertThat(added.json().get("message").asText()).contains("our own number");
            DeskClient.Reply seeded = http.post("/api/callback-requests", null,
                    "{\"name\":\"Ona\",\"phone\":\"+37061234567\",\"category\":\"general\",\"text\":\"Call me\"}");
            assertThat(seeded.status()).as(seeded.body()).isEqualTo(400);
        }
    }

    /**
     * Issue 24 / ADR 0153: a consultant's mobile taken off the rota stays one of the desk's own numbers, as it was while
     * on the rota, also after a restart: the web form still refuses to make the desk call it (before: once removed, a
     * stranger could have the desk ring a former consultant's mobile again).
     */
    @Test
    void aMobileRemovedFromTheRotaIsStillNeverCalledBackByTheWebForm() {
        FrontlineConfig config = FrontlineConfig.parse("flows:\n  dir: ../ivr-flows\ndesk:\n  on-duty:\n    tomas:\n"
                + "      mobile: \"+37061234567\"\n      mon-sun: 00:00-24:00\n", "test", Map.of());
        Clock clock = Clock.systemUTC();
        Path db = dir.resolve("removed.db");
        try (Stores stores = DemoStore.open(config, db, clock)) {
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(new NewOperator("vida", "Vida",
                        stores.slowHash().hash("pw".toCharArray()), Operator.Role.SUPERVISOR, Set.of(), Set.of(),
                        Set.of(Language.EN), "PJSIP/op190", Optional.empty())));
                return null;
            });
        }
        String rasa = "{\"name\":\"Ona\",\"phone\":\"+37061234569\",\"category\":\"general\",\"text\":\"Call me\"}";
        FrontlineServer.Options options = FrontlineServer.Options.demo(db).withPort(0).withTraffic(false, Optional.empty());
        try (FrontlineServer server = FrontlineServer.start(config, options, clock)) {
            DeskClient http = new DeskClient(server.port());
            String vida = http.login("vida", "pw");
            assertThat(http.put("/api/admin/on-duty", vida, atReadVersion(http, vida, "{\"shifts\":["
                    + "{\"name\":\"tomas\",\"mobile\":\"+37061234567\",\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"},"
                    + "{\"name\":\"rasa\",\"mobile\":\"+37061234569\",\"days\":\"sat,sun\",\"from\":\"08:00\",\"to\":\"20:00\"}]}"))
                    .status()).isEqualTo(200);
            DeskClient.Reply removed = http.put("/api/admin/on-duty", vida, atReadVersion(http, vida, "{\"shifts\":["
                    + "{\"name\":\"tomas\",\"mobile\":\"+37061234567\",\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"}]}"));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(removed.as(AdminViews.OnDuty.class).rows()).extracting(AdminViews.RotaRow::name).containsExactly("tomas");

            DeskClient.Reply form = http.post("/api/callback-requests", null, rasa);
            assertThat(form.status()).as(form.body()).isEqualTo(400);
            assertThat(form.json().get("field").asText()).isEqualTo("phone");
            assertThat(form.json().get("message").asText()).contains("our own number");
            DeskClient.Reply stranger = http.post("/api/callback-requests", null,
                    "{\"name\":\"Ona\",\"phone\":\"+37061234570\",\"category\":\"general\",\"text\":\"Call me\"}");
            assertThat(stranger.status()).as("a number never on the rota: " + stranger.body()).isEqualTo(201);
        }
        try (FrontlineServer again = FrontlineServer.start(config, options, clock)) {
            DeskClient.Reply form = new DeskClient(again.port()).post("/api/callback-requests", null, rasa);
            assertThat(form.status()).as("after a restart: " + form.body()).isEqualTo(400);
        }
    }

    /** {@code rota} (a PUT body without a version) at the version the rota is read at now, as the desktop sends it. */
    private static String atReadVersion(DeskClient http, String token, String rota) {
        long v = http.get("/api/admin/on-duty", token).json().get("version").asLong();
        return rota.replaceFirst("^\\{", "{\"version\":" + v + ",");
    }
}
