package dev.frontline.server.twilio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallSidTest {
    @Test
    void isCAFollowedByExactly32AsciiHexDigits() {
        assertThat(TwilioVoice.isCallSid("CA0123456789abcdef0123456789ABCDEF")).isTrue();
        assertThat(TwilioVoice.isCallSid("CA0123456789abcdef0123456789ABCDE")).as("31 digits").isFalse();
        assertThat(TwilioVoice.isCallSid("CA0123456789abcdef0123456789ABCDEF0")).as("33 digits").isFalse();
        assertThat(TwilioVoice.isCallSid("ca0123456789abcdef0123456789abcdef")).as("lower-case prefix").isFalse();
        assertThat(TwilioVoice.isCallSid("SM0123456789abcdef0123456789abcdef")).as("a message's SID").isFalse();
        assertThat(TwilioVoice.isCallSid("CA0123456789abcdef0123456789abcdeg")).as("g is not hex").isFalse();
        assertThat(TwilioVoice.isCallSid("CA0123456789abcdef0123456789abcde\uFF11")).as("a full-width digit").isFalse();
        assertThat(TwilioVoice.isCallSid("CA0123456789abcdef0123456789abcd/.")).isFalse();
        assertThat(TwilioVoice.isCallSid(null)).isFalse();
        assertThat(TwilioVoice.isCallSid("")).isFalse();
    }
}
