package dev.frontline.core.imports;

import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.security.SlowHash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An update from billing: the customer CSV of {@link CustomerImport} where a contract already in the store updates
 * that customer and a new contract adds one. Only the columns the file has are compared and written (a file without
 * {@code email} leaves e-mails alone; an empty cell in a present column clears the field). PINs are never changed by
 * an update: a {@code pin} for a known contract is an error (PINs are reset by SMS). Every row is checked first; any
 * error fails the whole file ({@code FILE:LINE[:COLUMN]: reason}).
 */
public final class CustomerUpdate {

    /** One field that changes: its values before and after, as printed. */
    public record Change(String field, String before, String after) {
        @Override
        public String toString() {
            return field + ": " + show(before) + " -> " + show(after);
        }

        private static String show(String s) {
            return s == null || s.isEmpty() ? "(empty)" : "'" + s + "'";
        }
    }

    /** A known customer that changes: where its row is, what changes, and the customer as it will be. */
    public record Changed(Customer before, long line, List<Change> changes, NewCustomer after) {}

    /** What the file would do: customers added, changed, and how many rows change nothing. */
    public record Plan(List<NewCustomer> added, List<Changed> changed, int unchanged) {}

    private final CustomerImport rows;
    private final SlowHash hash;

    public CustomerUpdate(PhoneNumbers phones, SlowHash hash) {
        this.rows = new CustomerImport(phones, hash);
        this.hash = hash;
    }

    /**
     * @param existing the store's customers among the given contract numbers, by contract number
     * @throws ImportException listing every error; then nothing may be written
     */
    public Plan plan(Path file, Function<Collection<String>, Map<String, Customer>> existing) {
        return plan(file, existing, PinHashing.allCores(hash, PinHashing.Progress.NONE));
    }

    /**
     * As {@link #plan(Path, Function)}, hashing the new customers' PINs as {@code pins} says ({@link PinHashing#SKIP}
     * for a dry run: its added customers carry no PIN and must never be written).
     */
    public Plan plan(Path file, Function<Collection<String>, Map<String, Customer>> existing, PinHashing pins) {
        CsvTable table = CsvTable.read(file, CustomerImport.COLUMNS, CustomerImport.REQUIRED);
        Map<String, CsvTable.Row> rowOf = new HashMap<>();
        Map<String, CustomerImport.Checked> firstOf = new LinkedHashMap<>();
        List<ImportError> errors = new ArrayList<>();
        List<CustomerImport.Checked> checked = List.of();
        try {
            checked = new UniqueRows<CustomerImport.Checked>("contract", CustomerImport.Checked::contract)
                    .check(table, (f, row, errs) -> {
                        CustomerImport.Checked c = rows.check(table, row, errs);
                        if (c.contract().isEmpty()) {
                            return null;
                        }
                        rowOf.putIfAbsent(c.contract(), row);
                        firstOf.putIfAbsent(c.contract(), c);
                        return c;
                    }, contracts -> java.util.Set.of());
        } catch (ImportException e) {
            errors.addAll(e.errors());
        }
        Map<String, Customer> known = firstOf.isEmpty() ? Map.of() : existing.apply(firstOf.keySet());
        for (CustomerImport.Checked c : firstOf.values()) {
            if (known.containsKey(c.contract()) && !c.pin().isEmpty()) {
                errors.add(new ImportError(table.file(), rowOf.get(c.contract()).line(),
                        table.columns().indexOf("pin") + 1, "pin: contract " + c.contract()
                        + " is already in the store and an update never changes a PIN (leave the cell empty;"
                        + " reset it with: frontline customers pin-reset " + c.contract() + ")"));
            }
        }
        if (!errors.isEmpty()) {
            List<ImportError> sorted = new ArrayList<>(errors);
            java.util.Collections.sort(sorted);
            throw new ImportException(sorted);
        }
        List<CustomerImport.Checked> fresh = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        int unchanged = 0;
        for (CustomerImport.Checked c : checked) {
            Customer before = known.get(c.contract());
            if (before == null) {
                fresh.add(c);
                continue;
            }
            Changed ch = compare(before, c, table.columns(), rowOf.get(c.contract()).line());
            if (ch.changes().isEmpty()) {
                unchanged++;
            } else {
                changed.add(ch);
            }
        }
        List<NewCustomer> added = pins.map(fresh, CustomerImport.Checked::toCustomer);
        return new Plan(added, changed, unchanged);
    }

    private static Changed compare(Customer b, CustomerImport.Checked c, List<String> columns, long line) {
        Map<String, String[]> fields = new LinkedHashMap<>();
        fields.put("name", new String[] {b.name(), c.name()});
        fields.put("mobile", new String[] {b.mobile().orElse(null), c.mobile().orElse(null)});
        fields.put("phones", new String[] {String.join("|", b.otherPhones()),
                String.join("|", c.others().stream().filter(p -> !p.equals(c.mobile().orElse(null))).distinct().sorted().toList())});
        fields.put("email", new String[] {b.email(), c.email()});
        fields.put("address", new String[] {b.address(), c.address()});
        fields.put("area", new String[] {b.serviceArea(), c.area()});
        fields.put("plan", new String[] {b.plan(), c.plan()});
        fields.put("services", new String[] {String.join("|", b.services()), String.join("|", c.services())});
        fields.put("status", new String[] {b.status(), c.status()});
        fields.put("language", new String[] {b.language().code(), c.language().code()});
        fields.put("login", new String[] {b.login(), c.login()});
        List<Change> changes = new ArrayList<>();
        Map<String, String> after = new HashMap<>();
        fields.forEach((field, v) -> {
            String was = v[0] == null ? "" : v[0];
            String now = v[1] == null ? "" : v[1];
            if (columns.contains(field) && !Objects.equals(was, now)) {
                changes.add(new Change(field, was, now));
                after.put(field, now);
            } else {
                after.put(field, was);
            }
        });
        String mobile = after.get("mobile");
        List<String> others = after.get("phones").isEmpty() ? List.of() : List.of(after.get("phones").split("\\|"));
        NewCustomer merged = new NewCustomer(b.contractNumber(), after.get("name"),
                mobile.isEmpty() ? Optional.empty() : Optional.of(mobile), others,
                CustomerImport.Checked.blank(after.get("email")), CustomerImport.Checked.blank(after.get("address")),
                CustomerImport.Checked.blank(after.get("area")), CustomerImport.Checked.blank(after.get("plan")),
                after.get("services").isEmpty() ? List.of() : List.of(after.get("services").split("\\|")),
                after.get("status"), dev.frontline.core.common.Language.of(after.get("language")),
                CustomerImport.Checked.blank(after.get("login")), b.pinHash());
        return new Changed(b, line, changes, merged);
    }
}
