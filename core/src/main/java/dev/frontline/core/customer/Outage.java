package dev.frontline.core.customer;

import java.time.Instant;
import java.util.Optional;

/** A known outage in a service area, announced to callers from that area before they queue. */
public record Outage(long id, String area, String description, Instant startedAt, Optional<Instant> expectedEnd) {}
