package dev.frontline.core.config;

import dev.frontline.core.common.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrontlineConfigTest {

    private static FrontlineConfig parse(String yaml) {
        return FrontlineConfig.parse(yaml, "test.yaml", Map.of());
    }

    private static ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml));
    }

    @Test
    void emptyFileMeansEveryDefault() {
        FrontlineConfig c = parse("");
        assertThat(c.store().url()).isEqualTo("jdbc:sqlite:data/frontline.db");
        assertThat(c.store().password()).isEmpty();
        assertThat(c.desk().zone()).isEqualTo(ZoneId.of("Europe/Vilnius"));
        assertThat(c.desk().defaultRegion()).isEqualTo("LT");
        assertThat(c.desk().hours().on(DayOfWeek.MONDAY)).hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("08:00-20:00"));
        assertThat(c.desk().hours().on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(c.desk().targets().onLine()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.desk().targets().forTier(Tier.LINE3)).isEqualTo(Duration.ofHours(24));
        assertThat(c.security().pinAttempts()).isEqualTo(3);
        assertThat(c.security().pinLockout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.section("acd").path()).isEqualTo("acd");
    }

    @Test
    void committedExampleFileParsesToTheDefaults(@TempDir Path dir) {
        Path example = Path.of("..", "frontline.yaml");
        FrontlineConfig c = FrontlineConfig.load(example, Map.of());
        FrontlineConfig d = FrontlineConfig.defaults(Map.of());
        assertThat(c.store()).isEqualTo(d.store());
        assertThat(c.security()).isEqualTo(d.security());
        assertThat(c.desk().targets()).isEqualTo(d.desk().targets());
        assertThat(c.desk().defaultRegion()).isEqualTo(d.desk().defaultRegion());
        assertThat(c.desk().choices()).isEqualTo(d.desk().choices());
        for (DayOfWeek day : DayOfWeek.values()) {
            assertThat(c.desk().hours().on(day)).as(day.toString()).isEqualTo(d.desk().hours().on(day));
        }
    }

    @Test
    void deskSectionIsRead() {
        FrontlineConfig c = parse("""
                desk:
                  timezone: Europe/Warsaw
                  hours:
                    mon-thu: 07:30-19:00
                    fri: 8:00-16:00
                    sat: closed
                  holidays: [2026-12-24, 2026-12-25]
                  default-region: pl
                  on-duty-mobile: 512 345 678
                  targets:
                    on-line: 45s
                    line1: 2m
                """);
        DeskConfig d = c.desk();
        assertThat(d.zone()).isEqualTo(ZoneId.of("Europe/Warsaw"));
        assertThat(d.hours().on(DayOfWeek.WEDNESDAY)).contains(new dev.frontline.core.desk.DeskHours.Span(LocalTime.of(7, 30), LocalTime.of(19, 0)));
        assertThat(d.hours().on(DayOfWeek.FRIDAY)).contains(new dev.frontline.core.desk.DeskHours.Span(LocalTime.of(8, 0), LocalTime.of(16, 0)));
        assertThat(d.hours().on(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(d.hours().holidays()).contains(LocalDate.parse("2026-12-25"));
        assertThat(d.defaultRegion()).isEqualTo("PL");
        assertThat(d.onDutyMobile()).contains("+48512345678");
        assertThat(d.targets().onLine()).isEqualTo(Duration.ofSeconds(45));
        assertThat(d.targets().line1()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.targets().line2()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThat(fails("desk:\n  timezone: Mars/Base").getMessage()).startsWith("desk.timezone:");
        assertThat(fails("desk:\n  hours:\n    mon-fri: 8-20").getMessage()).startsWith("desk.hours.mon-fri:");
        assertThat(fails("desk:\n  hours:\n    mon-fri: 20:00-08:00").getMessage()).startsWith("desk.hours.mon-fri:");
        assertThat(fails("desk:\n  hours:\n    mon-fri: 08:00-20:00\n    fri: closed").getMessage())
                .startsWith("desk.hours.fri:").contains("friday is given twice");
        assertThat(fails("desk:\n  hours:\n    funday: closed").getMessage()).startsWith("desk.hours.funday:");
        assertThat(fails("desk:\n  holidays: [2026-12-24, christmas]").getMessage()).startsWith("desk.holidays[1]:");
        assertThat(fails("desk:\n  default-region: XX").getMessage()).startsWith("desk.default-region:");
        assertThat(fails("desk:\n  on-duty-mobile: 123").getMessage()).startsWith("desk.on-duty-mobile:");
        assertThat(fails("desk:\n  targets:\n    line2: 10 minutes").getMessage()).startsWith("desk.targets.line2:");
        assertThat(fails("security:\n  pin-attempts: 0").getMessage()).startsWith("security.pin-attempts:");
        assertThat(fails("security:\n  pin-lockout: 0s").getMessage()).startsWith("security.pin-lockout:");
        assertThat(fails("store:\n  url: jdbc:mysql://db/x").getMessage()).startsWith("store.url:");
    }

    @Test
    void unknownKeysAreRefusedWithTheirName() {
        assertThat(fails("stroe:\n  url: x").getMessage()).startsWith("stroe: unknown section");
        assertThat(fails("security:\n  pin-attempt: 3").getMessage()).startsWith("security.pin-attempt: unknown key");
        assertThat(fails("desk:\n  target:\n    line1: 5m").getMessage()).startsWith("desk.target: unknown key");
    }

    @Test
    void notYamlNamesTheFile() {
        assertThat(fails("store: [unclosed").getMessage()).startsWith("test.yaml: not valid YAML");
        assertThat(fails("- a list").getMessage()).startsWith("test.yaml:");
        assertThat(fails("acd: 5").getMessage()).startsWith("acd: must be a section");
    }

    @Test
    void environmentOverridesSecrets() {
        FrontlineConfig c = FrontlineConfig.parse("""
                store:
                  url: jdbc:postgresql://db/frontline
                  user: fl
                  password: from-file
                asterisk:
                  ami-secret: file-secret
                """, "t", Map.of("FRONTLINE_STORE_PASSWORD", "from-env", "FRONTLINE_AMI_SECRET", "env-secret"));
        assertThat(c.store().password()).contains("from-env");
        assertThat(c.store().toString()).doesNotContain("from-env");
        ConfigNode asterisk = c.section("asterisk");
        assertThat(c.secret(asterisk, "ami-secret", FrontlineConfig.ENV_AMI_SECRET)).contains("env-secret");
        assertThat(c.secret(c.section("twilio"), "auth-token", FrontlineConfig.ENV_TWILIO_AUTH_TOKEN)).isEmpty();
        assertThat(parse("store:\n  password: from-file").store().password()).contains("from-file");
    }

    @Test
    void rawSectionsAreHandedToTheirOwners() {
        FrontlineConfig c = parse("acd:\n  ring-timeout: 15s\n  typo: 1\n");
        ConfigNode acd = c.section("acd");
        assertThat(acd.duration("ring-timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(15));
        assertThat(assertThrows(ConfigException.class, acd::rejectUnknownKeys).getMessage()).startsWith("acd.typo:");
        assertThat(c.section("sim").keys()).isEmpty();
        assertThrows(IllegalArgumentException.class, () -> c.section("store"));
    }

    @Test
    void missingFileNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThat(assertThrows(ConfigException.class, () -> FrontlineConfig.load(missing, Map.of())).getMessage())
                .startsWith(missing.toString());
    }

    @Test
    void fileIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("frontline.yaml");
        Files.writeString(f, "security:\n  pin-attempts: 5\n");
        FrontlineConfig c = FrontlineConfig.load(f, Map.of());
        assertThat(c.security().pinAttempts()).isEqualTo(5);
        assertThat(c.source()).contains(f);
    }

    @Test
    void theOnDutyRotaAlertsEveryoneWhoseShiftCoversTheMomentInTheDesksZone() {
        DeskConfig d = parse("""
                desk:
                  timezone: Europe/Vilnius
                  on-duty:
                    tomas:
                      mobile: 0612 34567
                      mon-fri: 20:00-08:00
                      sat-sun: 00:00-24:00
                    ieva:
                      mobile: "+37061234568"
                      mon-fri: 06:00-09:00, 18:00-22:00
                      sun: off
                """).desk();
        // Monday 21:00 in Vilnius (UTC+2 in winter): both; Tuesday 07:00: both (Tomas's night runs into Tuesday)
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-23T19:00:00Z"))).containsExactly("+37061234567", "+37061234568");
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-24T05:00:00Z"))).containsExactly("+37061234567", "+37061234568");
        // Tuesday 08:30: only Ieva; Tuesday 12:00: nobody; Saturday 08:00 morning after Friday night: Tomas
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-24T06:30:00Z"))).containsExactly("+37061234568");
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-24T10:00:00Z"))).isEmpty();
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-28T06:00:00Z"))).containsExactly("+37061234567");
        assertThat(d.onDutyMobile()).isEmpty();
    }

    @Test
    void theOldOnDutyMobileIsAOnePersonRotaAroundTheClock() {
        DeskConfig d = parse("desk:\n  on-duty-mobile: \"+37069999999\"\n").desk();
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-24T10:00:00Z"))).containsExactly("+37069999999");
        assertThat(d.onDuty().mobilesAt(java.time.Instant.parse("2026-11-29T23:59:59Z"))).containsExactly("+37069999999");
        assertThat(parse("").desk().onDuty().isEmpty()).isTrue();
    }

    @Test
    void aRotaErrorNamesTheKey() {
        assertThat(fails("desk:\n  on-duty:\n    tomas:\n      mon-fri: 20:00-08:00\n").getMessage())
                .startsWith("desk.on-duty.tomas.mobile: is required");
        assertThat(fails("desk:\n  on-duty:\n    tomas:\n      mobile: 123\n      mon: 20:00-08:00\n").getMessage())
                .startsWith("desk.on-duty.tomas.mobile:");
        assertThat(fails("desk:\n  on-duty:\n    tomas:\n      mobile: \"+37061234567\"\n      mun-fri: 20:00-08:00\n").getMessage())
                .startsWith("desk.on-duty.tomas.mun-fri:").contains("'mun' is not a day");
        assertThat(fails("desk:\n  on-duty:\n    tomas:\n      mobile: \"+37061234567\"\n      mon: evenings\n").getMessage())
                .startsWith("desk.on-duty.tomas.mon:").contains("20:00-08:00");
        assertThat(fails("desk:\n  on-duty:\n    tomas:\n      mobile: \"+37061234567\"\n").getMessage())
                .startsWith("desk.on-duty.tomas:").contains("no hours on duty");
        assertThat(fails("desk:\n  on-duty-mobile: \"+37069999999\"\n  on-duty:\n    tomas:\n      mobile: \"+37061234567\"\n      mon: 20:00-24:00\n").getMessage())
                .startsWith("desk.on-duty-mobile:").contains("not both");
    }
}
