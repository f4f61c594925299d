package dev.frontline.bench;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The generated year of a busy desk that {@link ReportBench} loads: the same rows, in the same order, for every loader
 * ({@link YearLoader}), for a given number of calls. {@code calls} calls over 2025 in Vilnius, weekdays busier than
 * weekends (a Saturday or Sunday carries 40 %), between 08:00 and 20:00 with peaks at 10-12 and 14-16; queues
 * technical 50 %, general 30 %, sales 20 %; lines 1/2/3 at 85/12/3 %; languages lt 55, ru 25, en 10, pl 7, sl 3 %; 50
 * operators; 25 % self-served in the menu, 65 % answered (a wait of 0-90 s, talk 1-8 min), 7 % abandoned, 3 % callback.
 * Events: five per queued call (queued, offered, ringing, answered or abandoned, ended), one operator state change per
 * call, a transfer for one in seven line-1 answers: about five per call. A third of the answered calls are rated; one in
 * five answered calls opens a ticket (its notes: opened on the caller's line, an operator's first answer within 0-10 h,
 * an escalation for one in seven line-1 tickets, a close for 85 %, a reopen for 3 %).
 */
final class ReportYear {
    static final ZoneId ZONE = ZoneId.of("Europe/Vilnius");
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    static final int OPERATORS = 50;
    /** A sink's batch ends every this many calls (the slow loader commits there, as the desk's writer would often). */
    static final int BATCH_CALLS = 20_000;
    static final String[] REASONS = {"coffee", "lunch", "training", "meeting", "technical"};
    static final String[] INTENTS = {"technical", "general", "sales"};
    static final int[] INTENT_P = {50, 30, 20};
    static final String[] TIERS = {"line1", "line2", "line3"};
    static final int[] TIER_P = {85, 12, 3};
    static final String[] LANGS = {"lt", "ru", "en", "pl", "sl"};
    static final int[] LANG_P = {55, 25, 10, 7, 3};

    /** The tables the year fills, with the columns in the order {@link Sink#row} gets them. */
    enum Table {
        OPERATORS("operators", "login, name, password_hash, role, skills, languages, created_at"),
        CALLS("calls", "call_id, backend, calling_number, started_at, queued_at, answered_at, ended_at, outcome, "
                + "ended_at_step, intent, tier, language, operator_login, ticket_id"),
        EVENTS("call_events", "at, type, call_id, operator_login, payload"),
        RATINGS("ratings", "call_id, score, at"),
        CALLBACKS("callbacks", "call_id, number, intent, priority, tier, language, original_arrived_at, state, "
                + "created_at, updated_at"),
        TICKETS("tickets", "id, call_id, subject, intent, tier, state, priority, opened_at, due_at, closed_at, "
                + "operator_login"),
        NOTES("ticket_notes", "ticket_id, at, author, kind, text");

        final String name;
        final String columns;
        final int width;

        Table(String name, String columns) {
            this.name = name;
            this.columns = columns;
            this.width = columns.split(",").length;
        }
    }

    /** Where the rows go; values are String, Long, Integer or null. */
    interface Sink {
        void row(Table t, Object... values) throws Exception;

        /** After every {@link #BATCH_CALLS} calls and at the end. */
        void batchEnd() throws Exception;
    }

    private ReportYear() {
    }

    /** Feeds the whole year to {@code sink}; returns the rows per table (indexed by {@link Table#ordinal()}). */
    static long[] generate(int calls, Sink sink) throws Exception {
        long[] counts = new long[Table.values().length];
        Sink counted = new Sink() {
            @Override
            public void row(Table t, Object... values) throws Exception {
                if (values.length != t.width) throw new IllegalArgumentException(t + ": " + values.length + " values");
                counts[t.ordinal()]++;
                sink.row(t, values);
            }

            @Override
            public void batchEnd() throws Exception {
                sink.batchEnd();
            }
        };
        feed(calls, counted);
        return counts;
    }

