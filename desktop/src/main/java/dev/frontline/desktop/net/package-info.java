/** The desktop's only way to the server: HTTP queries and the live WebSocket, JSON via the shared core records. */
package dev.frontline.desktop.net;
