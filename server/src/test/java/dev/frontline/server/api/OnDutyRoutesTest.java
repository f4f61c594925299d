package dev.frontline.server.api;

import dev.frontline.core.api.AdminViews;
import dev.frontline.server.testing.ApiOnDiskTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/admin/on-duty}: the configured rota and who is on duty now, for supervisors only. */
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
}
