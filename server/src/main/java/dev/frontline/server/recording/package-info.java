/** Call recording for every backend: which calls are recorded, the recordings table, retention, alerts. */
package dev.frontline.server.recording;
