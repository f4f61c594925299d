package dev.frontline.server;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.api.Views;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrPorts;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.OutageCache;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.CallerIndex;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcKnowledgeBase;
import dev.frontline.core.store.JdbcTicketStore;
import dev.frontline.core.ticket.TicketService;
import dev.frontline.server.api.ApiConfig;
import dev.frontline.server.api.ApiServer;
import dev.frontline.server.api.CallbackForm;
import dev.frontline.server.api.CallbackFormRoutes;
import dev.frontline.server.api.PhoneControl;
import dev.frontline.server.api.ServiceTicketDesk;
import dev.frontline.server.asterisk.AsteriskBackend;
import dev.frontline.server.asterisk.AsteriskConfig;
import dev.frontline.server.asterisk.PbxEvents;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.cluster.AcdLeadership;
import dev.frontline.server.cluster.ClusterConfig;
import dev.frontline.core.store.AppendFence;
import java.util.concurrent.CompletableFuture;
import dev.frontline.server.sim.DemoTraffic;
import dev.frontline.server.sim.PhoneRoutes;
import dev.frontline.server.sim.TestPhoneTexts;
import dev.frontline.server.sim.SimBackend;
import dev.frontline.server.sim.SimConfig;
import dev.frontline.server.sms.LogOnlySmsSender;
import dev.frontline.server.sms.SmsConfig;
import dev.frontline.server.sms.SmsSender;
import dev.frontline.server.sms.SmsService;
import dev.frontline.server.api.OutageSuggestions;
import dev.frontline.server.twilio.TwilioBackend;
import dev.frontline.server.twilio.TwilioConfig;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The composition root: builds the whole server by hand from the configuration — store, SMS, ACD, voice menu, the
 * enabled telephony backends (Asterisk, Twilio, the simulated line), the desktop API — and, for the demo, demo data
 * and demo traffic. Used by {@code frontline serve} and by the desktop's embedded demo. {@link #close} stops it all
 * in reverse order.
 */
