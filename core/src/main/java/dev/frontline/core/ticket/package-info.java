/** Tickets: human-readable ids, notes and state history, escalation with the tier's SLA clock, knowledge base. */
package dev.frontline.core.ticket;
