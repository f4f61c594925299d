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
 * @param onDuty       who is texted about technical failures after hours ({@code desk.on-duty}, or the old
 *                     {@code desk.on-duty-mobile}): everyone on duty at that moment
 * @param zone         the desk's time zone, for announced times (outage ends)
 */
public record IvrSettings(Path flowsDir, String resetLink, OnDutyRota onDuty, ZoneId zone) {
    public static final String DEFAULT_RESET_LINK = "https://my.example.net/reset?login={login}";

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
