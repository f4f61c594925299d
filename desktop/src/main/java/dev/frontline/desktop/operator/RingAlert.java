package dev.frontline.desktop.operator;

/**
 * What the desk does while a call or a callback rings for the operator: a tone, the window raised, a notification.
 * Called on the FX thread: {@link #ring} once when ringing starts, {@link #stop} once when it ends.
 */
public interface RingAlert {
    /** Ringing started; {@code who} names the caller (or the number) for the notification. */
    void ring(String who);

    /** Answered, missed, withdrawn: silence. */
    void stop();

    /** No alert at all (tests, or rings turned off where no window may be raised). */
    RingAlert NONE = new RingAlert() {
        @Override
        public void ring(String who) {}

        @Override
        public void stop() {}
    };
}
