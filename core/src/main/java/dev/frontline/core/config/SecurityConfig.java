package dev.frontline.core.config;

import java.time.Duration;

/**
 * {@code security:} limits that protect customers and the SMS bill.
 *
 * @param pinAttempts            wrong PINs in a row before the customer is locked (default 3)
 * @param pinLockout             how long the lock lasts (default 15m)
 * @param smsPerCustomerPerHour  SMS sent to one customer per rolling hour (default 3)
 * @param smsPerNumberPerHour    SMS triggered from one calling number per rolling hour (default 5)
 * @param hashCost               bcrypt cost for passwords and PINs, 10-16 (default 10)
 */
public record SecurityConfig(int pinAttempts, Duration pinLockout, int smsPerCustomerPerHour, int smsPerNumberPerHour,
                             int hashCost) {
    public static final SecurityConfig DEFAULTS = new SecurityConfig(3, Duration.ofMinutes(15), 3, 5, 10);

    static SecurityConfig from(ConfigNode n) {
        SecurityConfig d = DEFAULTS;
        int attempts = n.integer("pin-attempts", d.pinAttempts(), 1, 20);
        Duration lockout = n.duration("pin-lockout", d.pinLockout());
        if (lockout.isZero()) {
            throw new ConfigException(n.key("pin-lockout"), "must be longer than 0");
        }
        SecurityConfig c = new SecurityConfig(attempts, lockout,
                n.integer("sms-per-customer-per-hour", d.smsPerCustomerPerHour(), 1, 1000),
                n.integer("sms-per-number-per-hour", d.smsPerNumberPerHour(), 1, 1000),
                n.integer("hash-cost", d.hashCost(), 10, 16));
        n.rejectUnknownKeys();
        return c;
    }
}
