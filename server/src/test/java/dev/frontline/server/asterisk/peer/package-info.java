/** Loopback stand-ins for Asterisk written from the wire protocol (FastAGI client side, AMI server side). */
package dev.frontline.server.asterisk.peer;
