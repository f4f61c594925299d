package dev.frontline.server.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import dev.frontline.server.sms.SmsSender;
import dev.frontline.server.sms.TwilioSmsSender;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Every REST request is bounded: a Twilio that accepts the request and never answers does not hold a thread. */
class TwilioClientsTest {
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String CALL = "CA11111111111111111111111111111111";

    final LoopbackTwilioApi api = new LoopbackTwilioApi();

    @AfterEach
    void stop() {
        api.close();
    }

    private TwilioRestClient client() {
        return TwilioClients.restClient(SID, "token", Optional.of(api.baseUrl()), Duration.ofMillis(500));
    }

    @Test
    void aTextTwilioNeverAnswersIsARetryableFailureWithinTheTimeout() {
        api.hang();
        TwilioSmsSender sender = new TwilioSmsSender(client(), "+37052000000", Optional.empty());

        // the 20 s bound only stops the test from hanging; the client's own 0.5 s timeout must end the request
        SmsSender.SendOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> sender.send("+37061234567", "Your contract: 123"));

        assertThat(outcome).isInstanceOf(SmsSender.SendOutcome.Retryable.class);
        assertThat(((SmsSender.SendOutcome.Retryable) outcome).reason()).contains("Twilio unreachable").contains("timed out");
        assertThat(api.requestsTo("/Messages.json")).hasSize(1); // it did reach "Twilio": the answer never came
    }

    @Test
    void aCallUpdateTwilioNeverAnswersThrowsWithinTheTimeout() {
        api.hang();
        TwilioRestClient client = client();

        ApiException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ApiException.class,
                () -> Call.updater(CALL).setTwiml("<Response/>").update(client)));

        assertThat(e.getStatusCode()).isNull(); // no HTTP answer: the SDK wraps the read timeout
        assertThat(e.getMessage()).contains("timed out");
        assertThat(api.requestsTo("/Calls/" + CALL + ".json")).hasSize(1);
    }

    @Test
    void theNextRequestAfterAHungOneIsAnsweredNormally() {
        TwilioRestClient client = client();
        api.hang();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ApiException.class,
                () -> Call.updater(CALL).setTwiml("<Response/>").update(client)));
        api.release();

        assertThat(Call.updater(CALL).setTwiml("<Response/>").update(client).getSid()).isEqualTo(CALL);
    }
}
