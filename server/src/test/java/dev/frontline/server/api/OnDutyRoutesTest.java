package dev.frontline.server.api;

import dev.frontline.core.api.AdminViews;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.AuditLog;
import dev.frontline.server.sms.OnDutyTexts;
import dev.frontline.server.testing.DeskClient;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/on-duty}: the stored rota (seeded from the configuration) and who is on duty now;
 * {@code PUT}: supervisors replace it, audited, and the after-hours alert goes to everyone on the new rota's duty.
 * Both for supervisors only.
 */
class OnDutyRoutesTest extends ApiOnDiskTest {

    @Test
    void supervisorsSeeTheRotaAndWhoIsOnDutyNowOperatorsAreRefused() {
        clock.set(Instant.parse("2026-11-30T19:30:00Z")); // Monday 21:30 in Vilnius: tomas's night
        start();
        String anna = server.client.login("anna", "secret");
        assertThat(server.client.get("/api/admin/on-duty", anna).status()).isEqualTo(403);
        assertThat(server.client.get("/api/admin/on-duty", null).status()).isEqualTo(401);

        String sue = server.client.login("sue", "secret");
        AdminViews.OnDuty rota = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class);

        assertThat(rota.zone()).isEqualTo("Europe/Vilnius");
        assertThat(rota.onDutyNow()).containsExactly("tomas");
        assertThat(rota.shifts()).extracting(AdminViews.Shift::name, AdminViews.Shift::day, AdminViews.Shift::from,
                AdminViews.Shift::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tomas", "MONDAY", "20:00", "24:00"),
                org.assertj.core.groups.Tuple.tuple("ieva", "SUNDAY", "00:00", "24:00"));

