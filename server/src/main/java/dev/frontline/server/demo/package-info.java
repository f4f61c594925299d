/** {@code frontline demo-data}: realistic, seed-deterministic customers, operators, tickets, knowledge base and an outage. */
package dev.frontline.server.demo;
