package dev.frontline.core.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * What a report covers: the days {@code from} to {@code to} (inclusive) in the desk's {@code zone}, cut into
 * {@code interval}s and broken down {@code by} one dimension.
 */
public record ReportQuery(LocalDate from, LocalDate to, ZoneId zone, Interval interval, Breakdown by) {
    /** The longest period one report covers. */
    public static final int MAX_DAYS = 400;

    public ReportQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(by, "by");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days, not " + from + " to " + to);
        }
        if (interval == Interval.QUARTER_HOUR && from.plusDays(MAX_QUARTER_HOUR_DAYS - 1L).isBefore(to)) {
            throw new IllegalArgumentException("15-minute intervals cover at most " + MAX_QUARTER_HOUR_DAYS
                    + " days: use hour or day");
        }
        if (interval == Interval.HOUR && by == Breakdown.OPERATOR && from.plusDays(MAX_HOUR_BY_OPERATOR_DAYS - 1L).isBefore(to)) {
            throw new IllegalArgumentException("hour intervals by operator cover at most " + MAX_HOUR_BY_OPERATOR_DAYS
                    + " days (a row per hour and operator): use day");
        }
        if (interval == Interval.HOUR && from.plusDays(MAX_HOUR_DAYS - 1L).isBefore(to)) {
            throw new IllegalArgumentException("hour intervals cover at most " + MAX_HOUR_DAYS + " days: use day");
        }
    }

    /**
     * Result size (issue 24): the longest period of 15-minute intervals (2,976 intervals), of hours by operator (744
     * hours, a row per operator in each) and of hours (2,208). A year by hour and operator was 147,151 rows.
     */
    public static final int MAX_QUARTER_HOUR_DAYS = 31;
    public static final int MAX_HOUR_BY_OPERATOR_DAYS = 31;
    public static final int MAX_HOUR_DAYS = 92;

    /** A named period ending on (and including) {@code day}: day, week (Monday..Sunday), month. */
    public static ReportQuery period(String period, LocalDate day, ZoneId zone, Interval interval, Breakdown by) {
        return switch (period.toLowerCase(Locale.ROOT)) {
            case "day" -> new ReportQuery(day, day, zone, interval, by);
            case "week" -> {
                LocalDate monday = day.minusDays(day.getDayOfWeek().getValue() - 1L);
                yield new ReportQuery(monday, monday.plusDays(6), zone, interval, by);
            }
            case "month" -> new ReportQuery(day.withDayOfMonth(1), day.withDayOfMonth(day.lengthOfMonth()), zone,
                    interval, by);
            default -> throw new IllegalArgumentException("unknown period '" + period + "': day, week or month");
        };
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Exclusive. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** How a period is cut. */
    public enum Interval {
        QUARTER_HOUR("15min"), HOUR("hour"), DAY("day"), TOTAL("total");

        public final String code;

        Interval(String code) {
            this.code = code;
        }

        public static Interval of(String code) {
            for (Interval i : values()) if (i.code.equalsIgnoreCase(code)) return i;
            throw new IllegalArgumentException("unknown interval '" + code + "': 15min, hour, day or total");
        }

        /** The start of the interval holding {@code t}, in {@code zone}. */
        Instant bucket(Instant t, Instant periodStart, ZoneId zone) {
            return switch (this) {
                case TOTAL -> periodStart;
                case DAY -> t.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
                case HOUR -> t.atZone(zone).withMinute(0).withSecond(0).withNano(0).toInstant();
                case QUARTER_HOUR -> {
                    var z = t.atZone(zone);
                    yield z.withMinute(z.getMinute() / 15 * 15).withSecond(0).withNano(0).toInstant();
                }
            };
        }
    }

    /** The dimension rows are broken down by: queue (intent), line (tier), language, operator, or none. */
    public enum Breakdown {
        NONE, QUEUE, LINE, LANGUAGE, OPERATOR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Breakdown of(String code) {
            for (Breakdown b : values()) if (b.code().equalsIgnoreCase(code)) return b;
            throw new IllegalArgumentException("unknown breakdown '" + code + "': none, queue, line, language or operator");
        }
    }
}
