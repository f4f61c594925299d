package dev.frontline.core.acd;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A write of another part of the store that must commit in the same transaction as a command's events, or not at
 * all: the web form's ticket and note with its callback ({@link Acd#requestCallback(CallbackRequest, JointWrite)}).
 * It runs on the store's writer thread inside the log's transaction, only when the ACD accepted the command; a
 * failure rolls back the events with it. It must be quick and must not open another connection.
 */
@FunctionalInterface
public interface JointWrite {
    void write(Connection transaction) throws SQLException;
}
