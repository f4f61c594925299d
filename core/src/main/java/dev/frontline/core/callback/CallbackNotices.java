package dev.frontline.core.callback;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Language;
import dev.frontline.core.sms.SmsRequest;

import java.util.Optional;

/**
 * The text a customer gets when every callback attempt failed, in the caller's language. The message holds nothing
 * secret and goes to the number the customer asked to be called on.
 *
 * @param deskNumber the number to call back on, as printed in the text
 */
public record CallbackNotices(String deskNumber) {

    public SmsRequest failed(String number, Language language, Optional<CustomerId> customer) {
        String n = deskNumber == null ? "" : deskNumber;
        String body = switch (language) {
            case LT -> "Bandėme jums paskambinti, bet nepavyko susisiekti. Paskambinkite mums " + n + ".";
            case RU -> "Мы пытались вам перезвонить, но не смогли дозвониться. Позвоните нам: " + n + ".";
            case PL -> "Próbowaliśmy do Państwa oddzwonić, ale bez skutku. Prosimy zadzwonić do nas: " + n + ".";
            case SL -> "Poskušali smo vas poklicati nazaj, a vas nismo dosegli. Pokličite nas na " + n + ".";
            default -> "We tried to call you back but could not reach you. Please call us on " + n + ".";
        };
        return new SmsRequest(number, body, false, customer, "callback-failed");
    }
}
