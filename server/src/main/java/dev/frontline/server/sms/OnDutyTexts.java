package dev.frontline.server.sms;

import dev.frontline.core.desk.OnDutyRota;
import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * An {@link SmsPort} in front of another that sends every {@code on-duty-alert} to everyone on duty at that moment
 * ({@code desk.on-duty}) instead of the one number the sender named; other texts pass through. It lets code written
 * for the single {@code desk.on-duty-mobile} (the web callback form) alert the whole rota. Thread-safe.
 */
public final class OnDutyTexts implements SmsPort {
    public static final String PURPOSE = "on-duty-alert";

    private final SmsPort sms;
    private final java.util.function.Supplier<OnDutyRota> rota;
    private final Clock clock;

    public OnDutyTexts(SmsPort sms, OnDutyRota rota, Clock clock) {
        this(sms, () -> rota, clock);
        Objects.requireNonNull(rota, "rota");
    }

    /** With the rota read at every alert (the stored one supervisors edit, ADR 0143). */
    public OnDutyTexts(SmsPort sms, java.util.function.Supplier<OnDutyRota> rota, Clock clock) {
        this.sms = Objects.requireNonNull(sms, "sms");
        this.rota = Objects.requireNonNull(rota, "rota");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A number to hand code that wants one on-duty mobile (any of the rota's; the text goes to those on duty). */
    public java.util.Optional<String> anyMobile() {
        return rota.get().shifts().stream().map(OnDutyRota.Shift::mobile).findFirst();
    }

    /** @return the first refusal, else the last acceptance; FAILED when nobody is on duty now */
    @Override
    public SmsResult send(SmsRequest r) {
        if (!PURPOSE.equals(r.purpose())) {
            return sms.send(r);
        }
        List<String> onDuty = rota.get().mobilesAt(clock.instant());
        if (onDuty.isEmpty()) {
            return new SmsResult(SmsResult.Status.FAILED, "", "nobody is on duty now (desk.on-duty)");
        }
        SmsResult out = null;
        for (String mobile : onDuty) { // one that fails (even throws) keeps the alert from nobody else
            SmsResult res;
            try {
                res = sms.send(new SmsRequest(mobile, r.body(), r.secret(), r.customer(), r.purpose()));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(OnDutyTexts.class).warn("on-duty alert to {} failed: {}", mobile, e.toString());
                res = new SmsResult(SmsResult.Status.FAILED, "", "not sent: " + e.getMessage());
            }
            if (out == null || out.accepted()) {
                out = res;
            }
        }
        return out;
    }
}
