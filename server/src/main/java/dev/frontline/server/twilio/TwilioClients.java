package dev.frontline.server.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the SDK's REST client. Requests go to api.twilio.com, or, with {@code twilio.api-base-url}, to that host
 * through a route planner on the Apache client inside {@link NetworkHttpClient} (the SDK's wire format unchanged).
 * The SDK's hidden retry of 5xx answers and Apache's of 429/503 are switched off: callers retry with their own
 * bounds and back-off.
 */
public final class TwilioClients {
    private TwilioClients() {
    }

    public static TwilioRestClient restClient(String accountSid, String authToken, Optional<URI> apiBaseUrl) {
        HttpClientBuilder builder = HttpClientBuilder.create()
                .disableAutomaticRetries() // Apache's default retries 429/503 once after 1 s: bounds are ours
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(32).setMaxConnPerRoute(32).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(3))
                        .setResponseTimeout(Timeout.ofSeconds(10))
                        .build());
        apiBaseUrl.ifPresent(u -> {
            HttpHost host = new HttpHost(u.getScheme(), u.getHost(), u.getPort() < 0
                    ? ("https".equals(u.getScheme()) ? 443 : 80) : u.getPort());
            builder.setRoutePlanner((target, context) -> new HttpRoute(host));
        });
        return new TwilioRestClient.Builder(accountSid, authToken).httpClient(new SingleShotHttpClient(builder)).build();
    }

    /** One request per call: the SDK's {@code reliableRequest} would otherwise retry 5xx three times on its own. */
    static final class SingleShotHttpClient extends NetworkHttpClient {
        SingleShotHttpClient(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }
    }
}
