package dev.frontline.server.sms;

import dev.frontline.core.desk.OnDutyRota;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The web form's single on-duty alert reaches everyone on the rota at that moment; other texts pass through. */
class OnDutyTextsTest {
    static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    final List<SmsRequest> sent = new ArrayList<>();
    final OnDutyRota rota = new OnDutyRota(VILNIUS, List.of(
            new OnDutyRota.Shift("tomas", "+37060000001", DayOfWeek.MONDAY, LocalTime.of(20, 0), LocalTime.MAX),
            new OnDutyRota.Shift("ieva", "+37060000002", DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.MAX)));

    OnDutyTexts at(String instant) {
        return new OnDutyTexts(r -> {
            sent.add(r);
            return new SmsResult(SmsResult.Status.SENT, "1", "");
        }, rota, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void anOnDutyAlertGoesToEveryoneOnDutyNow() {
        OnDutyTexts texts = at("2026-11-23T20:00:00Z"); // Monday 22:00 in Vilnius
        assertThat(texts.send(new SmsRequest(texts.anyMobile().orElseThrow(), "failure", false, Optional.empty(), "on-duty-alert"))
                .accepted()).isTrue();
        assertThat(sent).extracting(SmsRequest::to).containsExactly("+37060000001", "+37060000002");
        texts.send(new SmsRequest("+37061111111", "your contract", false, Optional.empty(), "contract-number"));
        assertThat(sent).last().extracting(SmsRequest::to).isEqualTo("+37061111111");
    }

    @Test
    void nobodyOnDutyIsAFailedSendNotASilentOne() {
        SmsResult r = at("2026-11-24T10:00:00Z").send(new SmsRequest("+37060000001", "x", false, Optional.empty(), "on-duty-alert"));
        assertThat(r.accepted()).isFalse();
        assertThat(r.detail()).contains("nobody is on duty");
        assertThat(sent).isEmpty();
    }

    /** Issue 24: a refused or throwing text to one consultant does not keep the alert from the others. */
    @Test
    void aFailedTextToOneConsultantStillTextsTheOthers() {
        List<String> tried = new ArrayList<>();
        OnDutyRota three = new OnDutyRota(VILNIUS, List.of(
                new OnDutyRota.Shift("tomas", "+37060000001", DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.MAX),
                new OnDutyRota.Shift("ieva", "+37060000002", DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.MAX),
                new OnDutyRota.Shift("rasa", "+37060000003", DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.MAX)));
        OnDutyTexts texts = new OnDutyTexts(r -> {
            tried.add(r.to());
            if (r.to().endsWith("1")) throw new IllegalStateException("the SMS log cannot be written");
            if (r.to().endsWith("2")) return new SmsResult(SmsResult.Status.FAILED, "2", "provider refused");
            return new SmsResult(SmsResult.Status.SENT, "3", "");
        }, three, Clock.fixed(Instant.parse("2026-11-23T20:00:00Z"), ZoneOffset.UTC));

        SmsResult r = texts.send(new SmsRequest("+37060000001", "failure", false, Optional.empty(), OnDutyTexts.PURPOSE));

        assertThat(tried).containsExactly("+37060000001", "+37060000002", "+37060000003");
        assertThat(r.accepted()).as("the first refusal is reported").isFalse();
    }
}