public final class FrontlineServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrontlineServer.class);
    /** How soon callers imported by another process (the CLI) are recognised, and outages reported by one announced. */
    private static final java.time.Duration CALLER_INDEX_CHECK = java.time.Duration.ofSeconds(1);
    private static final java.time.Duration OUTAGE_MAX_AGE = java.time.Duration.ofSeconds(1);
    /** Every demo account's password (demo mode only; printed at start). */
    public static final String DEMO_PASSWORD = "demo";

    /**
     * @param demo          demo store ({@code demoDatabase}), demo data when empty, the simulated line, demo traffic,
     *                      a desk open around the clock
     * @param port          overrides {@code api.port} (0 = any free port)
     * @param traffic       run demo traffic (demo only)
     * @param callsPerMinute overrides {@code sim.demo.calls-per-minute} (demo only)
     */
    /**
     * @param deskOperator demo traffic leaves one line-1 operator to a human at a desktop
     *                     ({@link #demoDeskOperator}) instead of simulating it until the desktop logs in
     */
    public record Options(boolean demo, Path demoDatabase, OptionalInt port, boolean traffic,
                          Optional<Double> callsPerMinute, int demoCustomers, boolean deskOperator) {
        public static Options production() {
            return new Options(false, Path.of("data/demo.db"), OptionalInt.empty(), false, Optional.empty(), 0, false);
        }

        public static Options demo(Path demoDatabase) {
            return new Options(true, demoDatabase, OptionalInt.empty(), true, Optional.empty(), 500, false);
        }

        public Options withPort(int p) {
            return new Options(demo, demoDatabase, OptionalInt.of(p), traffic, callsPerMinute, demoCustomers, deskOperator);
        }

        public Options withTraffic(boolean on, Optional<Double> rate) {
            return new Options(demo, demoDatabase, port, on, rate, demoCustomers, deskOperator);
        }

        /** Leave one line-1 operator to the desktop's human (the desktop's embedded demo). */
        public Options withDeskOperator() {
            return new Options(demo, demoDatabase, port, traffic, callsPerMinute, demoCustomers, true);
        }
    }

    /** A login of the demo desk. */
    public record DemoAccount(String login, String name, String role) {}

    private final Deque<AutoCloseable> resources;
    private final URI url;
    private final int port;
    private final List<DemoAccount> demoAccounts;
    private final Optional<String> deskOperator;
    private final SimBackend sim;
    private final DemoTraffic traffic;
    private final AcdService acd;
    private final AsteriskBackend asterisk;
    private final CompletableFuture<String> deposed;

    private FrontlineServer(Deque<AutoCloseable> resources, URI url, int port, List<DemoAccount> demoAccounts,
                            Optional<String> deskOperator, SimBackend sim, DemoTraffic traffic, AcdService acd,
                            AsteriskBackend asterisk, CompletableFuture<String> deposed) {
        this.deposed = deposed;
        this.asterisk = asterisk;
        this.deskOperator = deskOperator;
        this.resources = resources;
        this.url = url;
        this.port = port;
        this.demoAccounts = demoAccounts;
        this.sim = sim;
        this.traffic = traffic;
        this.acd = acd;
    }

    /**
     * Starts everything the configuration enables; returns once the API listens.
     *
     * @throws dev.frontline.core.config.ConfigException naming the key when the configuration is wrong
     */
    public static FrontlineServer start(FrontlineConfig config, Options options) {
        return start(config, options, Clock.systemUTC());
    }

    /**
     * A backend's phone must stop ringing before the ACD gives up on it: otherwise the ACD puts the caller back in
     * line (and may ring another operator) while the first phone still rings, and an answer there finds a call the
     * ACD no longer offers it (a second operator could be connected to the same caller).
     */
    private static void ringsBelowAcd(ConfigException.Check check, String key, Duration ring, AcdConfig acd) {
        if (ring.compareTo(acd.ringTimeout()) >= 0) {
            check.problem(key, seconds(ring) + " must be below acd.ring-timeout (" + seconds(acd.ringTimeout())
                    + "), so the phone's no-answer reaches the ACD before the ACD gives the caller to someone else;"
                    + " e.g. " + seconds(acd.ringTimeout().minusSeconds(3)) + ", or raise acd.ring-timeout");
        }
    }

    /**
     * Twilio's phone rings only once the REST update is through (up to {@code twilio.rest-timeout}), and a Dial may
     * ring up to {@link TwilioConfig#DIAL_SLACK} longer than its timeout: all of it must fit in the ACD's ring timer.
     */
    private static void twilioRingsWithinAcd(ConfigException.Check check, TwilioConfig twilio, AcdConfig acd) {
        if (twilio.longestRing().compareTo(acd.ringTimeout()) > 0) {
            Duration fits = acd.ringTimeout().minus(twilio.restTimeout()).minus(TwilioConfig.DIAL_SLACK);
            check.problem("twilio.ring-timeout", seconds(twilio.ringTimeout()) + ", plus up to "
                    + seconds(TwilioConfig.DIAL_SLACK) + " Twilio may add to a Dial and twilio.rest-timeout ("
                    + seconds(twilio.restTimeout()) + ") for the REST update, must not exceed acd.ring-timeout ("
                    + seconds(acd.ringTimeout()) + "), so the phone's no-answer reaches the ACD before the ACD gives the"
                    + " caller to someone else; e.g. " + (fits.toSeconds() >= 5 ? seconds(fits) + ", or " : "")
                    + "raise acd.ring-timeout");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static FrontlineServer start(FrontlineConfig config, Options options, Clock clock) {
        return start(config, options, clock, Hooks.NONE);
    }

    /** Test seams in the start sequence. */
    record Hooks(Runnable beforeAcdStart) {
        static final Hooks NONE = new Hooks(() -> { });
    }

    static FrontlineServer start(FrontlineConfig config, Options options, Clock clock, Hooks hooks) {
        // every section is validated before anything starts, and every wrong one is reported at once
        ConfigException.Check check = new ConfigException.Check();
        ApiConfig parsedApi = check.section(() -> ApiConfig.from(config.section("api")));
        SimConfig parsedSim = check.section(() -> SimConfig.from(config.section("sim")));
        AcdConfig acdConfig = check.section(() -> AcdConfig.from(config.section("acd"), config.desk().targets()));
        SmsConfig smsConfig = check.section(() -> SmsConfig.from(config));
        AsteriskConfig asteriskConfig = options.demo() ? null : check.section(() -> AsteriskConfig.from(config));
        TwilioConfig twilioConfig = options.demo() ? TwilioConfig.disabled() : check.section(() -> TwilioConfig.from(config));
        IvrSettings ivrSettings = check.section(() -> IvrSettings.from(config));
        dev.frontline.core.recording.RecordingSettings recordingSettings = check.section(
                () -> dev.frontline.core.recording.RecordingSettings.from(config.section("recording")));
        ClusterConfig clusterConfig = check.section(() -> ClusterConfig.from(config.section("cluster")));
        dev.frontline.core.report.ReportSettings reportSettings =
                check.section(() -> dev.frontline.core.report.ReportSettings.from(config.section("reports")));
        dev.frontline.core.customer.OutageClusters.Settings outageSettings =
                check.section(() -> dev.frontline.core.customer.OutageClusters.Settings.from(config.section("outages")));
        if (acdConfig != null) {
            if (parsedSim != null && (options.demo() || parsedSim.enabled())) {
                ringsBelowAcd(check, "sim.ring-timeout", parsedSim.ringTimeout(), acdConfig);
            }
            if (asteriskConfig != null && asteriskConfig.enabled()) {
                ringsBelowAcd(check, "asterisk.ring-timeout", asteriskConfig.ringTimeout(), acdConfig);
            }
            if (twilioConfig != null && twilioConfig.enabled()) {
                twilioRingsWithinAcd(check, twilioConfig, acdConfig);
            }
        }
        check.done();
        acdConfig.policyWarnings().forEach(log::warn);
        ApiConfig apiConfig = options.port().isPresent() ? parsedApi.withPort(options.port().getAsInt()) : parsedApi;
        SimConfig simConfig = options.callsPerMinute().isPresent()
                ? parsedSim.withCallsPerMinute(options.callsPerMinute().get()) : parsedSim;
        boolean simOn = options.demo() || simConfig.enabled();
        boolean asteriskOn = asteriskConfig != null && asteriskConfig.enabled();
        if (!simOn && !asteriskOn && !twilioConfig.enabled()) { // before anything is opened or bound
            throw new ConfigException("asterisk.enabled, twilio.enabled, sim.enabled", "no telephony backend is enabled: "
                    + "set at least one to true (see README, 'Connecting a real PBX or Twilio number'), "
                    + "or try everything with `frontline serve --demo`");
        }

        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            // one SQLite file, one server: a second one would run a second ACD on the same callers (issue 23)
            dev.frontline.core.cluster.SqliteServerLock.forStore(options.demo()
                    ? "jdbc:sqlite:" + options.demoDatabase() : config.store().url()).ifPresent(resources::push);
            // several servers on one PostgreSQL: only the elected one goes on from here (issue 23, ADR 0111)
            AcdLeadership leadership = null;
            if (!options.demo() && config.store().url().startsWith("jdbc:postgresql:")) {
                leadership = new AcdLeadership(config.store().url(), config.store().user().orElse(null),
                        config.store().password().orElse(null), clusterConfig);
                resources.push(leadership);
            }
            Stores stores = options.demo() ? DemoStore.open(config, options.demoDatabase(), clock)
                    : Stores.open(config, leadership == null ? config.store().url()
                    : leadership.poolUrl(config.store().url()), clock);
            resources.push(stores);
            JdbcAcdEventLog eventLog = new JdbcAcdEventLog(stores.database(),
                    leadership == null ? AppendFence.NONE : leadership.fence());
            dev.frontline.core.acd.WarmStandby standby = null;
            dev.frontline.core.cluster.PgLogNotifications following = null;
            if (leadership != null) {
                if (clusterConfig.warmStandby()) { // follows the log while it waits: a takeover reads only the tail
                    standby = new dev.frontline.core.acd.WarmStandby(acdConfig, stores.operators()::find,
                            BusinessHours.of(config.desk().hours()), eventLog, clusterConfig.standbyPoll()).start();
                    resources.push(standby);
                    following = new dev.frontline.core.cluster.PgLogNotifications(config.store().url(),
                            config.store().user().orElse(null), config.store().password().orElse(null),
                            clusterConfig.serverId(), standby::logGrew).start();
                    resources.push(following);
                }
                log.info("{}: building the whole server before the election; its ports stay closed until it leads"
                        + " (ADR 0149)", leadership.serverId());
            }
            List<DemoAccount> accounts = options.demo()
                    ? DemoStore.ensureDemoData(stores, options.demoCustomers(), clock) : List.of();

            // sms.provider: twilio without the twilio section fails the start (naming the key) instead of silently
            // logging texts that customers then never get; the demo always logs only
            // the demo's texts go nowhere but to the test phone that called from their number
            TestPhoneTexts texts = new TestPhoneTexts(clock);
            SmsSender sender = options.demo() ? new LogOnlySmsSender(texts::deliver)
                    : TwilioBackend.smsSender(smsConfig, twilioConfig);
            // built now, takes over the SMS log (texts left unsent, rate limits) only once elected (ADR 0149)
            SmsService sms = SmsService.prepare(stores.database(), smsConfig, sender, clock);
            resources.push(sms);

            // the demo desk is open around the clock, so there is traffic to watch at any hour
            DeskHours hours = options.demo() ? aroundTheClock(config.desk().zone()) : config.desk().hours();
            ConnectorSwitch connector = new ConnectorSwitch();
            String deskNumber = config.desk().number()
                    .orElse(twilioConfig.enabled() ? twilioConfig.fromNumber() : simConfig.calledNumber());
            AcdService acd = new AcdService(acdConfig, clock, eventLog,
                    stores.operators()::find, BusinessHours.of(hours), connector, sms, new CallbackNotices(deskNumber));
            if (standby != null) {
                acd.takeOver(standby);
            }
            resources.push(acd);
            CompletableFuture<String> deposed = leadership == null ? new CompletableFuture<>() : leadership.deposed();
            deposed.thenRun(acd::close); // routing stops at once; the fence already refuses its writes

            if (!java.nio.file.Files.isDirectory(ivrSettings.flowsDir())) {
                throw new ConfigException("flows.dir", "no flows directory at " + ivrSettings.flowsDir().toAbsolutePath()
                        .normalize() + " (a relative path is from the directory frontline runs in)");
            }
            CustomerRepository callers = stores.customers();
            if (stores.database().serverLocal()) { // recognise callers from memory (ADR 0069)
                CallerIndex index = new CallerIndex(stores.database(), callers, CALLER_INDEX_CHECK);
                resources.push(index);
                callers = index;
            }
            OutageCache outages = new OutageCache(stores.outages(), OUTAGE_MAX_AGE);
            resources.push(outages);
            FlowSessionStore flowSessions = new FlowSessionStore(stores.database(), clock);
            Duration keepSessions = config.store().flowSessionRetention();
            // the on-duty rota is the store's (ADR 0143): desk.on-duty seeds an empty table (once elected), supervisors
            // edit it
            dev.frontline.core.store.JdbcOnDutyRota rota = new dev.frontline.core.store.JdbcOnDutyRota(stores.database(),
                    new dev.frontline.core.store.AuditLog(stores.database(), clock), config.desk().zone());
            CallHandler ivr = new IvrService(IvrService.loadFlows(ivrSettings.flowsDir()),
                    new IvrPorts(callers, stores.pins(), outages, sms, acd, hours,
                            stores.phoneNumbers(), clock, recordingSettings::records),
                    flowSessions, new CallRecordRepository(stores.database(), clock),
                    ivrSettings.withRota(rota), IvrListener.NONE);

            dev.frontline.core.store.JdbcRecordings recordings = new dev.frontline.core.store.JdbcRecordings(stores.database());
            dev.frontline.server.recording.CallRecorder recorder = new dev.frontline.server.recording.CallRecorder(
                    recordingSettings, recordings, clock);
            Map<Backend, CallConnector> backends = new EnumMap<>(Backend.class);
            SimBackend sim = null;
            if (simOn) {
                sim = new SimBackend(ivr, acd, simConfig);
                resources.push(sim);
                backends.put(Backend.SIM, sim);
            }
            AsteriskBackend asterisk = null;
            if (asteriskOn) {
                // wired now, opened only once the ACD is started (below): a caller arriving earlier is refused at
                // connect and the dialplan tries FRONTLINE_HOST2, instead of being dropped by an ACD not started
                asterisk = AsteriskBackend.create(asteriskConfig, stores.operators(), clock)
                        .prepare(ivr, acd, PbxEvents.toAcd(acd));
                asterisk.recorder(recorder);
                resources.push(asterisk);
                backends.put(Backend.ASTERISK, asterisk.connector());
            }
            TwilioBackend twilio = null;
            if (twilioConfig.enabled()) {
                twilio = TwilioBackend.create(twilioConfig, ivr, acd, stores.database(), apiConfig.soundsDir(),
                        smsConfig.provider() == SmsConfig.Provider.TWILIO ? Optional.of(sms) : Optional.empty(),
                        clock);
                twilio.recorder(recorder);
                resources.push(twilio);
                backends.put(Backend.TWILIO, twilio.connector());
            }
            BackendRouter router = new BackendRouter(backends,
                    asteriskOn ? Backend.ASTERISK : twilioConfig.enabled() ? Backend.TWILIO : Backend.SIM);

            ServiceTicketDesk tickets = new ServiceTicketDesk(new TicketService(new JdbcTicketStore(stores.database()),
                    clock, config.desk().targets()));
            ApiServer api = new ApiServer(apiConfig, clock, new ApiServer.Ports(acd, stores.operators(),
                    stores.customers(), stores.outages(), stores.database(), tickets,
                    new JdbcKnowledgeBase(stores.database()),
                    phones(sim == null ? PhoneControl.NONE : sim, connector), () -> QueueStats.of(acd),
                    config.desk().targets(), stores.phoneNumbers()),
                    acdConfig.wrapUp(), config.desk().zone(), reportSettings, config.desk().choices());
            resources.push(api);
            OutageSuggestions outageSuggestions = new OutageSuggestions(stores.database(), stores.outages(),
                    outageSettings, api.events()::alert);
            resources.push(outageSuggestions);
            if (twilio != null) { // a supervisor hanging up their phone ends the listening-in on the desks (ADR 0151)
                twilio.onSupervisorLeft((call, endpoint) -> api.supervisorPhoneLeft(call.value(), endpoint));
            }
            if (twilio != null) { // e.g. Twilio failing every connect: supervisors see it, operators are not blamed
                twilio.alertSupervisors(text -> api.events().alert(new Views.Alert(clock.instant(), "warning", text,
                        null, null, "provider-failing", null, null, null)));
            }
            acd.alertSupervisors(text -> api.events().alert(new Views.Alert(clock.instant(), "critical", text,
                    null, null, "store-failing", null, null, null)));
            recorder.alertSupervisors(text -> api.events().alert(new Views.Alert(clock.instant(), "warning", text,
                    null, null, "recording-failed", null, null, null)));
            if (asterisk != null) { // a supervisor who hangs up their phone ends the listening-in on the desk
                asterisk.onSupervisorLeft((call, endpoint) -> api.supervisorPhoneLeft(call.value(), endpoint));
            }
            if (asterisk != null) { // one PBX's AMI down or back, naming the PBX (ADR 0141)
                asterisk.alertSupervisors(text -> api.events().alert(new Views.Alert(clock.instant(), "warning", text,
                        null, null, "pbx", null, null, null)));
            }
            acd.subscribe(recorder); // before the router: the call's line is known when it is connected
            if (sim != null) {
                dev.frontline.server.recording.SimulatedRecordings simRecordings =
                        new dev.frontline.server.recording.SimulatedRecordings(recorder);
                resources.push(simRecordings);
                acd.subscribe(simRecordings);
            }
            acd.subscribe(router);
            acd.subscribe(api.events());
            acd.subscribe(api.metrics());
            acd.subscribe(outageSuggestions);
            if (asterisk != null) {
                asterisk.stats().onTurn(api.metrics()::recordAgiTurn);
            }
            connector.target = api.events().screenPopFirst(router);

            List<Consumer<Javalin>> routes = new ArrayList<>();
            // the web form names one on-duty number; OnDutyTexts sends its alert to everyone on the rota at that moment
            dev.frontline.server.sms.OnDutyTexts onDutyTexts =
                    new dev.frontline.server.sms.OnDutyTexts(sms, rota, clock);
            java.util.Set<String> deskNumbers = new java.util.HashSet<>(java.util.Set.of(deskNumber,
                    acdConfig.callbackCallerId()));
            config.desk().onDuty().shifts().forEach(shift -> deskNumbers.add(shift.mobile())); // texted, never called back
            CallbackForm form = new CallbackForm(acd, tickets, stores.customers(), stores.phoneNumbers(),
                    new dev.frontline.core.customer.CallableNumbers(apiConfig.form().countries().isEmpty()
                            ? java.util.Set.of(stores.phoneNumbers().defaultRegion())
                            : java.util.Set.copyOf(apiConfig.form().countries()), deskNumbers,
                            // the stored rota as it is now (a consultant added later is ours too) and every mobile
                            // ever taken off it (ADR 0153)
                            rota::ownNumbers),
                    hours, onDutyTexts::anyMobile, onDutyTexts, clock);
            routes.add(new CallbackFormRoutes(form, clock, apiConfig, stores.database(),
                    text -> api.events().alert(new Views.Alert(clock.instant(), "warning", text, null, null,
                            "web-form-flood", null, null, null)))::register);
            routes.add(new dev.frontline.server.api.CustomerAdminRoutes(api.auth(), new dev.frontline.core.store.CustomerAdmin(
                    stores.database(), stores.slowHash(), sms,
                    new dev.frontline.core.store.AuditLog(stores.database(), clock)))::register);
            routes.add(new dev.frontline.server.api.OnDutyRoutes(api.auth(), rota, stores.phoneNumbers(), clock)::register);
            if (sim != null) {
                List<Views.SampleCaller> samples = options.demo()
                        ? DemoDataGenerator.sampleCallers(stores, options.demoCustomers(), clock) : List.of();
                routes.add(new PhoneRoutes(sim, api.auth(), api.hub(), samples,
                        options.demo() ? Optional.of(texts) : Optional.empty())::register);
            }
            if (twilio != null) {
                routes.add(twilio::register);
            }
            // the whole server is built: the API's routes are in place, on a standby Jetty is started (and tried
            // once) with no port open, so the leader's first request meets a warm server (ADR 0149)
            api.prepare(routes, twilio == null, leadership != null);

            // --- only the elected server goes on from here (issue 23, ADR 0111); a standby waits, built
            long electedAt = System.nanoTime();
            if (leadership != null) {
                log.info("standby {} ready: server built, ports closed; waiting for the leadership",
                        leadership.serverId());
                log.info("ACD leader at epoch {} ({})", leadership.awaitElected(), leadership.serverId());
                electedAt = System.nanoTime();
                if (following != null) {
                    following.close(); // the leader appends; what it missed since the epoch bump the start reads
                }
            }
            Takeover steps = new Takeover(electedAt);
            sms.recover(); // texts the old leader left unsent are failed; the limits count its sends
            if (rota.seed(config.desk().onDuty())) {
                log.info("on-duty rota: desk.on-duty copied into the store; from now on supervisors edit it there");
            } else if (!config.desk().onDuty().isEmpty() && !dev.frontline.core.desk.RotaRows.rows(config.desk().onDuty())
                    .equals(dev.frontline.core.desk.RotaRows.rows(rota.get()))) {
                log.info("on-duty rota: the store's rota (edited by supervisors) is in force; desk.on-duty only seeds an empty store");
            }
            hooks.beforeAcdStart().run();
            acd.start(true);
            steps.step("ACD started");
            // FastAGI sessions and simulated calls live in this process: those of a previous run are gone.
            // Their waiting callers keep their place as callbacks; Twilio calls survive (webhook-driven).
            acd.linesLost(java.util.EnumSet.of(dev.frontline.core.common.Backend.SIM,
                    dev.frontline.core.common.Backend.ASTERISK), "server restarted");
            steps.step("lines lost appended");
            // every entry opens only now, after the ACD (issue 23): FastAGI and AMI here, Twilio's webhooks, the
            // simulated line's phone and the desk API with the API server below
            if (asterisk != null) {
                asterisk.open();
                steps.step("FastAGI open on port " + asteriskConfig.port() + ", AMI logging in");
            }
            api.listen();
            steps.step("API listening on port " + api.port());
            if (!(options.demo() && options.traffic())) { // the demo's simulated operators never have a desktop
                api.expectDesktops();
            }
            resources.push(dev.frontline.server.recording.PurgeSchedule.start("flow-session-purge", () -> {
                int n = flowSessions.purge(keepSessions);
                if (n > 0) {
                    log.info("deleted {} voice-menu sessions of calls finished over {} ago", n, keepSessions);
                }
            }));
            resources.push(dev.frontline.server.recording.PurgeSchedule.start(
                    new dev.frontline.server.recording.RecordingPurge(recordings, recordingSettings.retention(), clock)));
            log.info("{}", steps);

            DemoTraffic traffic = null;
            Optional<String> deskOperator = options.demo() && options.deskOperator()
                    ? deskOperator(stores.operators().all()) : Optional.empty();
            if (options.demo() && options.traffic() && sim != null) {
                // the desk operator is never simulated: it is Ready when its human's desktop says so, not before
                java.util.function.Predicate<String> human = login -> api.hub().isConnected(login)
                        || deskOperator.filter(login::equals).isPresent();
                traffic = new DemoTraffic(sim, acd, stores.operators(),
                        DemoTraffic.knownCallers(stores.database(), 500), human, simConfig, clock.millis()).start();
                resources.push(traffic);
            }
            URI url = URI.create("http://" + ("0.0.0.0".equals(apiConfig.bind()) ? "127.0.0.1" : apiConfig.bind())
                    + ":" + api.port() + "/");
            log.info("Frontline is up: {} (backends: {}{})", url, backends.keySet(),
                    options.demo() ? ", demo" : "");
            return new FrontlineServer(resources, url, api.port(), accounts, deskOperator, sim, traffic, acd, asterisk,
                    deposed);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The steps of a start after the election, each with its time since the election (ADR 0149). */
    static final class Takeover {
        private final long electedAt;
        private final StringBuilder steps = new StringBuilder("after the election:");

        Takeover(long electedAt) {
            this.electedAt = electedAt;
        }

        void step(String what) {
            long ms = (System.nanoTime() - electedAt) / 1_000_000;
            log.info("takeover +{} ms: {}", ms, what);
            steps.append(' ').append(what).append(" +").append(ms).append(" ms;");
        }

        @Override
        public String toString() {
            return steps.toString();
        }
    }

    static DeskHours aroundTheClock(java.time.ZoneId zone) {
        Map<java.time.DayOfWeek, DeskHours.Span> week = new EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            week.put(d, new DeskHours.Span(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MAX));
        }
        return new DeskHours(zone, week, java.util.Set.of());
    }

    /** The desktops' handle on phones: the simulated line's, and listening in on whichever line carries the call. */
    private static PhoneControl phones(PhoneControl base, CallConnector lines) {
        return new PhoneControl() {
            @Override
            public boolean carries(CallId call) {
                return base.carries(call);
            }

            @Override
            public void answer(CallId call, OperatorId operator) {
                base.answer(call, operator);
            }

            @Override
            public void hangUp(CallId call, OperatorId operator) {
                base.hangUp(call, operator);
            }

            @Override
            public void supervise(CallId call, OperatorId operator, String supervisorEndpoint,
                                  dev.frontline.core.common.SpyMode mode) {
                lines.spy(call, operator, supervisorEndpoint, mode);
            }

            @Override
            public void stopSupervise(CallId call, OperatorId operator, String supervisorEndpoint) {
                lines.stopSpy(call, operator, supervisorEndpoint);
            }

            @Override
            public void mute(CallId call, OperatorId operator, boolean on) {
                lines.mute(call, operator, on);
            }
        };
    }

    /** The connector the ACD is built with; pointed at the screen-pop stage once the API exists. */
    private static final class ConnectorSwitch implements CallConnector {
        volatile CallConnector target;

        @Override
        public void connect(CallId callId, OperatorId operator, String endpoint) {
            target.connect(callId, operator, endpoint);
        }

        @Override
        public void withdraw(CallId callId, OperatorId operator) {
            target.withdraw(callId, operator);
        }

        @Override
        public void release(CallId callId, OperatorId operator) {
            target.release(callId, operator);
        }

        @Override
        public void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                        dev.frontline.core.common.SpyMode mode) {
            target.spy(callId, operator, supervisorEndpoint, mode);
        }

        @Override
        public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
            target.stopSpy(callId, operator, supervisorEndpoint);
        }

        @Override
        public boolean canTransfer(CallId callId) {
            return target.canTransfer(callId);
        }

        @Override
        public boolean canHold(CallId callId) {
            return target.canHold(callId);
        }

        @Override
        public void hold(CallId callId, OperatorId operator, boolean on) {
            target.hold(callId, operator, on);
        }

        @Override
        public void mute(CallId callId, OperatorId operator, boolean on) {
            target.mute(callId, operator, on);
        }

        @Override
        public boolean canConsult(CallId callId) {
            return target.canConsult(callId);
        }

        @Override
        public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
            target.consult(callId, from, to, endpoint, step);
        }

        @Override
        public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                      String callerId) {
            target.originateCallback(attemptId, operator, endpoint, customerNumber, callerId);
        }

        @Override
        public void cancelCallback(String attemptId, OperatorId operator) {
            target.cancelCallback(attemptId, operator);
        }
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        return url;
    }

    public int port() {
        return port;
    }

    /** The demo desk's logins (password {@link #DEMO_PASSWORD}); empty outside demo mode. */
    public List<DemoAccount> demoAccounts() {
        return demoAccounts;
    }

    /** The operator left to the desktop's human ({@link Options#withDeskOperator}); empty otherwise. */
    public Optional<String> demoDeskOperator() {
        return deskOperator;
    }

    /**
     * The operator a demo desktop should be: on line 1 (most calls are), taking every queue if there is one,
     * speaking English if there is one; the first such login in order.
     */
    static Optional<String> deskOperator(List<Operator> operators) {
        return operators.stream()
                .filter(o -> o.active() && o.role() == Operator.Role.OPERATOR && o.tiers().contains(Tier.LINE1))
                .min(java.util.Comparator.<Operator>comparingInt(o -> o.languages().contains(Language.EN) ? 0 : 1)
                        .thenComparingInt(o -> -o.intents().size())
                        .thenComparing(o -> o.id().value()))
                .map(o -> o.id().value());
    }

    /** The first demo account with {@code role} ("operator" or "supervisor"). */
    public Optional<DemoAccount> demoAccount(String role) {
        String r = role.toLowerCase(Locale.ROOT);
        return demoAccounts.stream().filter(a -> a.role().equals(r)).findFirst();
    }

    /** The simulated line, when on. */
    /** The Asterisk backend when {@code asterisk.enabled}. */
    public Optional<AsteriskBackend> asterisk() {
        return Optional.ofNullable(asterisk);
    }

    public Optional<SimBackend> sim() {
        return Optional.ofNullable(sim);
    }

    public Optional<DemoTraffic> traffic() {
        return Optional.ofNullable(traffic);
    }

    public AcdService acd() {
        return acd;
    }

    /**
     * Completes (with the reason) when this server, one of several on PostgreSQL, stops being the ACD leader: its ACD
     * has stopped and the process should end (started again, it waits as a standby). Never completes on SQLite.
     */
    public CompletableFuture<String> deposed() {
        return deposed;
    }

    /** Stops everything, newest first. */
    @Override
    public void close() {
        closeAll(resources);
        log.info("Frontline stopped");
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The supervisors' per-queue numbers from the ACD's published snapshot. */
    static final class QueueStats {
        private QueueStats() {}

        static List<Views.QueueStats> of(AcdService acd) {
            return acd.snapshot().queues().stream().map(q -> new Views.QueueStats(q.queue(),
                    q.tier().name().toLowerCase(Locale.ROOT), q.waiting(), q.longestWait().toSeconds(),
                    q.estimatedWait().toSeconds(), q.serviceLevelPercent(), q.target().toSeconds(),
                    q.averageSpeedOfAnswer().toSeconds(), q.averageHandleTime().toSeconds(), q.abandonRatePercent(),
                    q.callbacksPending(), q.breached())).toList();
        }
    }
}
