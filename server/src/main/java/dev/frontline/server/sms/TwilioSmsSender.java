package dev.frontline.server.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import java.util.Optional;

/**
 * Sends through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json} with {@code To},
 * {@code From}, {@code Body} and {@code StatusCallback}). 429 and 5xx answers and network failures are
 * {@link SendOutcome.Retryable}; any other API error (e.g. 400 / 21211 invalid number) is {@link SendOutcome.Rejected}.
 */
public final class TwilioSmsSender implements SmsSender {
    private final TwilioRestClient client;
    private final String from;
    private final Optional<String> statusCallbackUrl;

    /** @param statusCallbackUrl where Twilio reports delivery ({@code <public-base-url>/twilio/sms-status}) */
    public TwilioSmsSender(TwilioRestClient client, String from, Optional<String> statusCallbackUrl) {
        this.client = client;
        this.from = from;
        this.statusCallbackUrl = statusCallbackUrl;
    }

    @Override
    public String fromNumber() {
        return from;
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public SendOutcome send(String to, String body) {
        MessageCreator creator = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body);
        statusCallbackUrl.ifPresent(creator::setStatusCallback);
        try {
            Message m = creator.create(client);
            return new SendOutcome.Accepted(m.getSid(), m.getStatus() == null ? "queued" : m.getStatus().toString());
        } catch (ApiException e) {
            Integer http = e.getStatusCode();
            if (http == null) { // no HTTP answer (e.g. the read timed out): the SDK wraps the I/O error
                return new SendOutcome.Retryable("Twilio unreachable: " + e.getMessage());
            }
            String reason = "Twilio " + (http == null ? "?" : http)
                    + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage();
            if (http == null || http == 429 || http >= 500) {
                return new SendOutcome.Retryable(reason);
            }
            return new SendOutcome.Rejected(reason);
        } catch (ApiConnectionException e) {
            return new SendOutcome.Retryable("Twilio unreachable: " + e.getMessage());
        }
    }
}
