package dev.frontline.core.customer;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer of the desk.
 *
 * @param mobile      E.164 mobile on file: the only number secrets are ever texted to; empty when unknown
 * @param otherPhones further E.164 numbers that identify the customer when calling
 * @param pinHash     slow hash of the verification PIN; empty when the customer has none (cannot be verified)
 */
public record Customer(CustomerId id, String contractNumber, String name, Optional<String> mobile,
                       List<String> otherPhones, String email, String address, String serviceArea, String plan,
                       List<String> services, String status, Language language, String login,
                       Optional<String> pinHash) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contractNumber, "contractNumber");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(pinHash, "pinHash");
        Objects.requireNonNull(language, "language");
        otherPhones = List.copyOf(otherPhones);
        services = List.copyOf(services);
    }
}
