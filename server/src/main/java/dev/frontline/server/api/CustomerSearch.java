package dev.frontline.server.api;

import dev.frontline.core.common.LogSafe;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.store.AuditLog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An operator's customer search, which grants visibility of what it returns, so it must not be a way to read every
 * customer: the query must be a meaningful one (a full phone number, an exact contract number, or at least
 * {@value #MIN_LETTERS} letters of a name), at most {@value #PAGE} customers come back, an operator's searches are
 * limited per minute and per day, and every search is recorded in the audit log (who, what, how many) before it
 * answers. Supervisors (who may read every customer anyway) are not limited but are recorded. Thread-safe.
 */
final class CustomerSearch {
    /** The most customers one search returns. */
    static final int PAGE = 10;
    /** Letters a name search needs. */
    static final int MIN_LETTERS = 3;
    /** Digits a phone search needs (a full national number). */
    static final int MIN_PHONE_DIGITS = 7;
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9 ()./-]+");

    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final RateLimiter perMinute;
    private final RateLimiter perDay;
    private final AuditLog audit;

    CustomerSearch(CustomerRepository customers, PhoneNumbers phones, RateLimiter perMinute, RateLimiter perDay,
                   AuditLog audit) {
        this.customers = customers;
        this.phones = phones;
        this.perMinute = perMinute;
        this.perDay = perDay;
        this.audit = audit;
    }

    /**
     * @throws ApiException 400 for a query that is not meaningful, 429 when the operator searched too often
     */
    List<Customer> search(DeskSession s, String raw) {
        String q = raw == null ? "" : raw.strip();
        if (q.isEmpty()) {
            throw ApiException.invalid("q", "is required: a full phone number, a contract number or at least "
                    + MIN_LETTERS + " letters of a name");
        }
        if (q.length() > 100) {
            throw ApiException.invalid("q", "must be at most 100 characters");
        }
        Kind kind = kind(q);
        if (!s.supervisor()) {
            if (!perMinute.tryAcquire(s.login())) {
                throw tooMany(perMinute.retryAfterSeconds(s.login()));
            }
            if (!perDay.tryAcquire(s.login())) {
                throw tooMany(perDay.retryAfterSeconds(s.login()));
            }
        }
        List<Customer> found = switch (kind) {
            case CONTRACT -> customers.findByContract(q).map(List::of).orElse(List.of());
            case PHONE -> phone(q);
            case NAME -> byName(q);
        };
        audit.record(s.login(), "customer-search", LogSafe.of(q), kind.name().toLowerCase(Locale.ROOT) + ": "
                + found.size() + " found");
        return found;
    }

    private enum Kind { CONTRACT, PHONE, NAME }

    private Kind kind(String q) {
        if (customers.findByContract(q).isPresent()) {
            return Kind.CONTRACT;
        }
        if (PHONE_LIKE.matcher(q).matches()) {
            long digits = q.chars().filter(Character::isDigit).count();
            if (digits < MIN_PHONE_DIGITS) {
                throw ApiException.invalid("q", "a phone number must be given in full (at least " + MIN_PHONE_DIGITS
                        + " digits), a contract number exactly");
            }
            return Kind.PHONE;
        }
        if (q.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            throw ApiException.invalid("q", "search needs a full phone number, a contract number or at least "
                    + MIN_LETTERS + " letters of a name");
        }
        return Kind.NAME;
    }

    private List<Customer> phone(String q) {
        Optional<String> e164 = phones.toE164(q);
        return e164.flatMap(customers::findByPhone).map(List::of).orElse(List.of());
    }

    /** Names containing {@code q}; the repository's search also matches e-mails and contracts, which are dropped. */
    private List<Customer> byName(String q) {
        String needle = q.toLowerCase(Locale.ROOT);
        return customers.search(q, PAGE * 5).stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(needle))
                .limit(PAGE).toList();
    }

    private static ApiException tooMany(long retryAfter) {
        return new ApiException(429, "rate-limited", "too many customer searches: try again in " + retryAfter + " s",
                null);
    }
}
