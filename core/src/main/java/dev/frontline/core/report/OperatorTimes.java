package dev.frontline.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operator time by state and break reason over a period (ADR 0145). A state lasts from its {@code OperatorStateChanged}
 * event to the operator's next one (by time, then sequence), however long ago it began; a state still open counts
 * until "now"; OFFLINE is not counted. Milliseconds are summed per operator, state and reason and turned into whole
 * seconds once, at the end, so both ways below give the same seconds. Stateless; thread-safe.
 */
final class OperatorTimes {
    static final long DAY_MS = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperatorTimes() {
    }

    /** Milliseconds per operator, then per state and break reason ("BREAK\u0000lunch", "READY\u0000"). */
    private static final class Sums {
        final Map<String, Map<String, Long>> ms = new TreeMap<>();

        void add(String op, String state, String reason, long millis) {
            if (millis <= 0 || state == null || "OFFLINE".equals(state)) return;
            ms.computeIfAbsent(op, k -> new HashMap<>()).merge(state + '\u0000' + reason, millis, Long::sum);
        }

        List<CallReport.OperatorTime> toReport() {
            List<CallReport.OperatorTime> out = new ArrayList<>();
            ms.forEach((op, byKey) -> {
                Map<String, Long> stateMs = new TreeMap<>();
                Map<String, Long> reasonMs = new TreeMap<>();
                byKey.forEach((key, v) -> {
                    int cut = key.indexOf('\u0000');
                    String state = key.substring(0, cut);
                    stateMs.merge(state, v, Long::sum);
                    if ("BREAK".equals(state)) reasonMs.merge(key.substring(cut + 1), v, Long::sum);
                });
                Map<String, Long> byState = seconds(stateMs);
                if (!byState.isEmpty()) out.add(new CallReport.OperatorTime(op, byState, seconds(reasonMs)));
            });
            return out;
        }

        private static Map<String, Long> seconds(Map<String, Long> millis) {
            Map<String, Long> out = new TreeMap<>();
            millis.forEach((k, v) -> {
                if (v >= 1000) out.put(k, v / 1000);
            });
            return out;
        }
    }

    /**
     * From the raw events: every state event before {@code to} in order, each state clipped to [{@code from},
     * {@code to}). The reference for {@link #fromRollups}; reads every state event before the period's end.
     */
    static List<CallReport.OperatorTime> fromRawTables(Connection c, long from, long to) throws SQLException {
        Sums sums = new Sums();
        Map<String, String[]> current = new HashMap<>(); // login -> {state, reason}
        Map<String, Long> since = new HashMap<>();
        if (to <= from) return sums.toReport();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, operator_login, payload FROM call_events "
                + "WHERE type = 'OperatorStateChanged' AND at < ? AND operator_login IS NOT NULL ORDER BY at, seq")) {
            ps.setLong(1, to);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(1);
                    String op = rs.getString(2);
                    String[] s = current.get(op);
                    if (s != null) sums.add(op, s[0], s[1], at - Math.max(since.get(op), from));
                    current.put(op, stateOf(rs.getString(3)));
                    since.put(op, at);
                }
            }
        }
        current.forEach((op, s) -> sums.add(op, s[0], s[1], to - Math.max(since.get(op), from)));
        return sums.toReport();
    }

    /**
     * From {@code operator_time_rollups} (closed spans; UTC days inside the period, quarters at its ends) plus the
     * open span of each operator (its latest state event, from the raw row) up to {@code min(to, now)}. {@code from}
     * and {@code to} are whole quarters.
     */
    static List<CallReport.OperatorTime> fromRollups(Connection c, long from, long to, long now) throws SQLException {
        Sums sums = new Sums();
        long until = Math.min(to, now);
        if (until <= from) return sums.toReport();
        long q = CallRollups.QUARTER_MS;
        long fromDay = Math.floorDiv(from + DAY_MS - 1, DAY_MS);
        long toDay = Math.floorDiv(to, DAY_MS);
        String sql = "SELECT operator_login, state, reason, sum(ms) FROM operator_time_rollups WHERE size = ? "
                + "AND bucket >= ? AND bucket < ? GROUP BY operator_login, state, reason";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (fromDay < toDay) {
                read(ps, sums, DAY_MS, fromDay, toDay);
                read(ps, sums, q, from / q, fromDay * DAY_MS / q);
                read(ps, sums, q, toDay * DAY_MS / q, to / q);
            } else {
                read(ps, sums, q, from / q, to / q);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT e.operator_login, e.at, e.payload "
                + "FROM operator_open_states o JOIN call_events e ON e.seq = o.seq WHERE e.at < ?")) {
            ps.setLong(1, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] s = stateOf(rs.getString(3));
                    sums.add(rs.getString(1), s[0], s[1], until - Math.max(rs.getLong(2), from));
                }
            }
        }
        return sums.toReport();
    }

    /** The SQLite backfill of V112: every closed span split into quarters and UTC days. */
    private static final String SQLITE_FILL = "INSERT INTO operator_time_rollups "
            + "WITH RECURSIVE piece(size, n, a, b, op, st, rs) AS ("
            + "SELECT g.size, s.from_at / g.size, s.from_at, s.to_at, s.operator_login, s.state, s.reason "
            + "FROM operator_state_spans s, operator_time_grains g "
            + "WHERE s.to_at > s.from_at AND s.state IS NOT NULL AND s.state <> 'OFFLINE' "
            + "UNION ALL SELECT size, n + 1, a, b, op, st, rs FROM piece WHERE (n + 1) * size < b) "
            + "SELECT size, n, op, st, rs, sum(min(b, (n + 1) * size) - max(a, n * size)) FROM piece WHERE true "
            + "GROUP BY size, n, op, st, rs";

    /**
     * Recomputes the operator time rollups from {@code call_events} (after a bulk load that bypassed the triggers),
     * within the caller's transaction. Returns the rollup rows.
     */
    static int rebuild(Connection c, boolean postgres) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM operator_time_rollups");
            s.executeUpdate("DELETE FROM operator_open_states");
            if (postgres) {
                s.execute("SELECT operator_time_fill(NULL)");
            } else {
                s.executeUpdate(SQLITE_FILL);
                s.executeUpdate("INSERT INTO operator_open_states (operator_login, seq) "
                        + "SELECT operator_login, seq FROM operator_state_spans WHERE to_at IS NULL");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM operator_time_rollups")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void read(PreparedStatement ps, Sums sums, long size, long fromBucket, long toBucket)
            throws SQLException {
        if (fromBucket >= toBucket) return;
        ps.setLong(1, size);
        ps.setLong(2, fromBucket);
        ps.setLong(3, toBucket);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) sums.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
        }
    }

    /** {state, break reason ('' unless BREAK)} of a state event's payload; no state when it is unreadable. */
    static String[] stateOf(String payload) {
        String state = null;
        String reason = "";
        if (payload != null) {
            try {
                JsonNode n = JSON.readTree(payload);
                JsonNode s = n == null ? null : n.get("state");
                state = s == null || s.isNull() ? null : s.asText();
                JsonNode r = n == null ? null : n.get("reason");
                if ("BREAK".equals(state) && r != null && !r.isNull()) reason = r.asText();
            } catch (java.io.IOException e) {
                state = null; // an unreadable payload counts as no state: the report still answers
            }
        }
        return new String[] {state, reason};
    }
}
