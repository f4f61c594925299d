package dev.frontline.core.store;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What supervisors do to one customer: reset the PIN (a new random PIN texted to the mobile on file only, never
 * shown to anyone, stored as a slow hash; the text is logged redacted) and deactivate (status {@code closed}, PIN
 * removed so the menu can no longer verify the customer and send secrets; history stays). Each change is audited in
 * the same transaction. Thread-safe.
 */
public final class CustomerAdmin {
    /** Digits of a reset PIN (the menu accepts 4 to 8). */
    static final int PIN_DIGITS = 6;
    private static final Map<Language, String> TEXT = Map.of(
            Language.EN, "Your new PIN: ",
            Language.LT, "Jūsų naujas PIN kodas: ",
            Language.RU, "Ваш новый ПИН-код: ",
            Language.PL, "Twój nowy PIN: ",
            Language.SL, "Vaša nova koda PIN: ");

    /** Why a change was refused (nothing changed); {@code NOT_FOUND} when there is no such customer. */
    public enum Refusal { NOT_FOUND, NO_MOBILE, NOT_ACTIVE, SMS_REFUSED, ALREADY_CLOSED }

    /** The outcome: done, or refused with a reason a supervisor can read. */
    public record Outcome(Optional<Refusal> refusal, String message) {
        static Outcome done(String message) {
            return new Outcome(Optional.empty(), message);
        }

        static Outcome refused(Refusal r, String message) {
            return new Outcome(Optional.of(r), message);
        }

        public boolean ok() {
            return refusal.isEmpty();
        }
    }

    private record Row(long id, String contract, String mobile, String status, Language language, String pinHash) {}

    private final Database db;
    private final SlowHash hash;
    private final SmsPort sms;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public CustomerAdmin(Database db, SlowHash hash, SmsPort sms, AuditLog audit) {
        this.db = Objects.requireNonNull(db, "db");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The customer id of a contract number, if known. */
    public Optional<CustomerId> byContract(String contract) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers WHERE contract_number = ?")) {
                ps.setString(1, contract.trim());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new CustomerId(rs.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Sets a new random PIN and texts it to the customer's mobile on file. The new PIN is stored (attempts and lock
     * cleared) before the text goes; when the text is refused (rate limit, provider) the old PIN is put back and
     * nothing has changed.
     */
    public Outcome resetPin(CustomerId id, String actor) {
        Optional<Row> found = row(id);
        if (found.isEmpty()) return Outcome.refused(Refusal.NOT_FOUND, "no customer " + id.value());
        Row r = found.get();
        if (r.mobile() == null) {
            return Outcome.refused(Refusal.NO_MOBILE, "customer " + r.contract()
                    + " has no mobile on file: a PIN is only ever sent there; nothing changed");
        }
        if (!"active".equals(r.status())) {
            return Outcome.refused(Refusal.NOT_ACTIVE, "customer " + r.contract() + " is " + r.status() + "; nothing changed");
        }
        StringBuilder pin = new StringBuilder();
        for (int i = 0; i < PIN_DIGITS; i++) pin.append(random.nextInt(10));
        String fresh = hash.hash(pin.toString().toCharArray());
        db.inTransaction(c -> {
            setPin(c, r.id(), fresh);
            audit.record(c, actor, "pin-reset", r.contract(), "new PIN texted to the mobile on file");
            return null;
        });
        SmsResult sent = sms.send(new SmsRequest(r.mobile(), TEXT.get(r.language()) + pin, true,
                Optional.of(new CustomerId(r.id())), "pin-reset"));
        if (sent.accepted()) {
            return Outcome.done("new PIN sent by SMS to the mobile on file of " + r.contract() + " (ending "
                    + r.mobile().substring(Math.max(0, r.mobile().length() - 3)) + ")");
        }
        db.inTransaction(c -> {
            setPin(c, r.id(), r.pinHash());
            audit.record(c, actor, "pin-reset-undone", r.contract(), "SMS " + sent.status() + ": " + sent.detail());
            return null;
        });
        return Outcome.refused(Refusal.SMS_REFUSED, "the SMS to " + r.contract() + " was not sent (" + sent.status()
                + ": " + sent.detail() + "); the old PIN still holds");
    }

    /** Closes the customer: status {@code closed}, PIN removed. */
    public Outcome deactivate(CustomerId id, String actor) {
        Optional<Row> found = row(id);
        if (found.isEmpty()) return Outcome.refused(Refusal.NOT_FOUND, "no customer " + id.value());
        Row r = found.get();
        if ("closed".equals(r.status())) {
            return Outcome.refused(Refusal.ALREADY_CLOSED, "customer " + r.contract() + " is closed already");
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET status = 'closed', pin_hash = NULL,"
                    + " pin_failures = 0, locked_until = NULL WHERE id = ?")) {
                ps.setLong(1, r.id());
                ps.executeUpdate();
            }
            audit.record(c, actor, "customer-deactivate", r.contract(), "was " + r.status());
            return null;
        });
        db.changed(JdbcCustomerRepository.CUSTOMERS);
        return Outcome.done("customer " + r.contract() + " deactivated (closed; PIN removed)");
    }

    private static void setPin(java.sql.Connection c, long id, String to) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET pin_hash = ?, pin_failures = 0,"
                + " locked_until = NULL WHERE id = ?")) {
            ps.setString(1, to);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private Optional<Row> row(CustomerId id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, contract_number, mobile, status, language, pin_hash FROM customers WHERE id = ?")) {
                ps.setLong(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), Language.of(rs.getString(5)), rs.getString(6))) : Optional.empty();
                }
            }
        });
    }
}
