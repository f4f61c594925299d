package dev.frontline.core.customer;

import dev.frontline.core.common.CustomerId;

import java.util.List;
import java.util.Optional;

/** Customers in the store. Thread-safe. */
public interface CustomerRepository {

    /** By any number on file; {@code e164} must already be normalised (see {@code PhoneNumbers}). */
    Optional<Customer> findByPhone(String e164);

    /** As {@link #findByPhone}, only what the voice menu needs: an implementation may answer it from memory. */
    default Optional<KnownCaller> callerByPhone(String e164) {
        return findByPhone(e164).map(KnownCaller::of);
    }

    Optional<Customer> findByContract(String contractNumber);

    Optional<Customer> findById(CustomerId id);

    /** Name, contract, phone or e-mail containing {@code text}; at most {@code limit}. */
    List<Customer> search(String text, int limit);
}
