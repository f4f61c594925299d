package dev.frontline.core.customer;

import dev.frontline.core.common.CustomerId;

/**
 * Checks a customer's verification PIN against its slow hash, counting failures in the store: after the configured
 * number of wrong PINs the customer is locked out for the configured time (across calls). Thread-safe.
 */
public interface PinVerifier {

    Result verify(CustomerId customer, String pin);

    enum Result { OK, WRONG, LOCKED, NO_PIN }
}
