/** Twilio backend: signed webhooks answered with TwiML, REST call control (Dial, callbacks), SDK client set-up. */
package dev.frontline.server.twilio;
