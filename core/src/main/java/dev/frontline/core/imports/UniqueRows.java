package dev.frontline.core.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The all-or-nothing part every import shares: each row is checked on its own, its key (contract, login) must be
 * unique in the file and new to the store, and any error anywhere fails the whole file.
 *
 * @param <T> a checked row
 */
final class UniqueRows<T> {

    /** Checks one row: adds its errors to {@code errors}; null when the row has no usable key. */
    interface RowCheck<T> {
        T check(String file, CsvTable.Row row, List<ImportError> errors);
    }

    private final String keyName;
    private final Function<T, String> key;

    /** @param keyName what the key is called in messages ("contract", "login") */
    UniqueRows(String keyName, Function<T, String> key) {
        this.keyName = keyName;
        this.key = key;
    }

    /**
     * @param existing which of the given keys the store already has
     * @return the checked rows in file order
     * @throws ImportException listing every error, by line
     */
    List<T> check(CsvTable table, RowCheck<T> rowCheck, Function<Collection<String>, Set<String>> existing) {
        List<ImportError> errors = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        List<T> checked = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            T t = rowCheck.check(table.file(), row, errors);
            if (t == null) {
                continue;
            }
            Long earlier = firstLine.putIfAbsent(key.apply(t), row.line());
            if (earlier != null) {
                errors.add(new ImportError(table.file(), row.line(),
                        "duplicate " + keyName + " " + key.apply(t) + " (first on line " + earlier + ")"));
            } else {
                checked.add(t);
            }
        }
        if (!firstLine.isEmpty()) {
            for (String k : existing.apply(firstLine.keySet())) {
                errors.add(new ImportError(table.file(), firstLine.get(k), keyName + " " + k + " is already in the store"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        return checked;
    }
}
