/** The operator's desk: state bar, screen-pop, notes, tickets and escalation, callbacks, knowledge base. */
package dev.frontline.desktop.operator;
