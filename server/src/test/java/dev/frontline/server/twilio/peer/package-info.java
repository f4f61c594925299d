/**
 * Test peers speaking Twilio's side of the wire: a loopback REST API (calls, messages, conferences, participants,
 * recordings, and their callbacks) and a webhook caller that signs requests.
 */
package dev.frontline.server.twilio.peer;
