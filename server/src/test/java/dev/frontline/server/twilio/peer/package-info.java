/** Test peers speaking Twilio's side of the wire: a loopback REST API and a webhook caller that signs requests. */
package dev.frontline.server.twilio.peer;
