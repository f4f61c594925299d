/** Queues, operators and their states, routing, wait-time estimates and SLA metrics. One thread owns the state. */
package dev.frontline.core.acd;
