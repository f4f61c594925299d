package dev.frontline.server.sms;

import dev.frontline.core.common.CustomerId;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.Database;
import dev.frontline.server.twilio.TwilioClients;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SmsServiceTest {
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test-token-1";
    static final String FROM = "+37052000000";
    static final String CALLBACK = "https://ivr.example.com/twilio/sms-status";

    @TempDir
    Path dir;
    Database db;
    LoopbackTwilioApi api;
    final List<Duration> sleeps = new ArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("frontline.db"));
        api = new LoopbackTwilioApi();
    }

    @AfterEach
    void close() {
        api.close();
        db.close();
    }

    SmsService service() {
        TwilioSmsSender sender = new TwilioSmsSender(
                TwilioClients.restClient(SID, TOKEN, Optional.of(api.baseUrl()), java.time.Duration.ofSeconds(5)), FROM, Optional.of(CALLBACK));
        return SmsService.create(db, SmsConfig.defaults(), sender, clock, Runnable::run, sleeps::add);
    }

    @Test
    void sendsThroughTheMessagesApiWithAStatusCallback() {
        SmsResult result = service().send(new SmsRequest("+37060012345", "Your contract number is 12345", false,
                Optional.empty(), "contract-number"));

        assertThat(result.status()).isEqualTo(SmsResult.Status.QUEUED);
        LoopbackTwilioApi.Captured req = api.requests().get(0);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(req.basicUser()).isEqualTo(SID);
        assertThat(req.basicPassword()).isEqualTo(TOKEN);
        assertThat(req.form()).containsEntry("To", List.of("+37060012345")).containsEntry("From", List.of(FROM))
                .containsEntry("Body", List.of("Your contract number is 12345"))
                .containsEntry("StatusCallback", List.of(CALLBACK));
        Map<String, Object> row = row(result.id());
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat((String) row.get("provider_sid")).startsWith("SM").hasSize(34);
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("body")).isEqualTo("Your contract number is 12345");
    }

    @Test
    void aSecretTextIsSentInFullButStoredRedacted() {
        SmsResult result = service().send(new SmsRequest("+37060012345", "Your login: jonas42", true,
                Optional.empty(), "login-reset"));

        assertThat(api.requests().get(0).param("Body")).isEqualTo("Your login: jonas42");
        assertThat(row(result.id())).containsEntry("body", "Your login: [redacted]").containsEntry("secret", 1);
        assertThat(allBodies()).noneMatch(b -> b.contains("jonas42"));
    }

    @Test
    void anInvalidNumberFailsAtOnceWithTwiliosReason() {
        api.failNext(new Failure(400, 21211, "The 'To' number +37060000000 is not a valid phone number."));

        SmsResult result = service().send(new SmsRequest("+37060000000", "hello", false, Optional.empty(), "test"));

        assertThat(result.accepted()).isTrue(); // handed over; the outcome lands in the log
        Map<String, Object> row = row(result.id());
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat((String) row.get("error")).contains("400").contains("21211").contains("not a valid phone number");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(api.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetriedWithBackOff() {
        api.failNext(new Failure(429, 20429, "Too Many Requests"), new Failure(500, 20500, "Internal Server Error"));

        SmsResult result = service().send(new SmsRequest("+37060012345", "hello", false, Optional.empty(), "test"));

        assertThat(api.requestsTo("/Messages.json")).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        Map<String, Object> row = row(result.id());
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("attempts")).isEqualTo(3);
    }

    @Test
    void persistentServerErrorsEndAsFailedWithTheRowKept() {
        api.failNext(new Failure(500, 20500, "Internal Server Error"), new Failure(503, 20503, "Service Unavailable"),
                new Failure(500, 20500, "Internal Server Error"), new Failure(500, 20500, "never reached"));

        SmsResult result = service().send(new SmsRequest("+37060012345", "hello", false, Optional.empty(), "test"));

        assertThat(api.requests()).hasSize(3); // bounded: our 3 attempts, no hidden SDK retries
        Map<String, Object> row = row(result.id());
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat((String) row.get("error")).startsWith("gave up after 3 attempt(s): Twilio 500");
        assertThat(row.get("body")).isEqualTo("hello");
    }

    @Test
    void theFourthTextToACustomerWithinAnHourIsRefusedAndLogged() {
        long customer = insertCustomer();
        SmsService sms = service();
        for (int i = 0; i < 3; i++) {
            assertThat(sms.send(new SmsRequest("+3706001234" + i, "t" + i, false, Optional.of(new CustomerId(customer)),
                    "contract-number")).accepted()).isTrue();
        }

        SmsResult fourth = sms.send(new SmsRequest("+37060012349", "t4", false, Optional.of(new CustomerId(customer)),
                "contract-number"));

        assertThat(fourth.status()).isEqualTo(SmsResult.Status.RATE_LIMITED);
        assertThat(fourth.detail()).contains("3 texts per customer");
        assertThat(api.requests()).hasSize(3);
        assertThat(row(fourth.id())).containsEntry("status", "rate-limited");
    }

    /**
     * Issue 24: after-hours alerts about a customer go to the desk's own consultants: they are logged with the customer
     * but never count against (nor are refused by) that customer's limit, also after a restart (before: the fourth
     * consultant on duty got no text).
     */
    @Test
    void onDutyAlertsAboutACustomerDoNotUseTheCustomersLimit() {
        long customer = insertCustomer();
        SmsService sms = service();
        for (int i = 0; i < 5; i++) {
            assertThat(sms.send(new SmsRequest("+3706001234" + i, "failure", false, Optional.of(new CustomerId(customer)),
                    "on-duty-alert")).status()).as("alert %d", i).isEqualTo(SmsResult.Status.QUEUED);
        }
        SmsService restarted = service();
        for (int i = 0; i < 3; i++) {
            assertThat(restarted.send(new SmsRequest("+37060012350", "your contract", false,
                    Optional.of(new CustomerId(customer)), "contract-number")).accepted()).as("the customer's own %d", i).isTrue();
        }
        assertThat(restarted.send(new SmsRequest("+37060012350", "t4", false, Optional.of(new CustomerId(customer)),
                "contract-number")).status()).isEqualTo(SmsResult.Status.RATE_LIMITED);
        assertThat(restarted.send(new SmsRequest("+37060012349", "failure", false, Optional.of(new CustomerId(customer)),
                "on-duty-alert")).accepted()).as("the customer's limit reached, alerts still go").isTrue();
    }

    @Test
    void theLimitsSurviveARestart() {
        SmsService first = service();
        for (int i = 0; i < 5; i++) {
            first.send(new SmsRequest("+37060012345", "t" + i, false, Optional.empty(), "test"));
        }

        SmsResult afterRestart = service().send(new SmsRequest("+37060012345", "t6", false, Optional.empty(), "test"));

        assertThat(afterRestart.status()).isEqualTo(SmsResult.Status.RATE_LIMITED);
        assertThat(afterRestart.detail()).contains("5 texts per number per hour");
    }

    @Test
    void aTextACrashLeftPendingIsMarkedFailedAtStart() {
        long id = new SmsLog(db).insert(Optional.empty(), "+37060012345", FROM, "x", false, "test", "pending", null,
                clock.instant());

        service();

        assertThat(row(Long.toString(id)).get("status")).isEqualTo("failed");
        assertThat((String) row(Long.toString(id)).get("error")).contains("interrupted by a restart");
    }

    @Test
    void deliveryReportsUpdateTheRowByProviderSid() {
        SmsService sms = service();
        SmsResult result = sms.send(new SmsRequest("+37060012345", "hello", false, Optional.empty(), "test"));
        String sid = (String) row(result.id()).get("provider_sid");

        assertThat(sms.deliveryStatus(sid, "sent", Optional.empty())).isTrue();
        assertThat(row(result.id()).get("status")).isEqualTo("sent");
        assertThat(sms.deliveryStatus(sid, "undelivered", Optional.of("30003"))).isTrue();
        assertThat(row(result.id())).containsEntry("status", "undelivered").containsEntry("error", "provider error 30003");
        assertThat(sms.deliveryStatus(sid, "delivered", Optional.empty())).as("known, but late: ignored").isTrue();
        assertThat(row(result.id())).containsEntry("status", "undelivered");
        assertThat(sms.deliveryStatus("SMunknown", "delivered", Optional.empty())).isFalse();
    }

    @Test
    void aNumberThatIsNotE164IsRefusedWithoutCallingTheProvider() {
        SmsResult result = service().send(new SmsRequest("860012345", "hello", false, Optional.empty(), "test"));

        assertThat(result.status()).isEqualTo(SmsResult.Status.FAILED);
        assertThat(result.detail()).contains("E.164");
        assertThat(api.requests()).isEmpty();
        assertThat(row(result.id()).get("status")).isEqualTo("failed");
    }

    @Test
    void theLogOnlySenderMarksTextsSimulated() {
        SmsService sms = SmsService.create(db, SmsConfig.defaults(), new LogOnlySmsSender(), clock, Runnable::run, sleeps::add);

        SmsResult result = sms.send(new SmsRequest("+37060012345", "Your login: jonas42", true, Optional.empty(), "login-reset"));

        assertThat(result.status()).isEqualTo(SmsResult.Status.SENT);
        assertThat(result.detail()).contains("simulated");
        assertThat(row(result.id())).containsEntry("status", "simulated").containsEntry("body", "Your login: [redacted]");
        assertThat(api.requests()).isEmpty();
    }

    long insertCustomer() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customers (contract_number, name, created_at) VALUES ('C-1', 'Jonas', 0)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    Map<String, Object> row(String id) {
        return db.inTransaction(c -> query(c, "SELECT * FROM sms_messages WHERE id = " + Long.parseLong(id)).get(0));
    }

    List<String> allBodies() {
        return db.inTransaction(c -> query(c, "SELECT body FROM sms_messages")).stream().map(m -> (String) m.get("body")).toList();
    }

    static List<Map<String, Object>> query(Connection c, String sql) throws java.sql.SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnName(i).toLowerCase(), rs.getObject(i));
                }
                out.add(m);
            }
        }
        return out;
    }
}
