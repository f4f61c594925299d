package dev.frontline.server.asterisk.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays Asterisk's side of one FastAGI channel, as Asterisk 20 does on the wire: it opens TCP to the FastAGI server,
 * sends {@code agi_key: value} lines and a blank line, then reads one command per line and answers
 * {@code 200 result=...}. DTMF results of STREAM FILE / WAIT FOR DIGIT are ASCII codes ({@code 53} is '5', 0 none);
 * GET DATA answers the digits, or an empty result and {@code (timeout)}. After {@link #hangUp()} the next command is
 * answered {@code HANGUP} then {@code 511 ...}, as Asterisk does on a dead channel. Every command is recorded.
 * Not thread-safe: one thread drives one channel.
 */
public final class FakeAsteriskAgi implements AutoCloseable {
    public static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private boolean hungUp;
    private boolean hangupSent;

    private FakeAsteriskAgi(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.out = socket.getOutputStream();
    }

    /** A new channel calling {@code agi://host:port/script} from {@code callerId} on the loopback interface. */
    public static FakeAsteriskAgi call(int port, String script, String uniqueId, String callerId) throws IOException {
        return call(InetAddress.getLoopbackAddress(), null, port, script, uniqueId, callerId);
    }

    /**
     * A new channel; {@code localAddress} (may be null) picks the source address, e.g. {@code 127.0.0.2} to look like
     * another host.
     */
    public static FakeAsteriskAgi call(InetAddress server, InetAddress localAddress, int port, String script,
                                       String uniqueId, String callerId) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.connect(new InetSocketAddress(server, port), 5000);
        FakeAsteriskAgi agi = new FakeAsteriskAgi(s);
        agi.sendEnvironment(environment(server, port, script, uniqueId, callerId));
        return agi;
    }

    /** The environment Asterisk 20 sends for {@code AGI(agi://host:port/script)} on a PJSIP channel. */
    public static Map<String, String> environment(InetAddress server, int port, String script, String uniqueId,
                                                  String callerId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("agi_network", "yes");
        env.put("agi_network_script", script);
        env.put("agi_request", "agi://" + server.getHostAddress() + ":" + port + "/" + script);
        env.put("agi_channel", "PJSIP/trunk-" + uniqueId.replace(".", ""));
        env.put("agi_language", "en");
        env.put("agi_type", "PJSIP");
        env.put("agi_uniqueid", uniqueId);
        env.put("agi_version", "20.5.0");
        env.put("agi_callerid", callerId);
        env.put("agi_calleridname", "unknown");
        env.put("agi_callingpres", "0");
        env.put("agi_callingani2", "0");
        env.put("agi_callington", "0");
        env.put("agi_callingtns", "0");
        env.put("agi_dnid", "37052000000");
        env.put("agi_rdnis", "unknown");
        env.put("agi_context", "frontline-incoming");
        env.put("agi_extension", "37052000000");
        env.put("agi_priority", "2");
        env.put("agi_enhanced", "0.0");
        env.put("agi_accountcode", "");
        env.put("agi_threadid", "140234");
        return env;
    }

    private void sendEnvironment(Map<String, String> env) throws IOException {
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        b.append('\n');
        write(b.toString());
    }

    /**
     * The next command the script sends, or null when the server closed the connection. Blocks up to
     * {@code timeout}; throws {@link SocketTimeoutException} when nothing came.
     */
    public String nextCommand(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        String line = in.readLine();
        if (line != null) {
            commands.add(line);
        }
        return line;
    }

    /** Reads the next command and fails unless it starts with {@code prefix}. */
    public String expect(String prefix) throws IOException {
        String cmd = nextCommand(Duration.ofSeconds(10));
        if (cmd == null || !cmd.startsWith(prefix)) {
            throw new AssertionError("expected a command starting with '" + prefix + "' but got '" + cmd
                    + "'; commands so far: " + commands);
        }
        return cmd;
    }

    /** Reads the next command, checks its prefix and answers {@code 200 result=<result>}. */
    public String expectAndReply(String prefix, String result) throws IOException {
        String cmd = expect(prefix);
        reply(result);
        return cmd;
    }

    /** Answers the pending command with {@code 200 result=<result>} (or the dead-channel lines after a hang-up). */
    public void reply(String result) throws IOException {
        if (hungUp) {
            replyDead();
            return;
        }
        write("200 result=" + result + "\n");
    }

    /** STREAM FILE / WAIT FOR DIGIT result for a pressed key: its ASCII code. */
    public static String key(char digit) {
        return Integer.toString(digit);
    }

    /** The caller hangs up: the pending and every later command get {@code HANGUP} / {@code 511}. */
    public void hangUp() {
        hungUp = true;
    }

    /**
     * The caller hangs up while the pending command runs, as a real Asterisk 22 answered it: that command ends with
     * {@code 200 result=-1}, then the {@code HANGUP} notice; every later command gets 511.
     */
    public void hangUpDuring() throws IOException {
        hungUp = true;
        hangupSent = true;
        write("200 result=-1\nHANGUP\n");
    }

    /** Answers like a channel that is gone: the HANGUP notice once, then 511. */
    public void replyDead() throws IOException {
        if (!hangupSent) {
            hangupSent = true;
            write("HANGUP\n" + DEAD + "\n");
        } else {
            write(DEAD + "\n");
        }
    }

    /**
     * Answers the closing {@code SET VARIABLE "AJ_AGISTATUS" ...} Asterisk-Java sends after every script and returns
     * the status it reported (SUCCESS, FAILED, NOT_FOUND).
     */
    public String finish() throws IOException {
        String cmd = expect("SET VARIABLE \"AJ_AGISTATUS\"");
        if (hungUp) {
            replyDead();
        } else {
            write("200 result=1\n");
        }
        return cmd.substring(cmd.lastIndexOf(' ') + 1).replace("\"", "");
    }

    /** True when the server closed the connection (reads end of stream within {@code timeout}). */
    public boolean closedByServer(Duration timeout) throws IOException {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            int b = socket.getInputStream().read();
            return b < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
