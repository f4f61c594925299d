package dev.frontline.core.desk;

import dev.frontline.core.customer.PhoneNumbers;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The on-duty rota as supervisors edit it (ADR 0143): rows of a consultant, their mobile, weekdays and hours in the
 * desk's time zone, from before to ({@code 24:00} is midnight at the end of the day). A night shift is two rows
 * (18:00-24:00 and 00:00-08:00 on the following days), as {@link OnDutyRota} keeps it. Immutable, thread-safe.
 */
public final class RotaRows {
    /** The longest consultant name kept. */
    public static final int MAX_NAME = 64;

    private RotaRows() {
    }

    /** One row: {@code to} is {@link LocalTime#MAX} for midnight at the end of the day; days in week order. */
    public record Row(String name, String mobile, Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mobile, "mobile");
            days = days.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(days));
            if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to: " + from + "-" + to);
        }
    }

    /** A row as typed: {@code days} like "mon-fri" or "sat,sun"; times "HH:mm" ({@code to} may be "24:00"). */
    public record Draft(String name, String mobile, String days, String from, String to) {}

    /** What is wrong with a field of the rota: {@code shifts[2].mobile}, or {@code shifts} for the whole. */
    public record Problem(String field, String message) {}

    /** A rota that cannot be kept, with every problem found; nothing was changed. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<Problem> problems;

        public Invalid(List<Problem> problems) {
            super(problems.isEmpty() ? "invalid rota" : problems.get(0).field() + " " + problems.get(0).message());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The rota's shifts as rows: a consultant's shifts with the same hours become one row with their days. */
    public static List<Row> rows(OnDutyRota rota) {
        Map<List<Object>, EnumSet<DayOfWeek>> grouped = new LinkedHashMap<>();
        for (OnDutyRota.Shift s : rota.shifts()) {
            grouped.computeIfAbsent(List.of(s.name(), s.mobile(), s.from(), s.to()), k -> EnumSet.noneOf(DayOfWeek.class))
                    .add(s.day());
        }
        List<Row> out = new ArrayList<>();
        grouped.forEach((k, days) -> out.add(new Row((String) k.get(0), (String) k.get(1), days, (LocalTime) k.get(2),
                (LocalTime) k.get(3))));
        return List.copyOf(out);
    }

    /** The rota of these rows in {@code zone}. */
    public static OnDutyRota rota(ZoneId zone, List<Row> rows) {
        List<OnDutyRota.Shift> shifts = new ArrayList<>();
        for (Row r : rows) {
            for (DayOfWeek d : r.days()) shifts.add(new OnDutyRota.Shift(r.name(), r.mobile(), d, r.from(), r.to()));
        }
        return new OnDutyRota(zone, shifts);
    }

    /**
     * Reads rows as typed. Every problem is reported at once, naming its field ({@code shifts[i].name}, {@code .mobile},
     * {@code .days}, {@code .from}, {@code .to}; {@code shifts} for an empty rota).
     *
     * @throws Invalid for an empty rota, a missing name, a mobile that is not a valid number (kept as E.164), days or
     *                 times that cannot be read, a row that ends before it starts, or two rows of one consultant that
     *                 overlap
     */
    public static List<Row> parse(List<Draft> drafts, PhoneNumbers phones) {
        List<Problem> problems = new ArrayList<>();
        if (drafts == null || drafts.isEmpty()) {
            throw new Invalid(List.of(new Problem("shifts", "the rota lists no one: add a consultant with a mobile, "
                    + "days and hours, or nobody is texted about technical failures after hours")));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            String at = "shifts[" + i + "].";
            int before = problems.size();
            String name = d == null || d.name() == null ? "" : d.name().strip();
            if (name.isEmpty()) problems.add(new Problem(at + "name", "is required: who is on duty"));
            else if (name.length() > MAX_NAME) problems.add(new Problem(at + "name", "is longer than " + MAX_NAME + " characters"));
            String mobile = null;
            String rawMobile = d == null || d.mobile() == null ? "" : d.mobile().strip();
            if (rawMobile.isEmpty()) {
                problems.add(new Problem(at + "mobile", "is required: the consultant's mobile, e.g. +37061234567"));
            } else {
                try {
                    mobile = phones.requireE164(rawMobile);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(at + "mobile", "'" + rawMobile + "' is not a valid mobile number ("
                            + e.getMessage() + "): give it as +37061234567"));
                }
            }
            Set<DayOfWeek> days = null;
            try {
                days = days(d == null ? null : d.days());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at + "days", e.getMessage()));
            }
            LocalTime from = time(d == null ? null : d.from(), false, at + "from", problems);
            LocalTime to = time(d == null ? null : d.to(), true, at + "to", problems);
            if (from != null && to != null && !from.isBefore(to)) {
                problems.add(new Problem(at + "to", "must be after from (" + d.from().strip() + "): a night shift is two "
                        + "rows, e.g. 18:00-24:00 and 00:00-08:00 on the following days"));
            }
            if (problems.size() == before) {
                Row row = new Row(name, mobile, days, from, to);
                for (int j = 0; j < rows.size(); j++) {
                    Row other = rows.get(j);
                    if (other != null && overlap(other, row)) {
                        problems.add(new Problem(at + "from", "overlaps row " + (j + 1) + " (" + other.name() + ", "
                                + days(other.days()) + " " + time(other.from()) + "-" + time(other.to())
                                + "): one consultant cannot be on duty twice at once"));
                        break;
                    }
                }
                rows.add(row);
            } else {
                rows.add(null);
            }
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return List.copyOf(rows);
    }

    private static boolean overlap(Row a, Row b) {
        if (!a.mobile().equals(b.mobile()) && !a.name().equalsIgnoreCase(b.name())) return false;
        if (a.days().stream().noneMatch(b.days()::contains)) return false;
        return a.from().isBefore(b.to()) && b.from().isBefore(a.to());
    }

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** "mon-fri", "sat,sun", "mon,wed-fri": weekdays in week order. */
    public static Set<DayOfWeek> days(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("are required: e.g. mon-fri or sat,sun");
        }
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : typed.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            String[] ends = p.split("-", -1);
            if (ends.length > 2 || p.isEmpty()) throw badDays(typed);
            int a = DAY_NAMES.indexOf(ends[0].strip());
            int b = ends.length == 2 ? DAY_NAMES.indexOf(ends[1].strip()) : a;
            if (a < 0 || b < 0) throw badDays(typed);
            for (int i = a; ; i = (i + 1) % 7) { // fri-mon wraps over the weekend
                out.add(DayOfWeek.of(i + 1));
                if (i == b) break;
            }
        }
        return out;
    }

    private static IllegalArgumentException badDays(String typed) {
        return new IllegalArgumentException("'" + typed.strip() + "' are not days: mon, tue, wed, thu, fri, sat, sun, "
                + "ranges like mon-fri, separated by commas");
    }

    /** The days written back: "mon-fri", "sat,sun", "mon,wed-fri". */
    public static String days(Set<DayOfWeek> days) {
        List<String> parts = new ArrayList<>();
        int i = 1;
        while (i <= 7) {
            if (!days.contains(DayOfWeek.of(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < 7 && days.contains(DayOfWeek.of(j + 1))) j++;
            String a = DAY_NAMES.get(i - 1);
            parts.add(j == i ? a : j == i + 1 ? a + "," + DAY_NAMES.get(j - 1) : a + "-" + DAY_NAMES.get(j - 1));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    /** "18:00"; "24:00" for the end of the day. */
    public static String time(LocalTime t) {
        return t.equals(LocalTime.MAX) ? "24:00" : String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    private static LocalTime time(String typed, boolean end, String field, List<Problem> problems) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty()) {
            problems.add(new Problem(field, "is required: a time like 18:00"));
            return null;
        }
        if (end && t.equals("24:00")) return LocalTime.MAX;
        try {
            if (!t.matches("\\d{1,2}:\\d{2}")) throw new DateTimeParseException("", t, 0);
            return LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "'" + t + "' is not a time: HH:mm, like 18:00" + (end ? " (24:00 for midnight)" : "")));
            return null;
        }
    }
}
