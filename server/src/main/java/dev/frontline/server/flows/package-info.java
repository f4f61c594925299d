/** The {@code frontline flows} commands: check flow files, simulate a call through a flow. */
package dev.frontline.server.flows;
