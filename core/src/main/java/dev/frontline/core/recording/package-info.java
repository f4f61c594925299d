/** Call recording: which lines and queues are recorded, where, and for how long. */
package dev.frontline.core.recording;
