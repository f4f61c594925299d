package dev.frontline.server.twilio.peer;

import java.util.HashMap;
import java.util.Map;

/**
 * A signed voice request from Twilio's own request-validation test suite (twilio-ruby, "Twilio Voice request"):
 * evidence from outside this project of what a correct signature is.
 */
public final class TwilioPublishedExample {
    public static final String AUTH_TOKEN = "2bd9e9638872de601313dc77410d3b23";
    public static final String URL = "http://twiliotests.heroku.com/validate/voice";
    public static final String SIGNATURE = "oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=";

    private TwilioPublishedExample() {
    }

    /** The request's form parameters (a fresh, mutable map). */
    public static Map<String, String> params() {
        Map<String, String> params = new HashMap<>();
        String[] kv = {"ToState", "California", "CalledState", "California", "Direction", "inbound", "FromState", "CA",
                "AccountSid", "ACba8bc05eacf94afdae398e642c9cc32d", "Caller", "+14153595711", "CallerZip", "94108",
                "CallerCountry", "US", "From", "+14153595711", "FromCity", "SAN FRANCISCO", "CallerCity", "SAN FRANCISCO",
                "To", "+14157669926", "FromZip", "94108", "FromCountry", "US", "ToCity", "", "CallStatus", "ringing",
                "CalledCity", "", "CallerState", "CA", "CalledZip", "", "ToZip", "", "ToCountry", "US",
                "CallSid", "CA136d09cd59a3c0ec8dbff44da5c03f31", "CalledCountry", "US", "Called", "+14157669926",
                "ApiVersion", "2010-04-01", "ApplicationSid", "AP44efecad51364e80b133bb7c07eb8204"};
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        return params;
    }
}
