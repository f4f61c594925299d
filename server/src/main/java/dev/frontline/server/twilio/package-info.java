/**
 * Twilio backend: signed webhooks answered with TwiML, call control through the caller's conference (REST
 * Participants: operators, hold, mute, supervisors, transfer; the conference's recording fetched), callbacks, SDK
 * client set-up.
 */
package dev.frontline.server.twilio;