        clock.set(Instant.parse("2026-11-30T10:00:00Z")); // Monday noon: nobody
        assertThat(server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class).onDutyNow()).isEmpty();
    }

    private static final String NEW_ROTA = "{\"version\":1,\"shifts\":["
            + "{\"name\":\"tomas\",\"mobile\":\"+37061234567\",\"days\":\"mon-fri\",\"from\":\"18:00\",\"to\":\"24:00\"},"
            + "{\"name\":\"rasa\",\"mobile\":\"861234569\",\"days\":\"mon,wed\",\"from\":\"20:00\",\"to\":\"23:00\"},"
            + "{\"name\":\"ieva\",\"mobile\":\"+37061234568\",\"days\":\"sat,sun\",\"from\":\"00:00\",\"to\":\"24:00\"}]}";

    @Test
    void aSupervisorReplacesTheRotaAuditedAndTheAlertGoesToEveryoneOnDutyThen() {
        clock.set(Instant.parse("2026-11-30T19:30:00Z")); // Monday 21:30 in Vilnius
        start();
        String sue = server.client.login("sue", "secret");
        assertThat(server.client.put("/api/admin/on-duty", server.client.login("anna", "secret"), NEW_ROTA).status())
                .isEqualTo(403);

        DeskClient.Reply put = server.client.put("/api/admin/on-duty", sue, NEW_ROTA);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        AdminViews.OnDuty rota = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class);
        assertThat(rota.rows()).extracting(AdminViews.RotaRow::name, AdminViews.RotaRow::mobile, AdminViews.RotaRow::days,
                AdminViews.RotaRow::from, AdminViews.RotaRow::to).containsExactly(
                Tuple.tuple("tomas", "+37061234567", "mon-fri", "18:00", "24:00"),
                Tuple.tuple("rasa", "+37061234569", "mon,wed", "20:00", "23:00"),
                Tuple.tuple("ieva", "+37061234568", "sat,sun", "00:00", "24:00"));
        assertThat(rota.onDutyNow()).containsExactly("tomas", "rasa");
        assertThat(new AuditLog(server.db, clock).recent(5)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("sue");
            assertThat(e.action()).isEqualTo("on-duty-edit");
            assertThat(e.detail()).contains("rasa +37061234569 mon,wed 20:00-23:00");
        });

        // the after-hours alert reads the stored rota when it is sent: both consultants on duty now, once each
        OnDutyTexts texts = new OnDutyTexts(r -> {
            server.texts.add(r);
            return new SmsResult(SmsResult.Status.SENT, "1", "");
        }, server.rota, clock);
        texts.send(new SmsRequest("+37060000000", "technical failure", false, java.util.Optional.empty(), OnDutyTexts.PURPOSE));
        assertThat(server.texts).extracting(SmsRequest::to).containsExactly("+37061234567", "+37061234569");

        start(); // a restart keeps the stored rota: the configuration's only seeds an empty store
        assertThat(server.client.get("/api/admin/on-duty", server.client.login("sue", "secret"))
                .as(AdminViews.OnDuty.class).rows()).hasSize(3);
    }

    @Test
    void aBadRotaIsRefusedNamingEveryWrongFieldAndTheRotaStaysAsItWas() {
        clock.set(Instant.parse("2026-11-30T19:30:00Z"));
        start();
        String sue = server.client.login("sue", "secret");
        DeskClient.Reply bad = server.client.put("/api/admin/on-duty", sue, "{\"version\":1,\"shifts\":["
                + "{\"name\":\"tomas\",\"mobile\":\"12345\",\"days\":\"mon-fri\",\"from\":\"18:00\",\"to\":\"08:00\"},"
                + "{\"name\":\"\",\"mobile\":\"+37061234568\",\"days\":\"someday\",\"from\":\"9\",\"to\":\"24:00\"},"
                + "{\"name\":\"ieva\",\"mobile\":\"+37061234568\",\"days\":\"sat\",\"from\":\"08:00\",\"to\":\"20:00\"},"
                + "{\"name\":\"ieva\",\"mobile\":\"+37061234568\",\"days\":\"fri-sun\",\"from\":\"19:00\",\"to\":\"24:00\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        bad.json().get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
        assertThat(errors.keySet()).containsExactly("shifts[0].mobile", "shifts[0].to", "shifts[1].name", "shifts[1].days",
                "shifts[1].from", "shifts[3].from");
        assertThat(errors.get("shifts[0].mobile")).contains("'12345' is not a valid mobile number");
        assertThat(errors.get("shifts[0].to")).contains("must be after from (18:00)", "two rows");
        assertThat(errors.get("shifts[3].from")).contains("overlaps row 3");

        DeskClient.Reply empty = server.client.put("/api/admin/on-duty", sue, "{\"version\":1,\"shifts\":[]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\"field\":\"shifts\"", "lists no one");

        AdminViews.OnDuty rota = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class);
        assertThat(rota.rows()).extracting(AdminViews.RotaRow::name).containsExactly("tomas", "ieva");
        assertThat(new AuditLog(server.db, clock).recent(10)).noneMatch(e -> e.action().equals("on-duty-edit"));
    }

    /**
     * Issue 24: two supervisors read the rota at the same version; the first save is kept, the second is 409 naming who
     * saved and when, and changes nothing (before: the second silently overwrote the first).
     */
    @Test
    void theSecondOfTwoSupervisorsSavingTheSameVersionGetsConflictAndChangesNothing() {
        clock.set(Instant.parse("2026-11-30T19:30:00Z"));
        start();
        String sue = server.client.login("sue", "secret");
        long read = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class).version();
        String first = "{\"version\":" + read + ",\"shifts\":[{\"name\":\"rasa\",\"mobile\":\"+37061234569\","
                + "\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"}]}";
        String second = "{\"version\":" + read + ",\"shifts\":[{\"name\":\"jonas\",\"mobile\":\"+37061234570\","
                + "\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"}]}";

        DeskClient.Reply saved = server.client.put("/api/admin/on-duty", sue, first);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        AdminViews.OnDuty after = saved.as(AdminViews.OnDuty.class);
        assertThat(after.version()).isEqualTo(read + 1);
        assertThat(after.changedBy()).isEqualTo("sue");

        DeskClient.Reply late = server.client.put("/api/admin/on-duty", server.client.login("sue", "secret"), second);
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.json().get("code").asText()).isEqualTo("changed");
        assertThat(late.json().get("message").asText()).contains("changed by sue at", "reload");
        assertThat(late.json().get("changedBy").asText()).isEqualTo("sue");
        assertThat(late.json().get("version").asLong()).isEqualTo(read + 1);

        AdminViews.OnDuty now = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class);
        assertThat(now.rows()).extracting(AdminViews.RotaRow::name).containsExactly("rasa");
        assertThat(new AuditLog(server.db, clock).recent(10)).filteredOn(e -> e.action().equals("on-duty-edit")).hasSize(1);
        // reloaded at the new version, the second supervisor's save goes through
        assertThat(server.client.put("/api/admin/on-duty", sue, second.replace("\"version\":" + read,
                "\"version\":" + now.version())).status()).isEqualTo(200);
    }

    /**
     * Issue 24 / ADR 0148: a save without the version it was read at no longer wins over what was saved meanwhile: it is
     * 400 naming the key {@code version}, and the rota in force stays as it was (before: 200, the last save won).
     */
    @Test
    void aSaveWithoutTheVersionItWasReadAtIsRefusedNamingVersionAndChangesNothing() {
        clock.set(Instant.parse("2026-11-30T19:30:00Z"));
        start();
        String sue = server.client.login("sue", "secret");
        long read = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class).version();

        DeskClient.Reply blind = server.client.put("/api/admin/on-duty", sue, "{\"shifts\":[{\"name\":\"jonas\","
                + "\"mobile\":\"+37061234570\",\"days\":\"mon-sun\",\"from\":\"00:00\",\"to\":\"24:00\"}]}");

        assertThat(blind.status()).as(blind.body()).isEqualTo(400);
        assertThat(blind.json().get("errors").findValuesAsText("field")).containsExactly("version");
        assertThat(blind.body()).contains("the version the rota was read at");
        AdminViews.OnDuty now = server.client.get("/api/admin/on-duty", sue).as(AdminViews.OnDuty.class);
        assertThat(now.rows()).extracting(AdminViews.RotaRow::name).containsExactly("tomas", "ieva");
        assertThat(now.version()).isEqualTo(read);
        assertThat(new AuditLog(server.db, clock).recent(10)).noneMatch(e -> e.action().equals("on-duty-edit"));
    }
}
