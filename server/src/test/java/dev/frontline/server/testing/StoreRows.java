package dev.frontline.server.testing;

import dev.frontline.core.store.Database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows of a query on a SQLite store file, one string per column, read as a reporting tool would. */
public final class StoreRows {
    private StoreRows() {
    }

    public static List<List<String>> of(Path file, String sql) {
        try (Database db = Database.sqlite(file)) {
            return db.read(c -> {
                List<List<String>> out = new ArrayList<>();
                try (var rs = c.createStatement().executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(rs.getString(i));
                        }
                        out.add(row);
                    }
                }
                return out;
            });
        }
    }
}
