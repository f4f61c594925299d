package dev.frontline.server.asterisk;

import org.asteriskjava.util.SocketConnectionFacade;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A FastAGI connection that reads within bounds (Asterisk-Java's own reads a line of any length and waits for ever):
 * the AGI environment must arrive whole within {@code environmentTime}, in at most {@value #MAX_ENVIRONMENT_LINES}
 * lines; no line may exceed {@value #MAX_LINE} bytes; after the environment, each reply must come within
 * {@code replyTimeout} (long: the reply to a Dial comes when the conversation ends). Breaking a bound is an
 * {@link IOException}: Asterisk-Java ends the channel and closes the socket. Used by one channel thread at a time.
 */
final class BoundedAgiConnection implements SocketConnectionFacade {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_ENVIRONMENT_LINES = 200;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long environmentDeadline;
    private final int replyTimeoutMillis;
    private boolean inEnvironment = true;
    private int environmentLines;

    BoundedAgiConnection(Socket socket, Duration environmentTime, Duration replyTimeout) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.environmentDeadline = System.nanoTime() + environmentTime.toNanos();
        this.replyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, replyTimeout.toMillis());
        socket.setSoTimeout((int) Math.max(1, environmentTime.toMillis()));
    }

    @Override
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (inEnvironment && System.nanoTime() > environmentDeadline) {
                throw new SocketTimeoutException("AGI environment not complete in time (slow or idle peer)");
            }
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : finish(line);
            }
            if (b == '\n') {
                return finish(line);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("AGI line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private String finish(ByteArrayOutputStream bytes) throws IOException {
        String line = bytes.toString(StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (inEnvironment) {
            if (++environmentLines > MAX_ENVIRONMENT_LINES) {
                throw new IOException("AGI environment longer than " + MAX_ENVIRONMENT_LINES + " lines");
            }
            if (line.isEmpty()) {
                inEnvironment = false;
                socket.setSoTimeout(replyTimeoutMillis);
            }
        }
        return line;
    }

    @Override
    public void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
