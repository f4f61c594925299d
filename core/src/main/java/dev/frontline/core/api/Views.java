package dev.frontline.core.api;

import dev.frontline.core.acd.OperatorState;

import java.time.Instant;
import java.util.List;

/** The read models carried by {@link ServerMessage}s: plain data, nothing secret (no PIN hashes). */
public final class Views {
    private Views() {}

    public record CustomerCard(long id, String contractNumber, String name, String mobile, List<String> otherPhones,
                               String email, String address, String serviceArea, String plan, List<String> services,
                               String status, String language) {}

    /**
     * What the caller did in the menu. {@code steps} are the lines in English, as stored: "pressed 1 (technical
     * failure)"; {@code items} the same steps structured, for a desk to word in its own language (null from a server
     * before them: show {@code steps}).
     */
    public record MenuTrail(String language, List<String> steps, boolean identified, boolean verified, String intent,
                            int priority, String tier, long waitedSeconds, List<TrailStep> items) {
        public MenuTrail(String language, List<String> steps, boolean identified, boolean verified, String intent,
                         int priority, String tier, long waitedSeconds) {
            this(language, steps, identified, verified, intent, priority, tier, waitedSeconds,
                    steps == null ? null : steps.stream().map(TrailStep::of).toList());
        }
    }

    /**
     * One step of a caller's menu trail: {@code kind} (pressed, invalid-key, no-input, gave-up, entered, skipped,
     * invalid-entry, identified, not-identified, no-lookup, pin-ok, pin-wrong, pin-failed, pin-none, pin-locked,
     * pin-missing, queued, after-hours, outage, outage-heard, estimated-wait, callback-requested, callback-declined,
     * callback-kept-place, hung-up, hung-up-waiting, hung-up-after, line-cut, rated, not-rated, sms-sent,
     * sms-not-sent, language, routed, call-ended, transferred; {@code text} for any other), the menu {@code node} where known, the
     * {@code key} (a key pressed, a variable, a purpose, an intent) and the {@code value} (the choice's label, the
     * digits, a count, an area); {@code text} is the stored English line.
     */
    public record TrailStep(String kind, String node, String key, String value, String text) {
        /** The step of a stored line; a line of no known form is kind {@code text}, shown as written. */
        public static TrailStep of(String line) {
            return TrailGrammar.parse(line);
        }
    }

    /**
     * {@code GET /api/wallboard/tickets}: open tickets per support line against its target ({@code desk.targets};
     * line 1 answers within 5 min, line 2 within 10 min, line 3 within 24 h by default), and the most overdue ones.
     */
    public record TicketLines(Instant at, List<TicketLine> lines, List<LineTicket> overdue) {}

    /** One line: {@code overdue} open tickets are past their due time; {@code oldestDue} the earliest due of them all. */
    public record TicketLine(String tier, long targetSeconds, int open, int overdue, Instant oldestDue) {}

    /**
     * {@code GET /api/tickets}: the open tickets of the lines asked for (an operator: its own lines), most urgent
     * first (earliest due); {@code lines} as {@code LINE1}..{@code LINE3}.
     */
    public record LineTickets(Instant at, List<String> lines, List<LineTicket> tickets) {}

    /**
     * An open ticket in a line's work list, with whose it is (customer may be null: a ticket without one);
     * {@code takenBy}: the login working it on this line, null when nobody took it yet.
     */
    public record LineTicket(TicketSummary ticket, Long customerId, String customerName, int priority, String operator,
                             String takenBy) {}

    public record TicketSummary(String ticketId, String subject, String tier, String state, Instant openedAt,
                                Instant dueAt) {}

    public record Contact(Instant at, String channel, String summary, String ticketId) {}

    public record OutageInfo(String area, String description, Instant expectedEnd) {}

    /**
     * Who passed the call on to this operator (a transfer), with their note (or null) and when; {@code consult}: not
     * passed yet, the colleague asks this operator first while the caller holds (a warm transfer's consultation).
     */
    /**
     * A consultation (warm transfer) under way on {@code callId}: {@code from} (a login) holds the caller and asks
     * {@code to}; {@code stage} {@code ringing} or {@code talking} (the colleague answered); since {@code since}.
     */
    public record Consultation(String callId, String from, String to, String stage, String note, Instant since) {}

    /**
     * A supervisor ({@code supervisor}, a login; {@code supervisorName}) listening in on {@code operator}'s
     * ({@code operatorName}) call {@code callId} with {@code caller} (the customer's name, or the calling number) in
     * {@code mode}, since {@code since}.
     */
    public record Spy(String callId, String supervisor, String supervisorName, String operator, String operatorName,
                      String caller, dev.frontline.core.common.SpyMode mode, Instant since) {}

