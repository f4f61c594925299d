package dev.frontline.core.config;

import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskChoices;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.desk.OnDutyRota;
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
 * @param onDutyMobile  E.164 mobile of the one on-duty consultant ({@code desk.on-duty-mobile}, the old key): empty
 *                      when not set or when the rota is configured instead
 * @param number        the desk's public number (E.164) that customers dial: shown to them on callbacks and
 *                      printed in texts; empty when not configured
 * @param targets       answer targets (default on-line 30s, line1 5m, line2 10m, line3 24h)
 * @param onDuty        who is texted about technical failures after hours, by weekday and time ({@code desk.on-duty});
 *                      the old {@code on-duty-mobile} is a one-person rota around the clock
 * @param choices       the operators' dispositions and callback times ({@code desk.dispositions},
 *                      {@code desk.callback-times}; default six dispositions and 1h, 3h, tomorrow 09:00)
 */
public record DeskConfig(DeskHours hours, String defaultRegion, Optional<String> onDutyMobile, Targets targets,
                         Optional<String> number, OnDutyRota onDuty, DeskChoices choices) {
    public static final String DEFAULT_ZONE = "Europe/Vilnius";
    public static final String DEFAULT_REGION = "LT";

    public DeskConfig {
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(onDutyMobile, "onDutyMobile");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(onDuty, "onDuty");
        Objects.requireNonNull(choices, "choices");
    }

    /** With the default dispositions and callback times. */
    public DeskConfig(DeskHours hours, String defaultRegion, Optional<String> onDutyMobile, Targets targets,
                      Optional<String> number, OnDutyRota onDuty) {
        this(hours, defaultRegion, onDutyMobile, targets, number, onDuty, DeskChoices.DEFAULTS);
    }

    /** The desk with the old single on-duty mobile as its rota (on duty around the clock). */
    public DeskConfig(DeskHours hours, String defaultRegion, Optional<String> onDutyMobile, Targets targets,
                      Optional<String> number) {
        this(hours, defaultRegion, onDutyMobile, targets, number, onDutyMobile
                .map(m -> OnDutyRota.always("on-duty-mobile", m, hours.zone()))
                .orElse(new OnDutyRota(hours.zone(), List.of())));
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
        OnDutyRota rota;
        if (n.has("on-duty")) {
            if (onDuty.isPresent()) {
                throw new ConfigException(n.key("on-duty-mobile"),
                        "give either on-duty-mobile (one consultant, around the clock) or the on-duty rota, not both");
            }
            rota = readRota(n.section("on-duty"), zone, phones);
        } else {
            n.section("on-duty");
            rota = onDuty.map(m -> OnDutyRota.always("on-duty-mobile", m, zone)).orElse(new OnDutyRota(zone, List.of()));
        }
        DeskChoices choices = choices(n);
        n.rejectUnknownKeys();
        return new DeskConfig(new DeskHours(zone, week, holidays), region, onDuty, targets, number, rota, choices);
    }

    /**
     * {@code dispositions: [resolved, ...]} and {@code callback-times: [1h, 3h, tomorrow 09:00]}: a span from now
     * ({@code 30m}, {@code 2h}) or {@code tomorrow HH:MM}; a mistake names its key ({@code desk.callback-times[2]}).
     */
    static DeskChoices choices(ConfigNode n) {
        List<String> dispositions = n.strings("dispositions", DeskChoices.DEFAULTS.dispositions()).stream()
                .map(String::trim).toList();
        for (int i = 0; i < dispositions.size(); i++) {
            if (!DeskChoices.CODE.matcher(dispositions.get(i)).matches()) {
                throw new ConfigException(n.key("dispositions") + "[" + i + "]", "'" + dispositions.get(i)
                        + "' is not a disposition code: lower-case letters, digits and dashes, up to 40 (like no-action)");
            }
            if (dispositions.indexOf(dispositions.get(i)) != i) {
                throw new ConfigException(n.key("dispositions") + "[" + i + "]", "'" + dispositions.get(i) + "' is listed twice");
            }
        }
        if (dispositions.isEmpty()) {
            throw new ConfigException(n.key("dispositions"), "lists none: give at least one, or remove the key for the defaults");
        }
        List<DeskChoices.CallbackTime> times = new java.util.ArrayList<>();
        List<String> raw = n.has("callback-times") ? n.strings("callback-times", List.of()) : null;
        if (raw == null) {
            times.addAll(DeskChoices.DEFAULTS.callbackTimes());
        } else if (raw.isEmpty()) {
            throw new ConfigException(n.key("callback-times"), "lists none: give at least one, or remove the key for the defaults");
        }
        for (int i = 0; raw != null && i < raw.size(); i++) {
            String k = n.key("callback-times") + "[" + i + "]";
            String text = raw.get(i).trim();
            try {
                if (text.toLowerCase(Locale.ROOT).startsWith("tomorrow")) {
                    String at = text.substring("tomorrow".length()).trim();
                    times.add(DeskChoices.CallbackTime.nextDayAt(LocalTime.parse(at.length() == 4 ? "0" + at : at)));
                } else {
                    times.add(DeskChoices.CallbackTime.in(ConfigNode.parseDuration(k, text)));
                }
            } catch (DateTimeParseException e) {
                throw new ConfigException(k, "must be a span like 1h or 30m, or tomorrow 09:00, not '" + text + "'");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(k, e.getMessage());
            }
        }
        return new DeskChoices(dispositions, times);
    }

    /**
     * {@code on-duty:} one section per consultant: {@code mobile} and days ({@code mon}, {@code mon-fri}) with time
     * ranges ({@code 20:00-08:00} runs into the next morning; several separated by commas; {@code off}).
     */
    private static OnDutyRota readRota(ConfigNode rota, ZoneId zone, PhoneNumbers phones) {
        List<OnDutyRota.Shift> shifts = new java.util.ArrayList<>();
        if (rota.keys().isEmpty()) {
            throw new ConfigException(rota.path(), "lists no one: add a consultant with a mobile and days, or remove it");
        }
        for (String name : rota.keys()) {
            ConfigNode c = rota.section(name);
            String rawMobile = c.optionalString("mobile").orElseThrow(() ->
                    new ConfigException(c.key("mobile"), "is required: the consultant's mobile (E.164 or local)"));
            String mobile;
            try {
                mobile = phones.requireE164(rawMobile);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(c.key("mobile"), e.getMessage());
            }
            int before = shifts.size();
            for (String key : c.keys()) {
                if (key.equals("mobile")) {
                    continue;
                }
                String k = c.key(key);
                List<DayOfWeek> days = days(k, key);
                String value = c.string(key, "").trim();
                if (value.equalsIgnoreCase("off")) {
                    continue;
                }
                for (String part : value.split(",")) {
                    LocalTime[] span = rotaSpan(k, part.trim());
                    for (DayOfWeek d : days) {
                        if (span[1].isAfter(span[0])) {
                            shifts.add(new OnDutyRota.Shift(name, mobile, d, span[0], span[1]));
                        } else { // overnight: until midnight, then the next morning
                            shifts.add(new OnDutyRota.Shift(name, mobile, d, span[0], LocalTime.MAX));
                            if (!span[1].equals(LocalTime.MIN)) {
                                shifts.add(new OnDutyRota.Shift(name, mobile, d.plus(1), LocalTime.MIN, span[1]));
                            }
                        }
                    }
                }
            }
            if (shifts.size() == before) {
                throw new ConfigException(c.path(), "has no hours on duty: add days like 'mon-fri: 20:00-08:00'");
            }
        }
        return new OnDutyRota(zone, shifts);
    }

    /** {@code from} and {@code to} of one range; {@code to} before {@code from} runs past midnight. */
    private static LocalTime[] rotaSpan(String k, String value) {
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new ConfigException(k, "must be hours on duty like 20:00-08:00 (several separated by commas) or off, not '" + value + "'");
        }
        LocalTime from;
        LocalTime to;
        try {
            from = time(parts[0]);
            to = time(parts[1]);
        } catch (DateTimeParseException e) {
            throw new ConfigException(k, "must be hours on duty like 20:00-08:00 or off, not '" + value + "'");
        }
        if (from.equals(to) || from.equals(LocalTime.MAX)) {
            throw new ConfigException(k, "'" + value + "' is empty: use 00:00-24:00 for the whole day");
        }
        return new LocalTime[] {from, to};
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
