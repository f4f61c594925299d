package dev.frontline.core.call;

import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.desk.OnDutyRota;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the voice menu needs from configuration.
 *
 * @param flowsDir     directory of flow files ({@code flows.dir}, default {@code ivr-flows})
 * @param resetLink    the self-service password-reset page texted with the login; {@code {login}} is replaced
 *                     ({@code flows.reset-link})
 * @param rota         who is texted about technical failures after hours: everyone on duty at that moment, read
 *                     when the alert is sent (the stored rota supervisors edit, ADR 0143; {@code desk.on-duty} or
 *                     the old {@code desk.on-duty-mobile} until the server reads the store)
 * @param zone         the desk's time zone, for announced times (outage ends)
 */
public record IvrSettings(Path flowsDir, String resetLink, java.util.function.Supplier<OnDutyRota> rota, ZoneId zone) {
    public static final String DEFAULT_RESET_LINK = "https://my.example.net/reset?login={login}";

    /** With a rota that does not change. */
    public IvrSettings(Path flowsDir, String resetLink, OnDutyRota onDuty, ZoneId zone) {
        this(flowsDir, resetLink, () -> onDuty, zone);
    }

    /** The rota now. */
    public OnDutyRota onDuty() {
        return rota.get();
    }

    /** These settings with {@code rota} (the stored one) read for every alert. */
    public IvrSettings withRota(java.util.function.Supplier<OnDutyRota> rota) {
        return new IvrSettings(flowsDir, resetLink, rota, zone);
    }

    /** With one on-duty mobile around the clock (empty = nobody). */
    public IvrSettings(Path flowsDir, String resetLink, Optional<String> onDutyMobile, ZoneId zone) {
        this(flowsDir, resetLink, onDutyMobile.map(m -> OnDutyRota.always("on-duty-mobile", m, zone))
                .orElse(OnDutyRota.NOBODY), zone);
    }

    public static IvrSettings from(FrontlineConfig config) {
        ConfigNode flows = config.section("flows");
        Path dir = Path.of(flows.string("dir", "ivr-flows"));
        String link = flows.string("reset-link", DEFAULT_RESET_LINK);
        flows.rejectUnknownKeys();
        return new IvrSettings(dir, link, config.desk().onDuty(), config.desk().zone());
    }
}