    public record TransferInfo(String from, String note, Instant at, boolean consult) {
        /** A call passed on (cold transfer). */
        public TransferInfo(String from, String note, Instant at) {
            this(from, note, at, false);
        }
    }

    /** {@code GET /api/colleagues}: a ready colleague an operator may consult or pass a call to. */
    public record Colleague(String login, String name, List<String> skills, List<String> languages) {}

    /**
     * {@code GET /api/wallboard/history?from=INSTANT}: one bucket of the day's chart, from {@code at}: the most
     * callers on the line at once and the longest wait (seconds) in it.
     */
    public record WaitPoint(Instant at, int waiting, long longestWaitSeconds) {}

    /**
     * {@code GET /api/wallboard/ratings?from=INSTANT}: the callers' 1-5 ratings of operator calls since {@code from}:
     * their average and count, and per operator (the one who answered the call), best first.
     */
    public record Ratings(double average, int count, List<OperatorRating> operators) {}

    public record OperatorRating(String login, double average, int count) {}

    public record QueueStats(String queue, String tier, int waiting, long longestWaitSeconds,
                             long estimatedWaitSeconds, double serviceLevelPercent, long targetSeconds,
                             long averageSpeedOfAnswerSeconds, long averageHandleSeconds, double abandonRatePercent,
                             int callbacksPending, boolean breached) {}

    public record OperatorRow(String login, String name, OperatorState state, String reason, Instant since,
                              List<String> skills, List<String> languages, String currentCallId) {}

    /**
     * An operator's day so far ({@code GET /api/wallboard/operators}): calls and callbacks handled, their average
     * handling time (talking and wrap-up, seconds) and occupancy (percent of the signed-in time, breaks excluded,
     * spent ringing, talking or wrapping up).
     */
    public record OperatorDay(String login, int handled, long averageHandleSeconds, double occupancyPercent) {}

    /**
     * {@code text} in English; {@code kind} ({@code sla-on-line}, {@code sla-callback}, {@code ticket-overdue}),
     * {@code limitSeconds}, {@code callId} and {@code ticketId} let a desk word it in its own language (null when
     * not known or not about one).
     */
    public record Alert(Instant at, String severity, String text, String tier, String queue, String kind,
                        Long limitSeconds, String callId, String ticketId) {}

    public record KbArticle(long id, String title, String snippet) {}

    /**
     * {@code GET /api/kb/{id}}: a knowledge-base article to read on the call (language code, body, retired when);
     * {@code version} to send back with an edit, who changed it last and when.
     */
    public record KbArticleText(long id, String language, String title, String body, String tags, Instant retiredAt,
                                long version, String updatedBy, Instant updatedAt) {
        /** Without a version (an article not read from the store). */
        public KbArticleText(long id, String language, String title, String body, String tags, Instant retiredAt) {
            this(id, language, title, body, tags, retiredAt, 0, null, null);
        }
    }

    /**
     * A recorded conversation ({@code GET /api/calls/{callId}/recordings}); play it from {@code audioUrl}.
     * {@code endedAt} and {@code sizeBytes} are null while it runs; {@code simulated}: generated audio.
     */
    public record Recording(long id, String callId, String ticketId, String operator, String backend,
                            Instant startedAt, Instant endedAt, Long sizeBytes, boolean simulated, String audioUrl) {}

    // --- HTTP bodies (docs/api.md) ---

    /** {@code POST /api/login} body. */
    public record LoginRequest(String login, String password) {}

    /**
     * {@code POST /api/login} answer; send {@code token} as {@code Authorization: Bearer} or {@code ?token=}.
     * {@code desk}: the dispositions and callback times to offer (null from a server before it: use
     * {@link DeskSettings#DEFAULTS}).
     */
    public record LoginResponse(String token, String login, String name, String role, Instant expiresAt,
                                int version, DeskSettings desk) {
        public LoginResponse(String token, String login, String name, String role, Instant expiresAt, int version) {
            this(token, login, name, role, expiresAt, version, null);
        }

        /** The desk's settings, or the defaults from a server that sent none. */
        public DeskSettings deskOrDefaults() {
            return desk == null ? DeskSettings.DEFAULTS : desk;
        }
    }

    /**
     * The operators' choices from {@code desk.dispositions} and {@code desk.callback-times}: disposition codes (the
     * desktop words {@code disp.<code>}, or shows the code) and callback times, the first preselected;
     * {@code timezone} is the desk's ("tomorrow 09:00" there).
     */
    public record DeskSettings(List<String> dispositions, List<CallbackTime> callbackTimes, String timezone) {
        public static final DeskSettings DEFAULTS = new DeskSettings(
                List.of("resolved", "ticket", "escalated", "callback", "sale", "no-action"),
                List.of(new CallbackTime(60L, null), new CallbackTime(180L, null), new CallbackTime(null, "09:00")),
                "Europe/Vilnius");
    }

