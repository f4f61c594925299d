package dev.frontline.server.asterisk.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Plays Asterisk's side of the Asterisk Manager Interface on loopback, as Asterisk 20 does: the banner
 * {@code Asterisk Call Manager/9.0.0}, CRLF lines, blocks ended by an empty line, header names matched without
 * regard to case. It answers Challenge / Login (MD5 of challenge + secret), CoreSettings, Command, Ping,
 * Originate (Success, then an OriginateResponse event with the same ActionID), CoreShowChannels and DeviceStateList
 * from its own channel and device tables, and Logoff. Events go to every logged-in client. {@link #restart} drops
 * every connection and stops listening for a while, as a PBX restart does; Asterisk keeps no events for a
 * disconnected client. Thread-safe.
 */
public final class FakeAsteriskAmi implements AutoCloseable {
    public static final String BANNER = "Asterisk Call Manager/9.0.0";

    /** How an originate ends: {@code Success} or {@code Failure} with Asterisk's reason code (3 no answer, 5 busy). */
    public record OriginateResult(boolean success, int reason) {
        public static OriginateResult answered() {
            return new OriginateResult(true, 4);
        }

        public static OriginateResult noAnswer() {
            return new OriginateResult(false, 3);
        }
    }

    private final String user;
    private final String secret;
    private final int port;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final Map<String, String> devices = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> channels = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger uniqueIds = new AtomicInteger(100);
    private volatile Function<Map<String, String>, OriginateResult> originates = a -> OriginateResult.answered();
    private volatile ServerSocket server;
    /** DeviceStateList answers left to refuse as "Invalid/unknown command" (modules still loading). */
    private final AtomicInteger loadingRefusals = new AtomicInteger();
    /** Channels Setvar answers "No such channel" for (as Asterisk 22's action_setvar does). */
    private final java.util.Set<String> goneChannels = ConcurrentHashMap.newKeySet();

    /** Setvar and Hangup on {@code channel} are answered {@code Response: Error / Message: No such channel}. */
    public void channelGone(String channel) {
        goneChannels.add(channel);
    }

    private FakeAsteriskAmi(String user, String secret, int port) {
        this.user = user;
        this.secret = secret;
        this.port = port;
    }

    /** Listens on a free loopback port. */
    public static FakeAsteriskAmi start(String user, String secret) throws IOException {
        ServerSocket s = bind(0);
        FakeAsteriskAmi ami = new FakeAsteriskAmi(user, secret, s.getLocalPort());
        ami.listen(s);
        return ami;
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    public int port() {
        return port;
    }

    // --- the PBX's state ---

    /** Sets a device's state ({@code NOT_INUSE}, {@code INUSE}, {@code UNAVAILABLE}, ...) and sends DeviceStateChange. */
    public void setDeviceState(String device, String state) {
        devices.put(device, state);
        emit(event("DeviceStateChange", "Device", device, "State", state));
    }

    /** A live channel for CoreShowChannels; {@code bridgeId} empty when not bridged. Sends no event. */
    public void putChannel(String channel, String uniqueId, String bridgeId) {
        channels.put(uniqueId, event("CoreShowChannel", "Channel", channel, "UniqueID", uniqueId, "BridgeId", bridgeId,
                "ChannelState", "6", "ChannelStateDesc", "Up", "Application", "AGI", "Duration", "00:00:10"));
    }

    public void removeChannel(String uniqueId) {
        channels.remove(uniqueId);
    }

    /** Decides how each Originate ends (default: answered). */
    public void onOriginate(Function<Map<String, String>, OriginateResult> decide) {
        this.originates = decide;
    }

    /** Sends an event block to every logged-in client. */
    public void emit(Map<String, String> headers) {
        for (Client c : clients) {
            if (c.loggedIn) {
                c.send(headers);
            }
        }
    }

    /** An ordered header block, {@code Event: name} first. */
    public static Map<String, String> event(String name, String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Event", name);
        m.put("Privilege", "call,all");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    // --- observation ---

    /**
     * As a real Asterisk 22 right after {@code core restart now}: the AMI logs in before the modules are loaded, so
     * the next {@code refusals} DeviceStateList actions get "Invalid/unknown command", and FullyBooted comes only
     * once they are over.
     */
    public void stillLoading(int refusals) {
        loadingRefusals.set(refusals);
    }

    /** Every action received, header names in lower case. */
    public List<Map<String, String>> actions() {
        return List.copyOf(actions);
    }

    public List<Map<String, String>> actions(String name) {
        return actions.stream().filter(a -> name.equalsIgnoreCase(a.get("action"))).toList();
    }

    public int logins() {
        return logins.get();
    }

    public int connectedClients() {
        return (int) clients.stream().filter(c -> c.loggedIn).count();
    }

    // --- restarts ---

    /** Drops every client and stops listening for {@code down}, then listens again on the same port. */
    public void restart(Duration down) throws IOException, InterruptedException {
        stopListening();
        Thread.sleep(down.toMillis());
        listen(bind(port));
    }

    private void stopListening() throws IOException {
        ServerSocket s = server;
        if (s != null) {
            s.close();
        }
        for (Client c : clients) {
            c.close();
        }
        clients.clear();
    }

    private void listen(ServerSocket s) {
        server = s;
        Thread t = new Thread(() -> acceptLoop(s), "fake-ami-accept");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                Client c = new Client(socket);
                clients.add(c);
                Thread t = new Thread(c::run, "fake-ami-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        stopListening();
    }

    // --- one client connection ---

    private final class Client {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean loggedIn;
        private String challenge;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                write(BANNER + "\r\n");
                Map<String, String> block = new LinkedHashMap<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!block.isEmpty()) {
                            handle(block);
                            block = new LinkedHashMap<>();
                        }
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        // repeated headers (several "Variable:" lines) are kept, joined by ", "
                        block.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                    }
                }
            } catch (IOException e) {
                // connection dropped
            } finally {
                close();
                clients.remove(this);
            }
        }

        private void handle(Map<String, String> a) {
            actions.add(Map.copyOf(a));
            String action = a.getOrDefault("action", "").toLowerCase(Locale.ROOT);
            String id = a.get("actionid");
            if (!loggedIn && !action.equals("challenge") && !action.equals("login")) {
                respond(id, "Error", "Message", "Authentication Required");
                return;
            }
            switch (action) {
                case "challenge" -> {
                    challenge = Integer.toString(100_000_000 + uniqueIds.incrementAndGet() * 7919);
                    respond(id, "Success", "Challenge", challenge);
                }
                case "login" -> login(a, id);
                case "coresettings" -> respond(id, "Success", "AMIversion", "9.0.0", "AsteriskVersion", "20.5.0",
                        "SystemName", "", "CoreMaxCalls", "0", "CoreMaxLoadAvg", "0.000000", "CoreRunUser", "asterisk",
                        "CoreRunGroup", "asterisk", "CoreMaxFilehandles", "0", "CoreRealTimeEnabled", "No",
                        "CoreCDRenabled", "Yes", "CoreHTTPenabled", "No");
                case "command" -> respond(id, "Success", "Message", "Command output follows",
                        "Output", "Asterisk 20.5.0 built by root @ pbx on a x86_64 running Linux");
                case "ping" -> respond(id, "Success", "Ping", "Pong", "Timestamp", "1700000000.000000");
                case "originate" -> originate(a, id);
                case "coreshowchannels" -> list(id, "Channels will follow", new ArrayList<>(channels.values()),
                        "CoreShowChannelsComplete");
                case "devicestatelist" -> {
                    if (loadingRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        respond(id, "Error", "Message", "Invalid/unknown command");
                        if (loadingRefusals.get() == 0) {
                            send(event("FullyBooted", "Status", "Fully Booted", "Uptime", "2", "LastReload", "2"));
                        }
                        return;
                    }
                    List<Map<String, String>> items = new ArrayList<>();
                    devices.forEach((d, s) -> items.add(event("DeviceStateChange", "Device", d, "State", s)));
                    list(id, "Device State Changes will follow", items, "DeviceStateListComplete");
                }
                // Asterisk 22 (action_hangup) for a channel that is gone already: "No such channel" (seen on the real
                // PBX when a warm transfer completes after the consulting operator hung up)
                case "hangup" -> respond(id, goneChannels.contains(a.getOrDefault("channel", "")) ? "Error" : "Success",
                        "Message", goneChannels.contains(a.getOrDefault("channel", "")) ? "No such channel" : "Channel Hungup");
                // the system class, which the shipped manager.conf's write= (originate,reporting,call) lacks: the
                // real Asterisk 22 answered exactly this to MixMonitor (manager.c checks the class before the action)
                case "mixmonitor", "muteaudio" -> respond(id, "Error", "Message", "Permission denied");
                case "setvar" -> setVar(a, id);
                case "playdtmf" -> respond(id, "Success", "Message", "DTMF successfully queued");
                case "logoff" -> {
                    respond(id, "Goodbye", "Message", "Thanks for all the fish.");
                    close();
                }
                default -> respond(id, "Error", "Message", "Invalid/unknown command");
            }
        }

        private void login(Map<String, String> a, String id) {
            String expected = challenge == null ? null : md5Hex(challenge + secret);
            if (user.equals(a.get("username")) && expected != null && expected.equalsIgnoreCase(a.get("key"))) {
                respond(id, "Success", "Message", "Authentication accepted");
                loggedIn = true;
                logins.incrementAndGet();
                if (loadingRefusals.get() == 0) {
                    send(event("FullyBooted", "Status", "Fully Booted", "Uptime", "1", "LastReload", "1"));
                }
            } else {
                respond(id, "Error", "Message", "Authentication failed");
            }
        }

        private void originate(Map<String, String> a, String id) {
            respond(id, "Success", "Message", "Originate successfully queued");
            OriginateResult r = originates.apply(Map.copyOf(a));
            // an Originate with ChannelId makes that the channel's uniqueid (warm transfer's consulted legs)
            String uid = a.getOrDefault("channelid", "1700000000." + uniqueIds.incrementAndGet());
            Map<String, String> e = event("OriginateResponse", "ActionID", id, "Response", r.success() ? "Success" : "Failure",
                    "Channel", a.getOrDefault("channel", ""), "Context", a.getOrDefault("context", ""),
                    "Exten", a.getOrDefault("exten", ""), "Application", "", "Data", "",
                    "Reason", Integer.toString(r.reason()), "Uniqueid", r.success() ? uid : "<null>",
                    "CallerIDNum", a.getOrDefault("callerid", ""), "CallerIDName", "<unknown>");
            send(e);
        }

        /**
         * Asterisk 22 (main/manager.c, action_setvar): {@code Response: Success / Message: Variable Set}; an unknown
         * channel gets {@code Response: Error / Message: No such channel}.
         */
        private void setVar(Map<String, String> a, String id) {
            String channel = a.getOrDefault("channel", "");
            if (goneChannels.contains(channel)) {
                respond(id, "Error", "Message", "No such channel");
                return;
            }
            respond(id, "Success", "Message", "Variable Set");
        }

        private void list(String id, String message, List<Map<String, String>> items, String complete) {
            respond(id, "Success", "EventList", "start", "Message", message);
            for (Map<String, String> item : items) {
                Map<String, String> e = new LinkedHashMap<>(item);
                e.put("ActionID", id);
                send(e);
            }
            Map<String, String> done = event(complete, "ActionID", id, "EventList", "Complete",
                    "ListItems", Integer.toString(items.size()));
            send(done);
        }

        private void respond(String id, String response, String... keyValues) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("Response", response);
            if (id != null) {
                m.put("ActionID", id);
            }
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
            send(m);
        }

        synchronized void send(Map<String, String> headers) {
            StringBuilder b = new StringBuilder();
            headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
            b.append("\r\n");
            write(b.toString());
        }

        private synchronized void write(String s) {
            try {
                out.write(s.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
