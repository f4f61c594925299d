/** Shared test helpers (in core's test-jar): a hand-moved clock. */
package dev.frontline.core.testing;
