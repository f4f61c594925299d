package dev.frontline.core.config;

import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.desk.Targets;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code desk:} the desk's calendar, phone region and targets.
 *
 * @param hours         working hours per weekday, holidays and time zone (default Europe/Vilnius,
 *                      mon-fri 08:00-20:00, sat 09:00-15:00)
 * @param defaultRegion region for phone numbers written without {@code +country} (default LT)
 * @param onDutyMobile  E.164 mobile of the on-duty consultant, texted about technical failures after hours
 * @param number        the desk's public number (E.164) that customers dial: shown to them on callbacks and
 *                      printed in texts; empty when not configured
 * @param targets       answer targets (default on-line 30s, line1 5m, line2 10m, line3 24h)
 */
public record DeskConfig(DeskHours hours, String defaultRegion, Optional<String> onDutyMobile, Targets targets,
                         Optional<String> number) {
    public static final String DEFAULT_ZONE = "Europe/Vilnius";
    public static final String DEFAULT_REGION = "LT";

    public DeskConfig {
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(onDutyMobile, "onDutyMobile");
        Objects.requireNonNull(targets, "targets");
    }

    public static DeskConfig defaults() {
        return new DeskConfig(DeskHours.defaults(ZoneId.of(DEFAULT_ZONE)), DEFAULT_REGION, Optional.empty(),
                Targets.DEFAULTS, Optional.empty());
    }

    public ZoneId zone() {
        return hours.zone();
    }

    /** Phone normalisation in this desk's default region. */
    public PhoneNumbers phoneNumbers() {
        return new PhoneNumbers(defaultRegion);
    }

    static DeskConfig from(ConfigNode n) {
        ZoneId zone;
        String zoneText = n.string("timezone", DEFAULT_ZONE).trim();
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new ConfigException(n.key("timezone"), "unknown time zone '" + zoneText + "' (use a name like Europe/Vilnius)");
        }
        DeskHours defaults = DeskHours.defaults(zone);
        Map<DayOfWeek, DeskHours.Span> week = new EnumMap<>(DayOfWeek.class);
        if (n.has("hours")) {
            readWeek(n.section("hours"), week);
        } else {
            n.section("hours");
            for (DayOfWeek d : DayOfWeek.values()) {
                defaults.on(d).ifPresent(s -> week.put(d, s));
            }
        }
        Set<LocalDate> holidays = new LinkedHashSet<>();
        List<String> dates = n.strings("holidays", List.of());
        for (int i = 0; i < dates.size(); i++) {
            try {
                holidays.add(LocalDate.parse(dates.get(i).trim()));
            } catch (DateTimeParseException e) {
                throw new ConfigException(n.key("holidays") + "[" + i + "]", "must be a date like 2026-12-25, not '" + dates.get(i) + "'");
            }
        }
        String region = n.string("default-region", DEFAULT_REGION).trim().toUpperCase(Locale.ROOT);
        PhoneNumbers phones;
        try {
            phones = new PhoneNumbers(region);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.key("default-region"), e.getMessage());
        }
        Optional<String> onDuty = n.optionalString("on-duty-mobile").map(raw -> {
            try {
                return phones.requireE164(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(n.key("on-duty-mobile"), e.getMessage());
            }
        });
        Optional<String> number = n.optionalString("number").map(raw -> {
            try {
                return phones.requireE164(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(n.key("number"), e.getMessage());
            }
        });
        ConfigNode t = n.section("targets");
        Targets d = Targets.DEFAULTS;
        Targets targets = new Targets(positive(t, "on-line", d.onLine()), positive(t, "line1", d.line1()),
                positive(t, "line2", d.line2()), positive(t, "line3", d.line3()));
        t.rejectUnknownKeys();
        n.rejectUnknownKeys();
        return new DeskConfig(new DeskHours(zone, week, holidays), region, onDuty, targets, number);
    }

    private static java.time.Duration positive(ConfigNode t, String key, java.time.Duration def) {
        java.time.Duration v = t.duration(key, def);
        if (v.isZero()) {
            throw new ConfigException(t.key(key), "must be longer than 0");
        }
        return v;
    }

    /** Keys are a day ({@code mon}) or a range ({@code mon-fri}); values {@code 08:00-20:00} or {@code closed}. */
    private static void readWeek(ConfigNode hours, Map<DayOfWeek, DeskHours.Span> week) {
        Set<DayOfWeek> seen = java.util.EnumSet.noneOf(DayOfWeek.class);
        for (String key : hours.keys()) {
            String k = hours.key(key);
            List<DayOfWeek> days = days(k, key);
            String value = hours.string(key, "").trim();
            DeskHours.Span span = value.equalsIgnoreCase("closed") ? null : span(k, value);
            for (DayOfWeek d : days) {
                if (!seen.add(d)) {
                    throw new ConfigException(k, d.toString().toLowerCase(Locale.ROOT) + " is given twice");
                }
                if (span != null) {
                    week.put(d, span);
                }
            }
        }
    }

    private static List<DayOfWeek> days(String k, String key) {
        String[] parts = key.trim().toLowerCase(Locale.ROOT).split("-");
        if (parts.length == 1) {
            return List.of(day(k, parts[0]));
        }
        if (parts.length == 2) {
            DayOfWeek from = day(k, parts[0]);
            DayOfWeek to = day(k, parts[1]);
            if (to.getValue() < from.getValue()) {
                throw new ConfigException(k, "day range must run forward within a week (mon-fri), not '" + key + "'");
            }
            List<DayOfWeek> out = new java.util.ArrayList<>();
            for (int v = from.getValue(); v <= to.getValue(); v++) {
                out.add(DayOfWeek.of(v));
            }
            return out;
        }
        throw new ConfigException(k, "must be a day (mon) or a range of days (mon-fri), not '" + key + "'");
    }

    private static DayOfWeek day(String k, String s) {
        return switch (s.trim()) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            case "sun" -> DayOfWeek.SUNDAY;
            default -> throw new ConfigException(k, "'" + s + "' is not a day (mon, tue, wed, thu, fri, sat, sun)");
        };
    }

    private static DeskHours.Span span(String k, String value) {
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new ConfigException(k, "must be opening hours like 08:00-20:00 or closed, not '" + value + "'");
        }
        try {
            return new DeskHours.Span(time(parts[0]), time(parts[1]));
        } catch (DateTimeParseException e) {
            throw new ConfigException(k, "must be opening hours like 08:00-20:00 or closed, not '" + value + "'");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(k, e.getMessage());
        }
    }

    private static LocalTime time(String s) {
        String t = s.trim();
        if ("24:00".equals(t)) {
            return LocalTime.MAX;
        }
        return LocalTime.parse(t.length() == 4 ? "0" + t : t);
    }
}
