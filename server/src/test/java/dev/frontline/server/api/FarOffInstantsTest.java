package dev.frontline.server.api;

import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 20 item 10: a far-past {@code from=} is a clear 400, not a 500 carrying the store's error text. */
class FarOffInstantsTest extends ApiOnDiskTest {

    @Test
    void aFarPastOrFarFutureFromIsRefusedNamingTheParameter() {
        start();
        String sue = server.client.login("sue", "secret");
        for (String path : new String[] {"/api/me/rating", "/api/wallboard/ratings", "/api/wallboard/history"}) {
            for (String from : new String[] {"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"}) {
                DeskClient.Reply r = server.client.get(path + "?from=" + from, sue);
                assertThat(r.status()).as(path + " " + from).isEqualTo(400);
                assertThat(r.body()).as(path).contains("\"field\":\"from\"").doesNotContainIgnoringCase("sql");
            }
        }
    }
}
