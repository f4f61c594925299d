/** The desktop API: Javalin HTTP + WebSocket, token sessions, screen-pop assembly, commands, the web callback form. */
package dev.frontline.server.api;
