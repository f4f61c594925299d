package dev.frontline.server.demo;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.Targets;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator.Role;
import dev.frontline.core.security.SlowHash;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Generates a demo desk. The same seed gives the same customers, PINs, passwords and tickets (times are relative to
 * {@code now}). PINs are drawn from a pool of {@value #PIN_POOL} so that generating thousands of customers does not
 * cost thousands of bcrypt hashes; every account password is its own hash.
 */
final class DemoData {
    static final int PIN_POOL = 20;

    record Plan(String name, List<String> services, int weight) {}

    static final List<Plan> PLANS = List.of(
            new Plan("Fiber 100", List.of("internet"), 3), new Plan("Fiber 300", List.of("internet"), 5),
            new Plan("Fiber 1000", List.of("internet"), 2), new Plan("TV Basic", List.of("tv"), 2),
            new Plan("TV Plus", List.of("tv"), 1), new Plan("Fiber 300 + TV Plus", List.of("internet", "tv"), 4),
            new Plan("Hosting Start", List.of("hosting"), 1), new Plan("Hosting Pro", List.of("hosting"), 1));

    /** A customer to print as a sample, with the PIN in clear. */
    record Sample(String contract, String name, Language language, String mobile, String area, String pin) {}

    /** An account with its demo password in clear (printed once). */
    record Account(NewOperator operator, String password) {}

    record Note(Duration after, String author, String kind, String text) {}

    record Ticket(String id, int customerIndex, String subject, Intent intent, Tier tier, String state, int priority,
                  Instant openedAt, Instant dueAt, Optional<Instant> closedAt, String operator, List<Note> notes) {}

    record Outage(String area, String description, Instant startedAt, Instant expectedEnd) {}

    record DemoSet(List<NewCustomer> customers, List<Sample> samples, List<Account> accounts, List<Ticket> tickets,
                   List<KnowledgeBase.Article> articles, Outage outage) {}

    private final long seed;
    private final PhoneNumbers phones;
    private final Function<char[], String> hash;

    /** @param hash the slow hash for PINs and passwords ({@link SlowHash#hash}) */
    DemoData(long seed, PhoneNumbers phones, Function<char[], String> hash) {
        this.seed = seed;
        this.phones = phones;
        this.hash = hash;
    }

    /** @param firstTicket number of the first ticket id (FL-000001 is 1) */
    DemoSet generate(int customerCount, Instant now, long firstTicket) {
        Random r = new Random(seed);
        List<Account> accounts = accounts(r);
        List<String> pins = new ArrayList<>();
        List<String> pinHashes = new ArrayList<>();
        for (int i = 0; i < PIN_POOL; i++) {
            String pin = String.format(Locale.ROOT, "%04d", 1000 + r.nextInt(9000));
            pins.add(pin);
            pinHashes.add(hash.apply(pin.toCharArray()));
        }
        List<NewCustomer> customers = new ArrayList<>(customerCount);
        List<Sample> samples = new ArrayList<>();
        Set<String> usedMobiles = new HashSet<>();
        Set<String> usedLogins = new HashSet<>();
        Set<Language> sampled = EnumSet.noneOf(Language.class);
        boolean sampledOutageArea = false;
        for (int i = 0; i < customerCount; i++) {
            Locales loc = Locales.MIX.get(r.nextInt(Locales.MIX.size()));
            String name = loc.name(r);
            Locales.Area area = loc.areas().get(r.nextInt(loc.areas().size()));
            String written = mobile(loc, r, usedMobiles);
            String mobile = phones.requireE164(written);
            List<String> others = r.nextInt(6) == 0 ? List.of(landline(area, r)) : List.of();
            Plan plan = plan(r);
            String login = login(name, usedLogins);
            String street = area.streets().get(r.nextInt(area.streets().size()));
            String address = street + " " + (1 + r.nextInt(120)) + (r.nextInt(3) == 0 ? "" : "-" + (1 + r.nextInt(60)))
                    + ", " + area.postcode() + String.format(Locale.ROOT, "%03d", r.nextInt(1000)) + " " + area.city();
            int p = r.nextInt(100);
            String status = p < 95 ? "active" : p < 99 ? "suspended" : "closed";
            int pinIndex = r.nextInt(PIN_POOL);
            String contract = String.valueOf(10_000_001L + i);
            customers.add(new NewCustomer(contract, name, Optional.of(mobile), others, login + "@" + loc.mailDomain(),
                    address, area.name(), plan.name(), plan.services(), status, loc.language(), login,
                    Optional.of(pinHashes.get(pinIndex))));
            boolean outageSample = area == Locales.KAUNAS && !sampledOutageArea;
            if (status.equals("active") && (sampled.add(loc.language()) || outageSample)) {
                sampledOutageArea |= area == Locales.KAUNAS;
                samples.add(new Sample(contract, name, loc.language(), written, area.name(), pins.get(pinIndex)));
            }
        }
        Instant outageStart = now.minus(Duration.ofMinutes(50));
        Outage outage = new Outage(Locales.KAUNAS.name(), "Fiber cable cut by road works on Savanorių pr.: "
                + "internet and TV down for part of Kaunas; crews on site.", outageStart, outageStart.plus(Duration.ofHours(4)));
        List<Ticket> tickets = tickets(r, customers, accounts, now, firstTicket);
        return new DemoSet(customers, samples, accounts, tickets, KnowledgeBase.ARTICLES, outage);
    }

    private String mobile(Locales loc, Random r, Set<String> used) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String written = loc.mobile(r);
            Optional<String> e164 = phones.toE164(written);
            if (e164.isPresent() && used.add(e164.get())) {
                return written;
            }
        }
        throw new IllegalStateException("no valid unused " + loc.language() + " mobile after 100 attempts");
    }

    private String landline(Locales.Area area, Random r) {
        String shape = switch (area.city()) {
            case "Vilnius" -> "+370 5 2## ####";
            case "Kaunas" -> "+370 37 ## ## ##";
            case "Rīga" -> "+371 67######";
            case "Warszawa" -> "+48 22 ### ## ##";
            default -> "+386 1 ### ## ##";
        };
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder b = new StringBuilder();
            for (char c : shape.toCharArray()) {
                b.append(c == '#' ? (char) ('0' + r.nextInt(10)) : c);
            }
            Optional<String> e164 = phones.toE164(b.toString());
            if (e164.isPresent()) {
                return e164.get();
            }
        }
        throw new IllegalStateException("no valid landline for " + area.name());
    }

    private static Plan plan(Random r) {
        int total = PLANS.stream().mapToInt(Plan::weight).sum();
        int pick = r.nextInt(total);
        for (Plan p : PLANS) {
            pick -= p.weight();
            if (pick < 0) {
                return p;
            }
        }
        return PLANS.get(0);
    }

    private static final Map<Character, String> CYRILLIC = cyrillic();

    private static Map<Character, String> cyrillic() {
        String from = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        String[] to = {"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};
        Map<Character, String> m = new java.util.HashMap<>();
        for (int i = 0; i < from.length(); i++) {
            m.put(from.charAt(i), to[i]);
        }
        return m;
    }

    /** {@code ona.kazlauskiene}, {@code olga.smirnova2}: ASCII, unique. */
    static String login(String name, Set<String> used) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append(CYRILLIC.getOrDefault(c, String.valueOf(c)));
        }
        String ascii = Normalizer.normalize(b.toString(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('ł', 'l').replace(' ', '.').replaceAll("[^a-z.]", "");
        String login = ascii;
        for (int n = 2; !used.add(login); n++) {
            login = ascii + n;
        }
        return login;
    }

    private record Staff(String login, String name, Role role, Set<Tier> tiers, Set<Intent> intents,
                         Set<Language> languages, String endpoint, String mobile) {}

    private static final List<Staff> STAFF = List.of(
            new Staff("anna", "Anna Petrauskaitė", Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL, Intent.GENERAL), Set.of(Language.LT, Language.RU, Language.EN), "PJSIP/op101", "+37061100101"),
            new Staff("jonas", "Jonas Kazlauskas", Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL, Intent.SALES), Set.of(Language.LT, Language.EN), "PJSIP/op102", "+37061100102"),
            new Staff("olga", "Ольга Смирнова", Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.GENERAL, Intent.SALES), Set.of(Language.RU, Language.LT), "PJSIP/op103", "+37061100103"),
            new Staff("dmitri", "Дмитрий Волков", Role.OPERATOR, Set.of(Tier.LINE1, Tier.LINE2), Set.of(Intent.TECHNICAL), Set.of(Language.RU, Language.EN), "PJSIP/op104", "+37120000104"),
            new Staff("kasia", "Katarzyna Wiśniewska", Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL, Intent.GENERAL, Intent.SALES), Set.of(Language.PL, Language.EN), "PJSIP/op105", "+48512000105"),
            new Staff("piotr", "Piotr Zieliński", Role.OPERATOR, Set.of(Tier.LINE2), Set.of(Intent.TECHNICAL, Intent.GENERAL), Set.of(Language.PL, Language.RU), "PJSIP/op106", "+48512000106"),
            new Staff("maja", "Maja Kranjc", Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.GENERAL, Intent.SALES, Intent.TECHNICAL), Set.of(Language.SL, Language.EN), "PJSIP/op107", "+38631000107"),
            new Staff("luka", "Luka Horvat", Role.OPERATOR, Set.of(Tier.LINE2), Set.of(Intent.TECHNICAL), Set.of(Language.SL, Language.EN), "PJSIP/op108", "+38641000108"),
            new Staff("emma", "Emma Walsh", Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.SALES, Intent.GENERAL), Set.of(Language.EN), "PJSIP/op109", "+447700900109"),
            new Staff("tomas", "Tomas Urbonas", Role.OPERATOR, Set.of(Tier.LINE2), Set.of(Intent.TECHNICAL, Intent.SALES), Set.of(Language.LT, Language.PL, Language.EN), "PJSIP/op110", "+37061100110"),
            new Staff("rasa", "Rasa Navickienė", Role.OPERATOR, Set.of(Tier.LINE3), Set.of(Intent.TECHNICAL), Set.of(Language.LT, Language.EN), "PJSIP/op111", "+37061100111"),
            new Staff("andrej", "Andrej Zupančič", Role.OPERATOR, Set.of(Tier.LINE3), Set.of(Intent.TECHNICAL), Set.of(Language.SL, Language.RU, Language.EN), "PJSIP/op112", "+38651000112"),
            new Staff("vida", "Vida Jankauskienė", Role.SUPERVISOR, Set.of(), Set.of(), Set.of(Language.LT, Language.RU, Language.EN), "PJSIP/op190", "+37061100190"),
            new Staff("marek", "Marek Kowalski", Role.SUPERVISOR, Set.of(), Set.of(), Set.of(Language.PL, Language.EN), "PJSIP/op191", "+48512000191"));

    private List<Account> accounts(Random r) {
        List<Account> out = new ArrayList<>();
        for (Staff s : STAFF) {
            String password = s.login() + "-" + (1000 + r.nextInt(9000));
            out.add(new Account(new NewOperator(s.login(), s.name(), hash.apply(password.toCharArray()), s.role(), s.tiers(),
                    s.intents(), s.languages(), s.endpoint(), Optional.of(s.mobile())), password));
        }
        return out;
    }

    private record Story(String subject, Intent intent, Tier finalTier, List<String> notes) {}

    /** Each note: "note:text", "escalation:text" or "state:text"; escalations raise the tier by one. */
    private static final List<Story> STORIES = List.of(
            new Story("No internet since the morning, LOS light red", Intent.TECHNICAL, Tier.LINE3, List.of(
                    "note:Red LOS light since 07:00. No outage in the area. Asked to reseat the fiber cable: no change.",
                    "escalation:Line 2: no light from the OLT port, needs a field visit.",
                    "escalation:Technician booked for tomorrow 09-12.",
                    "state:Splice repaired in the stairwell box; customer confirms internet works.")),
            new Story("Internet slow in the evenings", Intent.TECHNICAL, Tier.LINE2, List.of(
                    "note:Speed tests over Wi-Fi 40-60 Mbit/s on Fiber 300. Asked for a cable test.",
                    "note:Cable test 285 Mbit/s. Advised 5 GHz Wi-Fi and router placement (KB: Wi-Fi slow in some rooms).",
                    "state:Customer satisfied after moving the router.")),
            new Story("TV: no signal on all channels", Intent.TECHNICAL, Tier.LINE2, List.of(
                    "note:Box rebooted, HDMI input checked, still 'No signal'.",
                    "escalation:Box serial 4821-77-0193 does not register on the headend.",
                    "state:Box re-provisioned remotely; channels back.")),
            new Story("Invoice higher than usual", Intent.SALES, Tier.LINE1, List.of(
                    "note:Promotional price ended this month (+7.00 EUR). Explained; customer accepts.",
                    "state:Resolved on first contact.")),
            new Story("Wants to upgrade to Fiber 1000", Intent.SALES, Tier.LINE1, List.of(
                    "note:Coverage confirmed. Upgrade ordered, effective immediately.",
                    "state:Upgrade done.")),
            new Story("Password reset for the self-care portal", Intent.GENERAL, Tier.LINE1, List.of(
                    "note:Verified with PIN. Reset link sent by SMS to the mobile on file.",
                    "state:Resolved on first contact.")),
            new Story("Hosting: website returns HTTP 500", Intent.TECHNICAL, Tier.LINE2, List.of(
                    "note:Disk 100 % used on Hosting Start (10 GB). Customer informed.",
                    "escalation:Old backups to be cleaned with the customer's consent.",
                    "note:Consent received by e-mail; 3.2 GB of old backups removed, site up.")),
            new Story("Moving to a new address next month", Intent.SALES, Tier.LINE1, List.of(
                    "note:Coverage at the new address OK. Move booked; old line stays until the new one works.")),
            new Story("Payment not shown on the account", Intent.GENERAL, Tier.LINE1, List.of(
                    "note:Transfer made 2 days ago; asked to wait one more working day. Service not suspended.")));

    private List<Ticket> tickets(Random r, List<NewCustomer> customers, List<Account> accounts, Instant now, long first) {
        if (customers.isEmpty()) {
            return List.of();
        }
        int count = Math.max(5, Math.min(300, customers.size() / 10));
        List<Ticket> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Story story = STORIES.get(r.nextInt(STORIES.size()));
            int customer = r.nextInt(customers.size());
            Instant start = now.minus(Duration.ofMinutes(30 + r.nextInt(60 * 24 * 30)));
            // three in ten are still open: the story stops before its last step, and it is a recent one
            boolean open = r.nextInt(10) < 3;
            List<String> steps = open && story.notes().size() > 1
                    ? story.notes().subList(0, story.notes().size() - 1) : story.notes();
            Tier tier = Tier.LINE1;
            List<Note> notes = new ArrayList<>();
            Instant at = start;
            Duration clockFrom = Duration.ZERO; // the line's SLA clock restarts at each escalation
            String operator = operatorFor(accounts, tier, story.intent(), r);
            notes.add(new Note(Duration.ZERO, operator, "state", "opened on line1: " + story.subject()));
            for (String step : steps) {
                String kind = step.substring(0, step.indexOf(':'));
                String text = step.substring(step.indexOf(':') + 1);
                at = at.plus(Duration.ofMinutes(3 + r.nextInt(kind.equals("escalation") ? 600 : 30)));
                if (kind.equals("escalation")) { // written as TicketService writes it
                    Tier from = tier;
                    tier = tier.next();
                    clockFrom = Duration.between(start, at);
                    text = from.name().toLowerCase(Locale.ROOT) + " -> " + tier.name().toLowerCase(Locale.ROOT) + ": " + text;
                } else if (kind.equals("state")) {
                    text = "closed: " + text;
                }
                notes.add(new Note(Duration.between(start, at), operator, kind, text));
                operator = operatorFor(accounts, tier, story.intent(), r);
            }
            boolean closed = !open && steps.get(steps.size() - 1).startsWith("state:");
            Duration target = Targets.DEFAULTS.forTier(tier);
            Duration span = Duration.between(start, at);
            Instant opened = start;
            if (!closed) {
                // an open ticket's line took it a little while ago (within its target for most, past it for some):
                // its steps on that line happened since then
                long onLine = (long) (r.nextDouble() * 1.25 * target.toSeconds());
                notes = sinceLineTook(notes, clockFrom, span.minus(clockFrom), Duration.ofSeconds(onLine));
                span = clockFrom.plusSeconds(onLine);
                opened = now.minus(span);
            }
            at = opened.plus(span);
            Instant due = opened.plus(clockFrom).plus(target);
            out.add(new Ticket(String.format(Locale.ROOT, "FL-%06d", first + i), customer, story.subject(),
                    story.intent(), tier, closed ? "closed" : "open", story.intent().defaultPriority(), opened, due,
                    closed ? Optional.of(at) : Optional.empty(), operator, notes));
        }
        return out;
    }

    /** The notes after {@code from} (the steps on the ticket's current line) squeezed from {@code took} into {@code into}. */
    private static List<Note> sinceLineTook(List<Note> notes, Duration from, Duration took, Duration into) {
        List<Note> out = new ArrayList<>();
        for (Note n : notes) {
            if (n.after().compareTo(from) <= 0 || took.isZero()) {
                out.add(n);
            } else {
                double share = (double) n.after().minus(from).toMillis() / took.toMillis();
                out.add(new Note(from.plusMillis((long) (share * into.toMillis())), n.author(), n.kind(), n.text()));
            }
        }
        return out;
    }

    private static String operatorFor(List<Account> accounts, Tier tier, Intent intent, Random r) {
        List<String> fit = accounts.stream().map(Account::operator)
                .filter(o -> o.tiers().contains(tier) && o.intents().contains(intent)).map(NewOperator::login).toList();
        if (fit.isEmpty()) {
            fit = accounts.stream().map(Account::operator).filter(o -> o.tiers().contains(tier)).map(NewOperator::login).toList();
        }
        return fit.get(r.nextInt(fit.size()));
    }
}
