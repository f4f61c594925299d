package dev.frontline.core.cluster;

import dev.frontline.core.store.AppendFence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The leader's fence on PostgreSQL: each append to {@code call_events} first reads {@code acd_leader.epoch}
 * {@code FOR SHARE} in its own transaction and writes only when it is the epoch this server was elected with. A new
 * leader increments the epoch (its update waits for appends in flight, and reads the log only after), so once it
 * has taken over, a paused old leader's appends are refused and nothing it decides reaches a caller or an operator
 * (the ACD acts only on logged events). Thread-safe.
 */
public final class EpochFence implements AppendFence {
    /** Not elected: every append is refused. */
    public static final long NONE = -1;

    private volatile long epoch = NONE;

    /** The epoch this server was elected with ({@link #NONE} once deposed). */
    public void hold(long epoch) {
        this.epoch = epoch;
    }

    public long epoch() {
        return epoch;
    }

    @Override
    public void check(Connection transaction) throws SQLException {
        long mine = epoch;
        try (PreparedStatement ps = transaction.prepareStatement("SELECT epoch FROM acd_leader WHERE id = 1 FOR SHARE");
             ResultSet rs = ps.executeQuery()) {
            long current = rs.next() ? rs.getLong(1) : NONE;
            if (mine == NONE || current != mine) {
                throw new FencedOutException(mine, current);
            }
        }
    }
}
