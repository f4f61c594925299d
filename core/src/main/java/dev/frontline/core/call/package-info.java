/**
 * The contract between a telephony backend (Asterisk, Twilio, the simulated line) and Frontline for one call.
 * A backend calls {@link dev.frontline.core.call.CallHandler#start} when a call arrives, performs the
 * {@link dev.frontline.core.call.Turn}'s media steps, and feeds what the caller did back with
 * {@link dev.frontline.core.call.CallHandler#resume}. All decisions live behind the handler; backends only translate.
 */
package dev.frontline.core.call;
