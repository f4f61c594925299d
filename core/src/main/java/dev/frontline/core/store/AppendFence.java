package dev.frontline.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A check run inside the transaction that appends ACD events, before the insert: when it throws, nothing is
 * appended. Several servers on one PostgreSQL use it to refuse the writes of a server that is no longer the ACD
 * leader ({@code dev.frontline.core.cluster.EpochFence}).
 */
@FunctionalInterface
public interface AppendFence {
    /** No check: the store has one server (SQLite). */
    AppendFence NONE = c -> { };

    /**
     * @throws StoreException when this server may not append (nothing is written)
     */
    void check(Connection transaction) throws SQLException;
}
