package dev.frontline.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Transfers of a period line 1 -> 2 -> 3 (ADR 0145). A transfer's "from" line is the line its call was on: the previous
 * transfer's "to" line (by sequence, however long before the period), or the call's queued tier ('line1' when
 * unknown); its "to" line is the event's tier, or the "from" line when it names none. Stateless; thread-safe.
 */
final class TransferCounts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferCounts() {
    }

    private static final class Counts {
        long l12;
        long l23;
        long other;

        void add(String from, String to, long n) {
            if (from.equals("line1") && to.equals("line2")) l12 += n;
            else if (from.equals("line2") && to.equals("line3")) l23 += n;
            else other += n;
        }

        CallReport.Transfers report(long line1Answered) {
            return new CallReport.Transfers(line1Answered, l12, l23, other);
        }
    }

    /** From the events: every transfer of each call with a transfer in the period, in order; the period's counted. */
    static CallReport.Transfers fromRawTables(Connection c, long from, long to, long line1Answered) throws SQLException {
        Counts counts = new Counts();
        Map<String, String> lineNow = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.call_id, e.payload, k.tier, e.at FROM call_events e "
                + "LEFT JOIN calls k ON k.call_id = e.call_id WHERE e.type = 'CallTransferred' AND e.call_id IN "
                + "(SELECT t.call_id FROM call_events t WHERE t.type = 'CallTransferred' AND t.at >= ? AND t.at < ?) "
                + "ORDER BY e.seq")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String call = rs.getString(1);
                    String toTier = tierOf(rs.getString(2));
                    String fromLine = lineNow.getOrDefault(call, rs.getString(3) == null ? "line1" : rs.getString(3));
                    String toLine = toTier == null ? fromLine : toTier.toLowerCase(Locale.ROOT);
                    long at = rs.getLong(4);
                    if (at >= from && at < to) counts.add(fromLine, toLine, 1);
                    lineNow.put(call, toLine);
                }
            }
        }
        return counts.report(line1Answered);
    }

    /** From {@code transfer_rollups}: the quarters {@code fromQ} (inclusive) to {@code toQ}. */
    static CallReport.Transfers fromRollups(Connection c, long fromQ, long toQ, long line1Answered) throws SQLException {
        Counts counts = new Counts();
        try (PreparedStatement ps = c.prepareStatement("SELECT from_line, to_line, sum(n) FROM transfer_rollups "
                + "WHERE quarter >= ? AND quarter < ? GROUP BY from_line, to_line")) {
            ps.setLong(1, fromQ);
            ps.setLong(2, toQ);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.add(rs.getString(1), rs.getString(2), rs.getLong(3));
            }
        }
        return counts.report(line1Answered);
    }

    /** V113's backfill: every transfer with its lines, then the counts; {@code %s} is the payload's tier. */
    private static final String FILL = "INSERT INTO transfer_steps (seq, call_id, quarter, from_line, to_line) "
            + "WITH RECURSIVE t(call_id, i, seq, at, tt) AS ("
            + "SELECT e.call_id, row_number() OVER (PARTITION BY e.call_id ORDER BY e.seq), e.seq, e.at, %s "
            + "FROM call_events e WHERE e.type = 'CallTransferred' AND e.call_id IS NOT NULL), "
            + "chain(call_id, i, seq, at, from_line, to_line) AS ("
            + "SELECT t.call_id, t.i, t.seq, t.at, CAST(coalesce(k.tier, 'line1') AS VARCHAR(40)), "
            + "CAST(coalesce(t.tt, k.tier, 'line1') AS VARCHAR(40)) "
            + "FROM t LEFT JOIN calls k ON k.call_id = t.call_id WHERE t.i = 1 "
            + "UNION ALL SELECT t.call_id, t.i, t.seq, t.at, c.to_line, CAST(coalesce(t.tt, c.to_line) AS VARCHAR(40)) "
            + "FROM chain c JOIN t ON t.call_id = c.call_id AND t.i = c.i + 1) "
            + "SELECT seq, call_id, at / 900000, from_line, to_line FROM chain";

    /** Recomputes the transfer steps and counts (after a bulk load that bypassed the triggers). Returns the count rows. */
    static int rebuild(Connection c, boolean postgres) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM transfer_rollups");
            s.executeUpdate("DELETE FROM transfer_steps");
            s.executeUpdate(String.format(FILL, postgres ? "transfer_tier_of(e.payload)"
                    : "CASE WHEN json_valid(e.payload) THEN lower(json_extract(e.payload, '$.tier')) END"));
            return s.executeUpdate("INSERT INTO transfer_rollups (quarter, from_line, to_line, n) "
                    + "SELECT quarter, from_line, to_line, count(*) FROM transfer_steps GROUP BY quarter, from_line, to_line");
        }
    }

    private static String tierOf(String json) {
        if (json == null) return null;
        try {
            JsonNode n = JSON.readTree(json);
            JsonNode t = n == null ? null : n.get("tier");
            return t == null || t.isNull() ? null : t.asText();
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
