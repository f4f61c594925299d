package dev.frontline.core.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;

/**
 * A process for {@link StoreWriterTest}: opens the SQLite file given as the first argument, queues as many
 * write-behind rows as the second argument says, prints {@code queued} and waits to be killed (never closes the store).
 */
public final class WriteBehindChild {
    private WriteBehindChild() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Database.sqlite(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        for (int i = 0; i < rows; i++) {
            String id = "CA" + i;
            db.writeBehind("row " + i, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO flow_sessions (call_id, flow, state, version, updated_at) VALUES (?, 'support', '{}', 1, 0)")) {
                    ps.setString(1, id);
                    return ps.executeUpdate();
                }
            });
        }
        System.out.println("queued");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
