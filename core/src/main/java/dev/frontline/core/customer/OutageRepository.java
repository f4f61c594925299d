package dev.frontline.core.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Known outages. Thread-safe. */
public interface OutageRepository {

    /** The outage in {@code area} that is going on at {@code now} (started, not resolved), if any. */
    Optional<Outage> activeIn(String area, Instant now);

    List<Outage> active(Instant now);

    Outage report(String area, String description, Instant startedAt, Optional<Instant> expectedEnd);

    void resolve(long id, Instant at);

    /**
     * Moves an ongoing outage's expected end to {@code expectedEnd}.
     *
     * @throws UnsupportedOperationException where the store cannot (the default)
     */
    default void extend(long id, Instant expectedEnd) {
        throw new UnsupportedOperationException("extending outages");
    }
}
