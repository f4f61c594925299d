/** The SMS port: one way to send texts, whatever the backend, with rate limits and a log. */
package dev.frontline.core.sms;
