/** Shared test helpers (in core's test-jar): a hand-moved clock, recording fakes of the SMS port and the ACD. */
package dev.frontline.core.testing;
