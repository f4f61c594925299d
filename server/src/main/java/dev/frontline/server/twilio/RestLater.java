package dev.frontline.server.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import org.slf4j.Logger;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** A call control's Twilio REST request run on the REST executor: the control returns at once, a failure is logged. */
final class RestLater {
    private RestLater() {
    }

    /** Runs {@code rest} on {@code executor}; Twilio's refusal, an unreachable Twilio or a stopping backend is logged. */
    static void run(Executor executor, Logger log, String what, Runnable rest) {
        try {
            executor.execute(() -> {
                try {
                    rest.run();
                } catch (ApiException e) {
                    log.warn("{}: Twilio {}{}: {}", what, e.getStatusCode(), e.getCode() == null ? "" : " error "
                            + e.getCode(), e.getMessage());
                } catch (ApiConnectionException e) {
                    log.warn("{}: Twilio unreachable: {}", what, e.getMessage());
                } catch (RuntimeException e) {
                    log.error("{} failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("{}: the Twilio backend is stopping", what);
        }
    }
}
