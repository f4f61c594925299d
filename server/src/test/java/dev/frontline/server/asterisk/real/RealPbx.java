package dev.frontline.server.asterisk.real;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.response.ManagerResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Asterisk, installed outside the repository (its prefix in {@value #ENV}), started in a private directory
 * with configs generated from {@code deploy/asterisk/}: {@code extensions.conf} with the Frontline host and port of
 * the test, the fallback phones and the trunk replaced by Local channels; {@code manager.conf} with the shipped
 * {@code frontline} user (its permissions unchanged) on a free port, plus a {@code tester} user who plays callers and
 * watches. Operators' phones are {@code Local/<name>@test-phones}: each answers, never answers or is busy as the
 * global variable {@code PHONE_<name>} says ({@code answer:<after s>:<talk s>}, {@code never}, {@code busy}).
 * Callers are Local channels originated into {@code frontline-incoming}; keys are sent from their phone side.
 */
public final class RealPbx implements AutoCloseable {
    /** The Asterisk install prefix (holds {@code sbin/asterisk} and {@code lib/asterisk/modules}). */
    public static final String ENV = "FRONTLINE_ASTERISK_HOME";
    public static final String FRONTLINE_SECRET = "frontline-test-secret";
    private static final String TESTER_SECRET = "tester";
    private static final List<String> MODULES = List.of("res_speech", "res_agi", "res_musiconhold", "app_dial",
            "app_playback", "app_senddtmf", "app_userevent", "app_stack", "app_verbose", "app_exec", "app_echo",
            "app_mixmonitor", "app_chanspy", "pbx_config", "format_wav", "format_gsm", "format_pcm", "codec_gsm",
            "codec_ulaw", "codec_alaw", "codec_a_mu", "func_callerid", "func_logic", "func_strings", "func_global",
            "func_cut", "func_channel", "res_manager_devicestate", "app_playtones", "res_timing_timerfd",
            "app_originate", "bridge_simple", "bridge_softmix", "bridge_holding", "app_bridgewait", "app_transfer",
            "app_record", "res_monitor", "app_system", "res_mutestream");

    private final Path install;
    private final Path dir;
    private final int amiPort;
    private Process process;
    private String pbxName = "";
    private String iaxConf;
    private ManagerConnection tester;
    private final List<ManagerEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

    private RealPbx(Path install, Path dir, int amiPort) {
        this.install = install;
        this.dir = dir;
        this.amiPort = amiPort;
    }

    /** The install named by {@value #ENV}, when it holds an Asterisk binary. */
    public static Optional<Path> install() {
        String home = System.getenv(ENV);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(home);
        return Files.isExecutable(p.resolve("sbin/asterisk")) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Generates the configs under {@code dir} and starts Asterisk; returns once it is fully booted and the tester is
     * logged in to AMI.
     *
     * @param repo     the repository root (for deploy/asterisk and sounds/)
     * @param agiPort  where Frontline's FastAGI listens
     */
    public static RealPbx start(Path install, Path dir, Path repo, int agiPort) throws Exception {
        return start(install, dir, repo, agiPort, 0);
    }

    /** @param secondAgiPort the second Frontline server's FastAGI port on 127.0.0.1 ({@code FRONTLINE_HOST2}), 0: none */
    public static RealPbx start(Path install, Path dir, Path repo, int agiPort, int secondAgiPort) throws Exception {
        return start(install, dir, repo, agiPort, secondAgiPort, "");
    }

    /**
     * @param pbxName this PBX's name in Frontline's {@code asterisk.pbxs} (the shipped dialplan's {@code FRONTLINE_PBX},
     *                sent as {@code ?pbx=} in the AGI URL), empty for a single PBX
     */
    public static RealPbx start(Path install, Path dir, Path repo, int agiPort, int secondAgiPort, String pbxName)
            throws Exception {
        return start(install, dir, repo, agiPort, secondAgiPort, pbxName, null);
    }

    /**
     * @param iaxConf the whole {@code iax.conf} (an IAX2 trunk to another instance; its {@code bindport} must differ
     *                from every other instance's), or null: chan_iax2 is not loaded
     */
    public static RealPbx start(Path install, Path dir, Path repo, int agiPort, int secondAgiPort, String pbxName,
                                String iaxConf) throws Exception {
        RealPbx pbx = new RealPbx(install, dir, freePort());
        pbx.pbxName = pbxName;
        pbx.iaxConf = iaxConf;
        pbx.writeConfigs(repo, agiPort, secondAgiPort);
        pbx.boot();
        return pbx;
    }

    public int amiPort() {
        return amiPort;
    }

    private void writeConfigs(Path repo, int agiPort, int secondAgiPort) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        for (String d : List.of("lib", "run", "log", "spool", "monitor")) {
            Files.createDirectories(dir.resolve(d));
        }
        write(etc.resolve("asterisk.conf"), "[directories]\n"
                + "astetcdir => " + etc + "\n"
                + "astmoddir => " + install.resolve("lib/asterisk/modules") + "\n"
                + "astvarlibdir => " + dir.resolve("lib") + "\n"
                + "astdbdir => " + dir.resolve("lib") + "\n"
                + "astkeydir => " + dir.resolve("lib") + "\n"
                + "astdatadir => " + install.resolve("var/lib/asterisk") + "\n"
                + "astagidir => " + dir.resolve("lib") + "\n"
                + "astspooldir => " + dir.resolve("spool") + "\n"
                + "astrundir => " + dir.resolve("run") + "\n"
                + "astlogdir => " + dir.resolve("log") + "\n"
                + "astsbindir => " + install.resolve("sbin") + "\n"
                + "[options]\nmaxcalls = 2000\nmaxfiles = 8192\n");
        StringBuilder modules = new StringBuilder("[modules]\nautoload = no\n");
        List<String> modulesToLoad = new ArrayList<>(MODULES);
        if (iaxConf != null) {
            modulesToLoad.addAll(List.of("res_crypto", "chan_iax2"));
            write(etc.resolve("iax.conf"), iaxConf);
        }
        for (String m : modulesToLoad) {
            if (Files.exists(install.resolve("lib/asterisk/modules/" + m + ".so"))) {
                modules.append("load => ").append(m).append(".so\n");
            }
        }
        write(etc.resolve("modules.conf"), modules.toString());
        write(etc.resolve("logger.conf"), "[general]\n[logfiles]\nmessages.log => notice,warning,error,verbose(3)\n");
        write(etc.resolve("musiconhold.conf"), "[default]\nmode = files\ndirectory = " + repo.resolve("sounds/moh") + "\n");
        for (String empty : List.of("acl.conf", "udptl.conf", "cdr.conf", "cel.conf", "features.conf", "indications.conf")) {
            write(etc.resolve(empty), "");
        }
        // the shipped dialplan, changed only where the test needs Local channels instead of SIP
        String ext = Files.readString(repo.resolve("deploy/asterisk/extensions.conf"))
                .replaceAll("(?m)^FRONTLINE_HOST=.*$", "FRONTLINE_HOST=127.0.0.1")
                .replaceAll("(?m)^FRONTLINE_PORT=.*$", "FRONTLINE_PORT=" + agiPort)
                .replaceAll("(?m)^FRONTLINE_HOST2=.*$", "FRONTLINE_HOST2=" + (secondAgiPort == 0 ? "" : "127.0.0.1"))
                .replaceAll("(?m)^FRONTLINE_PORT2=.*$", "FRONTLINE_PORT2=" + (secondAgiPort == 0 ? 4573 : secondAgiPort))
                .replaceAll("(?m)^FALLBACK_PHONES=.*$", "FALLBACK_PHONES=Local/fallback@test-phones")
                .replaceAll("(?m)^FRONTLINE_PBX=.*$", "FRONTLINE_PBX=" + pbxName)
                .replace("PJSIP/${EXTEN}@trunk", "Local/${EXTEN}@test-customers");
        write(etc.resolve("extensions.conf"), ext + "\n" + TEST_CONTEXTS);
        // the shipped AMI user with its permissions; only address, port and secret changed
        String manager = Files.readString(repo.resolve("deploy/asterisk/manager.conf"))
                .replaceAll("(?m)^port = .*$", "port = " + amiPort)
                .replaceAll("(?m)^bindaddr = .*$", "bindaddr = 127.0.0.1")
                .replaceAll("(?m)^permit = .*$", "permit = 127.0.0.1/255.255.255.255")
                .replaceAll("(?m)^secret = .*$", "secret = " + FRONTLINE_SECRET);
        write(etc.resolve("manager.conf"), manager + "\n[tester]\nsecret = " + TESTER_SECRET
                + "\ndeny = 0.0.0.0/0.0.0.0\npermit = 127.0.0.1/255.255.255.255\nread = all\nwrite = all\n");
    }

    private static final String TEST_CONTEXTS = """
            ; ---- test only: phones, callers and customers as Local channels ----
            [test-phones]
            exten => fallback,1,UserEvent(TestFallback,Caller: ${CALLERID(num)})
             same => n,Answer()
             same => n,Wait(2)
             same => n,Hangup()
            exten => _[a-z].,1,Set(MODE=${GLOBAL(PHONE_${EXTEN})})
             same => n,UserEvent(TestPhone,Phone: ${EXTEN},Mode: ${MODE},Caller: ${CALLERID(num)})
             same => n,GotoIf($["${CUT(MODE,:,1)}" = "busy"]?busy)
             same => n,GotoIf($["${CUT(MODE,:,1)}" = "never"]?never)
             same => n,Wait(${CUT(MODE,:,2)})
             same => n,Answer()
             same => n,UserEvent(TestPhoneAnswered,Phone: ${EXTEN})
             same => n,ExecIf($["${CUT(MODE,:,1)}" = "talk"]?PlayTones(440))
             same => n,Wait(${CUT(MODE,:,3)})
             same => n,Hangup()
             same => n(busy),Busy(5)
             same => n(never),Wait(600)

            [test-callers]
            exten => _[a-z0-9].,1,Answer()
             same => n,Wait(900)

            [test-customers]
            exten => _[+0-9].,1,UserEvent(TestCustomer,Number: ${EXTEN},Caller: ${CALLERID(num)},Name: ${CALLERID(name)})
             same => n,Set(MODE=${GLOBAL(CUSTOMER_MODE)})
             same => n,GotoIf($["${MODE}" = "never"]?never)
             same => n,Wait(1)
             same => n,Answer()
             same => n,Wait(${IF($["${MODE}" = "long"]?60:4)})
             same => n,Hangup()
             same => n(never),Wait(600)
            """;

    private static void write(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    private Path conf() {
        return dir.resolve("etc/asterisk.conf");
    }

    private void boot() throws Exception {
        process = new ProcessBuilder(install.resolve("sbin/asterisk").toString(), "-C", conf().toString(), "-f", "-n",
                "-U", "root").redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        waitForAmi(Duration.ofSeconds(30));
        tester = new ManagerConnectionFactory("127.0.0.1", amiPort, "tester", TESTER_SECRET).createManagerConnection();
        tester.registerUserEventClass(TestPhoneEvent.class);
        tester.registerUserEventClass(TestPhoneAnsweredEvent.class);
        tester.registerUserEventClass(TestFallbackEvent.class);
        tester.registerUserEventClass(TestCustomerEvent.class);
        tester.addEventListener((ManagerEventListener) events::add);
        tester.login();
        awaitFullyBooted();
    }

    private void waitForAmi(Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Asterisk exited: " + Files.readString(dir.resolve("console.log")));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), amiPort)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Asterisk AMI not up on " + amiPort + " in " + max);
    }

    private void awaitFullyBooted() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            String out = cli("core show uptime");
            if (out.contains("System uptime")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Asterisk did not finish booting");
    }

    /** Runs a CLI command through the control socket; returns its output. */
    public String cli(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(install.resolve("sbin/asterisk").toString(), "-C", conf().toString(), "-rx",
                command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    public ManagerResponse send(ManagerAction action) throws Exception {
        return tester.sendAction(action, 10_000);
    }

    /** Sets a dialplan global (phone behaviour). */
    public void global(String name, String value) throws Exception {
        SetVarAction a = new SetVarAction();
        a.setVariable(name);
        a.setValue(value);
        send(a);
    }

    /**
     * How operator {@code phone} (Local/phone@test-phones) behaves from now on: {@code answer:S:T} answers after S
     * seconds and hangs up T seconds later (silent), {@code talk:S:T} the same sending a tone, {@code busy},
     * {@code never}.
     */
    public void phone(String phone, String mode) throws Exception {
        global("PHONE_" + phone, mode);
    }

    /**
     * A caller dials in: a Local channel whose ;1 side runs the shipped {@code frontline-incoming} (the IVR sees
     * {@code callId} as its uniqueid and {@code number} as caller id) and whose ;2 side is the caller's phone.
     */
    public Caller call(String callId, String number) throws Exception {
        OriginateAction o = new OriginateAction();
        o.setChannel("Local/" + callId.replaceAll("[^a-z0-9]", "") + "@test-callers");
        o.setContext("frontline-incoming");
        o.setExten("s");
        o.setPriority(1);
        o.setCallerId(number);
        o.setAsync(true);
        o.setTimeout(10_000L);
        o.setChannelId(callId);
        o.setOtherChannelId(callId + "-phone");
        ManagerResponse r = send(o);
        if (!"Success".equalsIgnoreCase(r.getResponse())) {
            throw new IllegalStateException("originate failed: " + r.getMessage());
        }
        return new Caller(callId);
    }

    /** A caller's phone: presses keys and hangs up. */
    public final class Caller {
        private final String callId;

        Caller(String callId) {
            this.callId = callId;
        }

        public String callId() {
            return callId;
        }

        /** Sends the keys from the caller's phone, as a handset does (through the Local channel to the IVR side). */
        public void press(String keys) throws Exception {
            for (char k : keys.toCharArray()) {
                PlayDtmfAction a = new PlayDtmfAction(callId + "-phone", String.valueOf(k));
                a.setDuration(120);
                ManagerResponse r = send(a);
                if (!"Success".equalsIgnoreCase(r.getResponse())) {
                    throw new IllegalStateException("key " + k + " not sent: " + r.getMessage());
                }
                Thread.sleep(200);
            }
        }

        public void hangUp() throws Exception {
            send(new HangupAction(callId + "-phone"));
        }
    }

    /** Forgets the events seen so far (each test awaits only its own). */
    public void clearEvents() {
        events.clear();
    }

    /** Every event the tester saw so far. */
    public List<ManagerEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Waits for an event of {@code type} matching {@code test}; fails after {@code max}. */
    public <T extends ManagerEvent> T await(Class<T> type, Predicate<T> test, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        int seen = 0;
        while (System.nanoTime() < end) {
            List<ManagerEvent> now = events;
            for (int n = now.size(); seen < n; seen++) { // only the events that came since the last look
                ManagerEvent e = now.get(seen);
                if (type.isInstance(e) && test.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type.getSimpleName() + " matching within " + max);
    }

    public <T extends ManagerEvent> List<T> all(Class<T> type, Predicate<T> test) {
        List<T> out = new ArrayList<>();
        for (ManagerEvent e : events()) {
            if (type.isInstance(e) && test.test(type.cast(e))) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** {@code core restart now}; returns once Asterisk answers again and the tester is logged in again. */
    public void restartNow() throws Exception {
        cli("core restart now");
        Thread.sleep(1000);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < end && !cli("core show uptime").contains("System uptime")) {
            Thread.sleep(200);
        }
    }

    public String log() throws IOException {
        Path p = dir.resolve("log/messages.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (tester != null) {
            try {
                tester.logoff();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        if (process != null && process.isAlive()) {
            cli("core stop now");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        keepLog();
    }

    /** Copies the PBX's log to {@code target/real-pbx-logs/} (the temporary directory goes with the test). */
    private void keepLog() {
        Path log = dir.resolve("log/messages.log");
        try {
            if (Files.exists(log)) {
                Path keep = Files.createDirectories(Path.of("target/real-pbx-logs"));
                Files.copy(log, keep.resolve("messages-" + (pbxName.isEmpty() ? "pbx" : pbxName) + "-"
                        + System.currentTimeMillis() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("could not keep the PBX log: " + e);
        }
    }
}