    private static void feed(int calls, Sink sink) throws Exception {
        Random rnd = new Random(42);
        long yearStart = FIRST.atStartOfDay(ZONE).toInstant().toEpochMilli();
        for (int o = 0; o < OPERATORS; o++) {
            sink.row(Table.OPERATORS, "op" + o, "Operator " + o, "x", "operator", "technical,general,sales",
                    "lt,ru,en,pl,sl", yearStart);
        }
        // calls per day: weekdays weight 1, weekends 0.4
        double[] weight = new double[365];
        double total = 0;
        for (int d = 0; d < 365; d++) {
            DayOfWeek w = FIRST.plusDays(d).getDayOfWeek();
            weight[d] = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? 0.4 : 1.0;
            total += weight[d];
        }
        int i = 0;
        int tickets = 0;
        double before = 0;
        for (int d = 0; d < 365; d++) {
            // cumulative rounding: the days add up to exactly {@code calls} (rounding each day alone gave 2,132 for 2,000)
            int today = (int) (Math.round(calls * (before + weight[d]) / total) - Math.round(calls * before / total));
            before += weight[d];
            long midnight = FIRST.plusDays(d).atStartOfDay(ZONE).toInstant().toEpochMilli();
            List<Long> starts = new ArrayList<>();
            for (int k = 0; k < today; k++) {
                starts.add(midnight + minuteOfDay(rnd) * 60_000L + rnd.nextInt(60_000));
            }
            Collections.sort(starts);
            for (long t : starts) {
                String id = "b" + i;
                String number = "+3706" + (1_000_000 + rnd.nextInt(3_000_000));
                String op = "op" + rnd.nextInt(OPERATORS);
                String intent = weighted(rnd, INTENTS, INTENT_P);
                String tier = weighted(rnd, TIERS, TIER_P);
                String lang = weighted(rnd, LANGS, LANG_P);
                double u = rnd.nextDouble();
                Long queued = null;
                Long answered = null;
                long ended;
                String outcome;
                String step = "queue";
                if (u < 0.25) {
                    outcome = "self-served";
                    step = rnd.nextBoolean() ? "sms-contract" : "sms-login";
                    ended = t + 40_000;
                } else {
                    queued = t + 20_000;
                    if (u < 0.9) {
                        answered = queued + (long) (rnd.nextDouble() * 90_000);
                        ended = answered + 60_000 + (long) (rnd.nextDouble() * 420_000);
                        outcome = "answered";
                    } else if (u < 0.97) {
                        ended = queued + (long) (rnd.nextDouble() * 120_000);
                        outcome = "abandoned";
                    } else {
                        ended = queued + 30_000;
                        outcome = "callback";
                    }
                }
                String ticket = answered != null && rnd.nextInt(5) == 0 ? "T" + (++tickets) : null;
                sink.row(Table.CALLS, id, "sim", number, t, queued, answered, ended, outcome, step, intent, tier, lang,
                        answered == null ? null : op, ticket);
                String payload = "{\"callId\":{\"value\":\"" + id + "\"}}";
                if (queued != null) {
                    sink.row(Table.EVENTS, queued, "CallQueued", id, null, payload);
                    sink.row(Table.EVENTS, queued + 1, "CallOffered", id, op, payload);
                    sink.row(Table.EVENTS, queued + 2, "PhoneRinging", id, op, payload);
                    sink.row(Table.EVENTS, answered != null ? answered : ended,
                            answered != null ? "CallAnswered" : "CallAbandoned", id, op, payload);
                    sink.row(Table.EVENTS, ended, "CallEnded", id, op, payload);
                }
                if (answered != null && "line1".equals(tier) && rnd.nextInt(7) == 0) {
                    sink.row(Table.EVENTS, answered + 30_000, "CallTransferred", id, op, "{\"callId\":{\"value\":\""
                            + id + "\"},\"intent\":\"" + intent.toUpperCase() + "\",\"tier\":\"LINE2\"}");
                }
                String state = rnd.nextInt(10) == 0 ? "BREAK" : rnd.nextBoolean() ? "READY" : "WRAP_UP";
                sink.row(Table.EVENTS, t + 1, "OperatorStateChanged", null, op, "{\"operator\":{\"value\":\"" + op
                        + "\"},\"state\":\"" + state + "\",\"reason\":\""
                        + (state.equals("BREAK") ? REASONS[rnd.nextInt(5)] : "") + "\"}");
                if (answered != null && rnd.nextInt(3) == 0) {
                    sink.row(Table.RATINGS, id, 1 + Math.min(4, (int) (rnd.nextDouble() * 5.6)), ended + 20_000);
                }
                if ("callback".equals(outcome)) {
                    sink.row(Table.CALLBACKS, id, number, "general", 3, "line1", "en", queued,
                            rnd.nextInt(10) == 0 ? "failed" : "done", ended, ended);
                }
                if (ticket != null) ticket(rnd, sink, ticket, id, intent, tier, op, answered);
                i++;
                if (i % BATCH_CALLS == 0) sink.batchEnd();
            }
        }
        sink.batchEnd();
    }

    private static void ticket(Random rnd, Sink sink, String ticket, String call, String intent, String tier, String op,
                               long answered) throws Exception {
        long opened = answered + 10_000;
        boolean escalated = "line1".equals(tier) && rnd.nextInt(7) == 0;
        boolean closed = rnd.nextInt(100) < 85;
        long firstAnswer = opened + (long) (rnd.nextDouble() * 36_000_000L);
        long escalatedAt = firstAnswer + 60_000;
        long closedAt = (escalated ? escalatedAt : firstAnswer) + (long) (rnd.nextDouble() * 86_400_000L);
        sink.row(Table.TICKETS, ticket, call, "Call " + call, intent, escalated ? "line2" : tier,
                closed ? "closed" : "open", 3, opened, opened + 86_400_000L, closed ? closedAt : null, op);
        sink.row(Table.NOTES, ticket, opened, op, "state", "opened on " + tier);
        sink.row(Table.NOTES, ticket, firstAnswer, op, "note", "checked the line");
        if (escalated) sink.row(Table.NOTES, ticket, escalatedAt, op, "escalation", "line1 -> line2");
        if (closed) {
            sink.row(Table.NOTES, ticket, closedAt, op, "state", "closed: solved");
            if (rnd.nextInt(100) < 3) sink.row(Table.NOTES, ticket, closedAt + 3_600_000L, op, "state", "reopened");
        }
    }

    /** Local minute of the day a call starts: 08:00-20:00, peaks 10-12 and 14-16. */
    static int minuteOfDay(Random rnd) {
        while (true) {
            int m = 8 * 60 + rnd.nextInt(12 * 60);
            double w = (m >= 600 && m < 720) || (m >= 840 && m < 960) ? 1.0 : 0.55;
            if (rnd.nextDouble() < w) return m;
        }
    }

    static <T> T weighted(Random rnd, T[] values, int[] percents) {
        int u = rnd.nextInt(100);
        for (int i = 0; i < values.length; i++) {
            u -= percents[i];
            if (u < 0) return values[i];
        }
        return values[values.length - 1];
    }
}
