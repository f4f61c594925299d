/** Command-line plumbing shared by the commands (--config, opening the store) and the foundation commands (import, demo-data). */
package dev.frontline.server.cli;
