package dev.frontline.core.callback;

import java.time.Instant;

/** When the desk answers calls: after-hours callbacks are moved to the next opening. Pure; thread-safe. */
public interface BusinessHours {

    boolean isOpen(Instant at);

    /** {@code at} itself when the desk is open then, otherwise the next moment it opens. */
    Instant nextOpening(Instant at);

    /** The desk's calendar ({@code desk.hours}); a desk that never opens again leaves times as they are. */
    static BusinessHours of(dev.frontline.core.desk.DeskHours desk) {
        return new BusinessHours() {
            @Override
            public boolean isOpen(Instant at) {
                return desk.isOpen(at);
            }

            @Override
            public Instant nextOpening(Instant at) {
                return desk.nextOpening(at).orElse(at);
            }
        };
    }

    /** A desk that never closes. */
    static BusinessHours always() {
        return new BusinessHours() {
            @Override
            public boolean isOpen(Instant at) {
                return true;
            }

            @Override
            public Instant nextOpening(Instant at) {
                return at;
            }
        };
    }
}
