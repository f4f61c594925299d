package dev.frontline.core.common;

import java.util.Locale;
import java.util.Optional;

/** Which telephony backend carries a call. */
public enum Backend {
    ASTERISK, TWILIO, SIM;

    /**
     * The backend an operator's phone is on, by its endpoint's prefix: {@code sim:}; {@code PJSIP/}, {@code SIP/},
     * {@code IAX2/}, {@code Local/} (Asterisk); {@code client:}, {@code sip:}, {@code +} (Twilio). Empty when the
     * prefix names none (the server then uses its default backend).
     */
    public static Optional<Backend> ofEndpoint(String endpoint) {
        String e = endpoint == null ? "" : endpoint.toLowerCase(Locale.ROOT);
        if (e.startsWith("sim:")) {
            return Optional.of(SIM);
        } else if (e.startsWith("pjsip/") || e.startsWith("sip/") || e.startsWith("iax2/") || e.startsWith("local/")) {
            return Optional.of(ASTERISK);
        } else if (e.startsWith("client:") || e.startsWith("sip:") || e.startsWith("+")) {
            return Optional.of(TWILIO);
        }
        return Optional.empty();
    }

    /**
     * Whether a callback this backend places lives in the server's process and dies with it (issue 23): the
     * simulated line's. Asterisk runs an AMI Originate by itself and reports the customer leg to any AMI session
     * (UserEvent FrontlineCallback); Twilio's REST call and its status callbacks do not depend on one server.
     */
    public boolean callbacksDieWithTheServer() {
        return this == SIM;
    }
}
