/** The supervisor's wallboard: queues and tiers against their targets, operators by state, the day's chart, alerts. */
package dev.frontline.desktop.supervisor;
