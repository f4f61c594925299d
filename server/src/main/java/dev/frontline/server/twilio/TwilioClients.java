package dev.frontline.server.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the SDK's REST client. Requests go to api.twilio.com, or, with {@code twilio.api-base-url}, to that host
 * through a route planner on the Apache client inside {@link NetworkHttpClient} (the SDK's wire format unchanged).
 * The SDK's hidden retry of 5xx answers and Apache's of 429/503 are switched off: callers retry with their own
 * bounds and back-off.
 *
 * <p>Every request is bounded by {@code timeout}: to get a connection from the pool, to connect, and for the answer
 * (socket inactivity). twilio-java 13.0.1 sets its own {@code RequestConfig} on every request (connect 30.5 s, no
 * response timeout), replacing the client's default one; so the bound is put back as the first step of the
 * execution chain, and the connections' socket and connect timeouts are set too.
 */
public final class TwilioClients {
    private TwilioClients() {
    }

    public static TwilioRestClient restClient(String accountSid, String authToken, Optional<URI> apiBaseUrl,
                                              Duration timeout) {
        Timeout bound = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        RequestConfig bounded = RequestConfig.custom()
                .setConnectionRequestTimeout(bound)
                .setResponseTimeout(bound)
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .disableAutomaticRetries() // Apache's default retries 429/503 once after 1 s: bounds are ours
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(32).setMaxConnPerRoute(32)
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(bound).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(bound).setSocketTimeout(bound).build())
                        .build())
                .setDefaultRequestConfig(bounded)
                // the SDK's per-request config replaced ours: put the bound back before anything uses it
                .addExecInterceptorFirst("frontline-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(bounded);
                    return chain.proceed(request, scope);
                });
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