    /** A callback time: {@code inMinutes} from now, or the next day at {@code nextDayAt} (HH:MM); one is null. */
    public record CallbackTime(Long inMinutes, String nextDayAt) {}

    /**
     * {@code GET /api/me/calls?from=INSTANT}: a call this operator answered, newest first; {@code customerId},
     * {@code ticketId}, {@code disposition}, {@code endedAt} are null when none (yet).
     */
    public record MyCall(String callId, Instant answeredAt, Instant endedAt, String callingNumber, Long customerId,
                         String customerName, String intent, String ticketId, String disposition) {}

    /** Every HTTP error: {@code code} is stable (e.g. {@code unauthorized}, {@code validation}), {@code field}
     *  names the (first) offending field for validation errors (null otherwise), {@code errors} lists every wrong
     *  field of a validation error (empty otherwise). */
    public record HttpError(String code, String message, String field, List<FieldError> errors) {
        public HttpError {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        public HttpError(String code, String message, String field) {
            this(code, message, field, List.of());
        }
    }

    /** One wrong field of a validation error, e.g. {@code {"field":"phone","message":"is required"}}. */
    public record FieldError(String field, String message) {}

    /** {@code GET /api/customers/{id}}: the card, open tickets and the last contacts. */
    public record CustomerDetail(CustomerCard customer, List<TicketSummary> openTickets, List<Contact> lastContacts,
                                 OutageInfo outage) {}

    /** {@code GET /api/tickets/{id}}. */
    public record TicketDetail(TicketSummary ticket, Long customerId, String callId, int priority, String intent,
                               String operator, List<TicketNote> notes, String takenBy) {}

    /** A line in a ticket's history; {@code kind}: note, state, escalation, disposition. */
    public record TicketNote(Instant at, String author, String kind, String text) {}

    /** {@code GET /api/callbacks}: a pending or due callback with its original wait and attempts so far. */
    public record CallbackRow(long id, String number, Long customerId, String customerName, String intent,
                              int priority, String tier, String language, Instant originalArrivedAt,
                              long originalWaitSeconds, Instant windowStart, Instant windowEnd, String state,
                              int attempts, Instant nextAttemptAt, String ticketId, String note,
                              List<CallbackAttempt> attemptLog) {}

    public record CallbackAttempt(int attempt, String operator, Instant at, String outcome, String detail) {}

    // --- the test phone on the simulated line ---

    /** {@code POST /api/sim/calls} body; {@code flow} defaults to {@code support}. */
    public record PhoneCallRequest(String from, String to, String flow) {}

    /** Answer of {@code POST /api/sim/calls} and {@code POST /api/sim/calls/{id}/input}. */
    public record PhoneCallAnswer(String callId, PhoneTurn turn) {}

    /** {@code POST /api/sim/calls/{id}/input} body: exactly one of digits, noInput, hangup. */
    public record PhoneInput(String digits, Boolean noInput, Boolean hangup) {}

    /**
     * What the caller hears (steps) and what the line waits for next. {@code await}: {@code digits} (send input
     * with up to {@code maxDigits} within {@code timeoutMillis}), {@code queue} (on hold at {@code queuePosition};
     * later turns are pushed as {@link ServerMessage.PhoneTurnPushed}), {@code transfer} (to {@code transferTo}),
     * {@code connected} (talking to operator {@code operator}), {@code hangup} (the call is over).
     */
    public record PhoneTurn(String callId, List<PhoneStep> steps, String await, int maxDigits, long timeoutMillis,
                            boolean hashTerminates, int queuePosition, long estimatedWaitSeconds, String transferTo,
                            String operator) {}

    /** {@code kind} play: a recorded prompt ({@code soundUrl} = {@code /sounds/<lang>/<key>.wav}, {@code text});
     *  {@code kind} say-digits: {@code digits} read out one by one. */
    public record PhoneStep(String kind, String language, String key, String text, String digits,
                            String soundUrl) {}

    /**
     * {@code GET /api/sim/sample-callers}: demo customers to call as from the test phone, with the PIN the menu asks
     * for (demo data only; an empty list on any other store). {@code outage}: the customer's area has a known outage.
     */
    public record SampleCaller(String name, String number, String language, String area, String pin, boolean outage) {}

    /** {@code POST /api/callback-requests} body (the web form; also accepted as form fields). */
    /**
     * {@code when}: {@code asap} (also when null or empty), {@code evening} (today 17:00-20:00),
     * {@code tomorrow-morning} (9:00-12:00) or {@code tomorrow-afternoon} (13:00-17:00), in the desk's time zone.
     */
    public record CallbackFormRequest(String name, String phone, String contract, String category, String text,
                                      String when) {}

    /** {@code POST /api/callback-requests} answer. */
    public record CallbackFormResponse(String ticketId, String message) {}
}
