package dev.frontline.core.customer;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;

import java.util.Objects;

/**
 * What the voice menu learns when it recognises a caller: who it is, the contract to read back, the language to
 * speak, whether texts can be sent, and the area to check for outages.
 */
public record KnownCaller(CustomerId id, String contractNumber, Language language, boolean hasMobile, String serviceArea) {
    public KnownCaller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contractNumber, "contractNumber");
        Objects.requireNonNull(language, "language");
    }

    public static KnownCaller of(Customer c) {
        return new KnownCaller(c.id(), c.contractNumber(), c.language(), c.mobile().isPresent(), c.serviceArea());
    }
}
