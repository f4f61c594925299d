package dev.frontline.server.twilio;

import dev.frontline.server.twilio.peer.TwilioPublishedExample;
import dev.frontline.server.twilio.peer.TwilioSigner;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {
    private static final String TOKEN = TwilioPublishedExample.AUTH_TOKEN;
    private static final String URL = TwilioPublishedExample.URL;
    private static final String SIGNED = TwilioPublishedExample.SIGNATURE;

    private static Map<String, String> twiliosExample() {
        return TwilioPublishedExample.params();
    }

    @Test
    void twiliosPublishedSignatureIsValidAndNothingElseIs() {
        WebhookSignature check = new WebhookSignature(TOKEN);
        Map<String, String> p = twiliosExample();

        assertThat(check.valid(URL, p, SIGNED)).isTrue();
        assertThat(check.valid(URL, p, "oVb2kXoVy8GEfwBDjR8bk/ZZ6eB=")).as("one character off").isFalse();
        assertThat(check.valid(URL + "?x=1", p, SIGNED)).as("another URL").isFalse();
        Map<String, String> tampered = new HashMap<>(p);
        tampered.put("From", "+14155550000");
        assertThat(check.valid(URL, tampered, SIGNED)).as("a changed parameter").isFalse();
        assertThat(new WebhookSignature("another-token").valid(URL, p, SIGNED)).isFalse();
        assertThat(check.valid(URL, p, null)).isFalse();
        assertThat(check.valid(URL, p, " ")).isFalse();
    }

    @Test
    void aSignatureOverTheUrlWithItsPortIsLeftToTheSdkAndAccepted() {
        // Twilio signs https URLs sometimes with ":443"; only the SDK's second computation knows that
        WebhookSignature check = new WebhookSignature(TOKEN);
        Map<String, String> p = Map.of("CallSid", "CA136d09cd59a3c0ec8dbff44da5c03f31", "From", "+37061234567");
        String withPort = new TwilioSigner(TOKEN).sign("https://ivr.example.com:443/twilio/voice", p);

        assertThat(check.valid("https://ivr.example.com/twilio/voice", p, withPort)).isTrue();
        assertThat(check.valid("https://ivr.example.com/twilio/hold", p, withPort)).isFalse();
    }

    @Test
    void manyThreadsCheckingAtOnceGetTheSameAnswers() throws Exception {
        WebhookSignature check = new WebhookSignature(TOKEN);
        Map<String, String> p = twiliosExample();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!check.valid(URL, p, SIGNED) || check.valid(URL, p, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wrong.get()).isZero();
    }
}
