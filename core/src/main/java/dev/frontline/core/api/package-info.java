/**
 * Versioned JSON messages between the server and the desktops (WebSocket), shared by both sides. Every message is a
 * JSON object with {@code "type"}; {@link ApiJson} is the one mapper both sides use. Version: {@link ApiJson#VERSION}.
 */
package dev.frontline.core.api;
