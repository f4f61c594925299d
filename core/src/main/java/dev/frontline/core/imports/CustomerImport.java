package dev.frontline.core.imports;

import dev.frontline.core.common.Language;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.security.SlowHash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates a customer CSV. Columns (header names, any order, case-insensitive):
 * {@code contract} (required, unique), {@code name} (required), {@code mobile}, {@code phones} (further numbers,
 * separated by |), {@code email}, {@code address}, {@code area}, {@code plan}, {@code services} (separated by |),
 * {@code status} (active, suspended, closed; default active), {@code language} (en, ru, lt, pl, sl; default en),
 * {@code login}, {@code pin} (4-8 digits, stored as a bcrypt hash). Every row is checked before anything is hashed or
 * written; any error fails the whole file.
 */
public final class CustomerImport {
    public static final Set<String> COLUMNS = Set.of("contract", "name", "mobile", "phones", "email", "address", "area",
            "plan", "services", "status", "language", "login", "pin");
    static final Set<String> REQUIRED = Set.of("contract", "name");
    private static final Set<String> STATUSES = Set.of("active", "suspended", "closed");
    private static final Pattern PIN = Pattern.compile("\\d{4,8}");

    private final PhoneNumbers phones;
    private final SlowHash hash;

    public CustomerImport(PhoneNumbers phones, SlowHash hash) {
        this.phones = phones;
        this.hash = hash;
    }

    /**
     * @param existingContracts which of the given contract numbers the store already has
     * @return the customers, PINs hashed, in file order
     * @throws ImportException listing every error; then nothing may be written
     */
    public List<NewCustomer> read(Path file, Function<Collection<String>, Set<String>> existingContracts) {
        return read(file, existingContracts, PinHashing.allCores(hash, PinHashing.Progress.NONE));
    }

    /** As {@link #read(Path, Function)}, hashing PINs as {@code pins} says (all cores with progress, or not at all). */
    public List<NewCustomer> read(Path file, Function<Collection<String>, Set<String>> existingContracts,
                                  PinHashing pins) {
        CsvTable table = CsvTable.read(file, COLUMNS, REQUIRED);
        List<Checked> checked = new UniqueRows<Checked>("contract", c -> c.contract).check(table, (f, row, errors) -> {
            Checked c = check(table, row, errors);
            return c.contract.isEmpty() ? null : c;
        }, existingContracts);
        return pins.map(checked, Checked::toCustomer);
    }

    /** Checks one row; {@code table} gives the column numbers errors point at. */
    Checked check(CsvTable table, CsvTable.Row row, List<ImportError> errors) {
        String file = table.file();
        long line = row.line();
        java.util.function.BiConsumer<String, String> err = (column, reason) ->
                errors.add(new ImportError(file, line, table.columns().indexOf(column) + 1, reason));
        String contract = row.get("contract");
        if (contract.isEmpty()) {
            err.accept("contract", "missing contract");
        } else if (contract.length() > 64) {
            err.accept("contract", "contract is longer than 64 characters");
        }
        String name = row.get("name");
        if (name.isEmpty()) {
            err.accept("name", "missing name");
        }
        Optional<String> mobile = Optional.empty();
        if (!row.get("mobile").isEmpty()) {
            try {
                mobile = Optional.of(phones.requireE164(row.get("mobile")));
            } catch (IllegalArgumentException e) {
                err.accept("mobile", "mobile: " + e.getMessage());
            }
        }
        List<String> others = new ArrayList<>();
        for (String raw : row.get("phones").split("\\|")) {
            if (raw.isBlank()) {
                continue;
            }
            try {
                others.add(phones.requireE164(raw));
            } catch (IllegalArgumentException e) {
                err.accept("phones", "phones: " + e.getMessage());
            }
        }
        String email = row.get("email");
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            err.accept("email", "email '" + email + "' is not an e-mail address");
        }
        String status = row.get("status").toLowerCase(Locale.ROOT);
        if (status.isEmpty()) {
            status = "active";
        } else if (!STATUSES.contains(status)) {
            err.accept("status", "status '" + row.get("status") + "' is not one of active, suspended, closed");
        }
        Language language = Language.EN;
        if (!row.get("language").isEmpty()) {
            try {
                language = Language.of(row.get("language"));
            } catch (IllegalArgumentException e) {
                err.accept("language", e.getMessage());
            }
        }
        String pin = row.get("pin");
        if (!pin.isEmpty() && !PIN.matcher(pin).matches()) {
            err.accept("pin", "pin must be 4 to 8 digits");
        }
        return new Checked(contract, name, mobile, others, email, row.get("address"), row.get("area"), row.get("plan"),
                Lists.split(row.get("services")), status, language, row.get("login"), pin);
    }

    record Checked(String contract, String name, Optional<String> mobile, List<String> others, String email,
                           String address, String area, String plan, List<String> services, String status,
                           Language language, String login, String pin) {
        /** @param hash null: the PIN is not hashed (a dry run), the customer gets none */
        NewCustomer toCustomer(SlowHash hash) {
            Optional<String> pinHash = pin.isEmpty() || hash == null ? Optional.empty()
                    : Optional.of(hash.hash(pin.toCharArray()));
            return new NewCustomer(contract, name, mobile, others, blank(email), blank(address), blank(area),
                    blank(plan), services, status, language, blank(login), pinHash);
        }

        static String blank(String s) {
            return s.isEmpty() ? null : s;
        }
    }
}
