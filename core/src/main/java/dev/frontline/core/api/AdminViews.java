package dev.frontline.core.api;

import java.time.Instant;
import java.util.List;

/**
 * The shapes of the supervisors' administration API ({@code /api/admin/...}, docs/api.md) that both the server and
 * the desktop's Administration window read and write. Plain data.
 */
public final class AdminViews {
    private AdminViews() {}

    /** An ongoing outage ({@code GET /api/admin/outages}); {@code expectedEnd} null when not known. */
    public record Outage(long id, String area, String text, Instant startedAt, Instant expectedEnd) {}

    /** {@code POST /api/admin/outages}: {@code services} ("internet, tv") is said before the text callers hear. */
    public record NewOutage(String area, String services, String text, Instant expectedEnd) {}

    /** {@code POST /api/admin/outages/{id}/extend}. */
    public record Extension(Instant expectedEnd) {}

    /** An article as supervisors write it ({@code POST /api/admin/kb}, {@code PUT /api/admin/kb/{id}}). */
    public record KbDraft(String language, String title, String body, String tags, Long version) {
        /** A new article's draft (no version). */
        public KbDraft(String language, String title, String body, String tags) {
            this(language, title, body, tags, null);
        }
    }

    /** What a customer action told the supervisor ({@code pin-reset}, {@code deactivate}). */
    public record Done(long customer, String message) {}

    /**
     * {@code GET /api/admin/on-duty}: the stored rota (seeded from {@code desk.on-duty}, edited by supervisors, ADR
     * 0143) in the desk's {@code zone}, and who is on duty {@code at} the moment of asking; {@code rows} are the rota
     * as it is edited, {@code shifts} the same per weekday. {@code version} counts the saves (send it back with the
     * edit: a save of an older one is 409); {@code changedBy}/{@code changedAt} name the last save (null before any).
     */
    public record OnDuty(String zone, Instant at, List<String> onDutyNow, List<Shift> shifts, List<RotaRow> rows,
                         long version, String changedBy, Instant changedAt) {
        /** Without a version (a rota not read from the store). */
        public OnDuty(String zone, Instant at, List<String> onDutyNow, List<Shift> shifts, List<RotaRow> rows) {
            this(zone, at, onDutyNow, shifts, rows, 0, null, null);
        }
    }

    /**
     * One row of the rota as supervisors edit it: a consultant, the E.164 mobile, days ("mon-fri", "sat,sun") and
     * hours in the desk's zone, {@code from} before {@code to} ("24:00" is midnight; a night shift is two rows).
     */
    public record RotaRow(String name, String mobile, String days, String from, String to) {}

    /**
     * {@code PUT /api/admin/on-duty}: the whole new rota, in order, and the {@code version} it was read at (null: saved
     * whatever was saved meanwhile, for scripts that mean to overwrite).
     */
    public record RotaEdit(List<RotaRow> shifts, Long version) {
        public RotaEdit(List<RotaRow> shifts) {
            this(shifts, null);
        }
    }

    /** A 409 {@code changed}: someone saved since the version sent was read; nothing was changed. */
    public record Changed(String code, String message, long version, String changedBy, Instant changedAt) {}

    /** One consultant on one weekday ({@code MONDAY}), {@code from} inclusive to {@code to} exclusive ("24:00"). */
    public record Shift(String name, String mobile, String day, String from, String to) {}
}
