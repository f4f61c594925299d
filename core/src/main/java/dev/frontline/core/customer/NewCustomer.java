package dev.frontline.core.customer;

import dev.frontline.core.common.Language;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer to be written by import or demo data; phones already E.164, the PIN already hashed.
 *
 * @param otherPhones further E.164 numbers (the mobile is not repeated here)
 */
public record NewCustomer(String contractNumber, String name, Optional<String> mobile, List<String> otherPhones,
                          String email, String address, String serviceArea, String plan, List<String> services,
                          String status, Language language, String login, Optional<String> pinHash) {
    public NewCustomer {
        Objects.requireNonNull(contractNumber, "contractNumber");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(pinHash, "pinHash");
        otherPhones = List.copyOf(otherPhones);
        services = List.copyOf(services);
        status = status == null || status.isBlank() ? "active" : status;
    }
}
