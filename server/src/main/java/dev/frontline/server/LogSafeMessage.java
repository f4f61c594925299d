package dev.frontline.server;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.frontline.core.common.LogSafe;

/**
 * {@code %safeMsg} in logback.xml: the formatted message with control characters escaped ({@link LogSafe}), so no
 * value that came from outside (a webhook's From, the AGI environment, an API body, a CSV cell) can forge a log line
 * or drive the terminal, wherever it is logged. Stack traces ({@code %ex}) stay as they are.
 */
public final class LogSafeMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogSafe.of(super.convert(event));
    }
}
