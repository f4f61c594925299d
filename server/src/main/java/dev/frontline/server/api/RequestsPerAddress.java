package dev.frontline.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code limit} requests of one client address (the socket's, no header is trusted) in the server's hands at
 * once; one more gets 503 at once, before its body is read, so a client holding threads with slow bodies holds at
 * most {@code limit} of them. (Jetty 11's ThreadLimitHandler does this by suspending, but fails inside Javalin's
 * servlet context.) Refusals are logged at most once a minute per server. Thread-safe.
 */
final class RequestsPerAddress extends HandlerWrapper {
    private static final Logger log = LoggerFactory.getLogger(RequestsPerAddress.class);

    private final int limit;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong lastLogged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    RequestsPerAddress(int limit) {
        this.limit = limit;
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        String address = request.getRemoteAddr();
        AtomicInteger n = inFlight.computeIfAbsent(address, a -> new AtomicInteger());
        if (n.incrementAndGet() > limit) {
            n.decrementAndGet();
            refused(address);
            base.setHandled(true);
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.getWriter().write("{\"code\":\"busy\",\"message\":\"too many requests from your address at once\",\"field\":null,\"errors\":[]}");
            return;
        }
        try {
            super.handle(target, base, request, response);
        } finally {
            if (n.decrementAndGet() == 0) {
                inFlight.remove(address, n);
            }
        }
    }

    private void refused(String address) {
        long count = refused.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last > 60_000 && lastLogged.compareAndSet(last, now)) {
            log.warn("refused a request from {}: more than {} at once from one address ({} refused so far)",
                    address, limit, count);
        }
    }
}
