/** The simulated line: a third telephony backend in memory (test phone, operator phones) and demo traffic. */
package dev.frontline.server.sim;
