package dev.frontline.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket from a chosen loopback address ({@code 127.0.0.2}, ...), so a test can play several
 * clients, and a client that sends headers and then its body slowly or never.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** An answer: its status (0 when the server closed without one, -1 when none came in time) and text. */
    public record Answer(int status, String text) {}

    /** Opens a socket from {@code from} to the server on 127.0.0.1. */
    public static Socket open(String from, int port) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The head of a request with a JSON body of {@code length} bytes (the body is the caller's to send). */
    public static String head(String method, String path, long length) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n";
    }

    public static void write(Socket s, String text) {
        try {
            s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the answer until the server closes or {@code timeout} passes. */
    public static Answer read(Socket s, Duration timeout) {
        try {
            s.setSoTimeout((int) timeout.toMillis());
            InputStream in = s.getInputStream();
            StringBuilder out = new StringBuilder();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                if (out.length() == 0) {
                    return new Answer(-1, "");
                }
            } catch (IOException e) { // reset by the server
                if (out.length() == 0) {
                    return new Answer(0, "");
                }
            }
            String text = out.toString();
            if (!text.startsWith("HTTP/1.1 ")) {
                return new Answer(0, text);
            }
            return new Answer(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole JSON request from {@code from}; the answer within {@code timeout}. */
    public static Answer send(String from, int port, String method, String path, String json, Duration timeout) {
        try (Socket s = open(from, port)) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            write(s, head(method, path, body.length) + json);
            return read(s, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
