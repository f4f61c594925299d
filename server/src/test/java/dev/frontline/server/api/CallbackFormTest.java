package dev.frontline.server.api;

import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The web callback form over loopback HTTP. */
class CallbackFormTest {
    @TempDir
    Path dir;
    MutableClock clock;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z")); // Monday, 12:00 in Vilnius: open
        f = new ApiFixture(dir, clock, Duration.ofHours(1));
        http = f.client;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String body(String name, String phone, String category, String text) {
        return "{\"name\":" + q(name) + ",\"phone\":" + q(phone) + ",\"category\":" + q(category) + ",\"text\":"
                + q(text) + "}";
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    void aValidRequestOpensATicketAndAsksForACallbackOnTheE164Number() throws Exception {
        DeskClient.Reply r = http.post("/api/callback-requests", null,
                body("Ona", "8 612 34567", "technical", "No internet since morning"));

        assertThat(r.status()).isEqualTo(201);
        String ticket = r.json().get("ticketId").asText();
        assertThat(ticket).isNotBlank();
        CallbackRequest cb = f.acd.callbacks.get(0);
        assertThat(cb.number()).isEqualTo("+37061234567");
        assertThat(cb.intent()).isEqualTo(Intent.TECHNICAL);
        assertThat(cb.reason()).contains(ticket);
        assertThat(f.texts).isEmpty(); // open hours: no on-duty alert
    }

    /** Issue 22 item 8: a technical request's ticket had priority 3 and no intent; it takes its topic's. */
    @Test
    void theTicketTakesTheTopicsIntentAndPriority() {
        String technical = http.post("/api/callback-requests", null,
                body("Ona", "+37061234567", "technical", "No internet since morning")).json().get("ticketId").asText();
        String sales = http.post("/api/callback-requests", null,
                body("Jonas", "+37061234568", "sales", "A faster plan, please")).json().get("ticketId").asText();

        assertThat(ticketRow(technical)).containsExactly("technical", "1");
        assertThat(ticketRow(sales)).containsExactly("sales", "2");
    }

    /** Issue 22 item 8: the desk listed a web request as "Unknown caller" with the problem only in a tooltip. */
    @Test
    void theDesksCallbackListNamesTheVisitorAndTheirProblem() {
        String ticket = http.post("/api/callback-requests", null,
                body("Ona Petraitė", "8 612 34567", "technical", "No internet since morning")).json().get("ticketId").asText();

        com.fasterxml.jackson.databind.JsonNode row = http.get("/api/callbacks", http.login("anna", "secret")).json().get(0);
        assertThat(row.get("customerName").asText()).isEqualTo("Ona Petraitė");
        assertThat(row.get("number").asText()).isEqualTo("+37061234567");
        assertThat(row.get("note").asText()).isEqualTo("No internet since morning");
        assertThat(row.get("ticketId").asText()).isEqualTo(ticket);
    }

    private List<String> ticketRow(String ticketId) {
        return f.db.read(c -> {
            try (var ps = c.prepareStatement("SELECT intent, priority FROM tickets WHERE id = ?")) {
                ps.setString(1, ticketId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? List.of(String.valueOf(rs.getString(1)), rs.getString(2)) : List.of();
                }
            }
        });
    }

    @Test
    void eachWrongFieldIsNamed() {
        assertThat(http.post("/api/callback-requests", null, body("", "+37061234567", "technical", "x"))
                .json().get("field").asText()).isEqualTo("name");
        assertThat(http.post("/api/callback-requests", null, body("Ona", "12", "technical", "x"))
                .json().get("field").asText()).isEqualTo("phone");
        DeskClient.Reply category = http.post("/api/callback-requests", null,
                body("Ona", "+37061234567", "billing", "x"));
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.json().get("field").asText()).isEqualTo("category");
        assertThat(category.json().get("message").asText()).contains("billing");
        assertThat(http.post("/api/callback-requests", null, body("Ona", "+37061234567", "sales", " "))
                .json().get("field").asText()).isEqualTo("text");
        assertThat(f.acd.callbacks).isEmpty();
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        DeskClient.Reply r = http.post("/api/callback-requests", null, body("", "12", "billing", "TV is dark"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation");
        assertThat(r.json().get("field").asText()).isEqualTo("name"); // the first, as before
        assertThat(r.json().get("message").asText()).contains("name: is required").contains("phone: ")
                .contains("category: ").contains("billing");
        assertThat(r.json().get("errors")).hasSize(3);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("name", "phone", "category");
        assertThat(r.json().get("errors").get(1).get("message").asText()).contains("not a valid phone number");
        assertThat(f.acd.callbacks).isEmpty();
    }

    @Test
    void theHtmlFormPageListsEveryWrongField() {
        DeskClient.Reply r = http.postForm("/api/callback-requests",
                "name=&phone=12&category=billing&text=TV+is+dark", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<li>Your name: is required</li>")
                .contains("<li>Phone number: is not a valid phone number")
                .contains("<li>What is it about: must be technical, sales or general, not 'billing'</li>");
        assertThat(f.acd.callbacks).isEmpty();
    }

    /** "Back to the form" lost everything typed: the answer is the form again, filled in, styled, problems on top. */
    @Test
    void aFormSentBackKeepsWhatWasTypedAndLooksLikeTheForm() {
        DeskClient.Reply r = http.postForm("/api/callback-requests",
                "name=Ona+%3CB%3E&phone=12&contract=C-100&category=sales&text=TV+is+dark%0Asince+Monday&when=tomorrow-morning", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("<style>", "class=\"problems\"", "<li>Phone number: is not a valid phone number")
                .contains("value=\"Ona &lt;B&gt;\"", "value=\"12\"", "value=\"C-100\"",
                        ">TV is dark\nsince Monday</textarea>", "<option value=\"sales\" selected>",
                        "<option value=\"tomorrow-morning\" selected>")
                .doesNotContain("${");
        assertThat(http.postForm("/api/callback-requests", "name=Ona&phone=%2B37061234567&category=sales&text=x", null)
                .body()).as("the thank-you page is styled too").contains("<style>", "class=\"done\"");
    }

    @Test
    void theCallerChoosesWhenToBeCalledAndIsToldIt() {
        DeskClient.Reply r = http.postForm("/api/callback-requests",
                "name=Ona&phone=%2B37061234567&category=general&text=Invoice&when=tomorrow-morning", null);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).contains("We will call you back on +37061234567: Tomorrow morning, 9:00–12:00.");
        java.time.ZoneId vilnius = java.time.ZoneId.of("Europe/Vilnius");
        assertThat(f.acd.callbacks).singleElement().satisfies(cb -> {
            assertThat(cb.windowStart().orElseThrow().atZone(vilnius).toLocalDateTime())
                    .isEqualTo(java.time.LocalDateTime.parse("2026-03-03T09:00"));
            assertThat(cb.windowEnd().orElseThrow().atZone(vilnius).toLocalDateTime())
                    .isEqualTo(java.time.LocalDateTime.parse("2026-03-03T12:00"));
        });
        DeskClient.Reply odd = http.postForm("/api/callback-requests",
                "name=Ona&phone=%2B37061234568&category=general&text=x&when=midnight", null);
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("When should we call: must be one of the listed times, not 'midnight'");
    }

    @Test
    void technicalFailuresAfterHoursTextTheOnDutyConsultant() {
        clock.advance(Duration.ofHours(12)); // 00:00 in Vilnius

        DeskClient.Reply r = http.post("/api/callback-requests", null,
                body("Ona", "+37061234567", "technical", "TV is dark"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(f.texts).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo("+37060000000");
            assertThat(sms.purpose()).isEqualTo("on-duty-alert");
            assertThat(sms.body()).contains(r.json().get("ticketId").asText());
        });
    }

    @Test
    void requestsAreRateLimitedPerPhoneAndPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/callback-requests", null, body("Ona", "+37061234567", "general", "q" + i))
                    .status()).isEqualTo(201);
        }
        DeskClient.Reply samePhone = http.post("/api/callback-requests", null,
                body("Ona", "+37061234567", "general", "again"));
        assertThat(samePhone.status()).isEqualTo(429);
        assertThat(samePhone.json().get("message").asText()).contains("phone number");

        assertThat(http.post("/api/callback-requests", null, body("Jon", "+37061234500", "general", "q")).status())
                .isEqualTo(201);
        DeskClient.Reply sameAddress = http.post("/api/callback-requests", null,
                body("Ann", "+37061234511", "general", "q"));
        assertThat(sameAddress.status()).isEqualTo(429);
        assertThat(sameAddress.json().get("message").asText()).contains("address");
        assertThat(f.acd.callbacks).hasSize(4);
    }

    @Test
    void theFormPageIsPlainAccessibleHtmlAndAcceptsFormPosts() {
        DeskClient.Reply page = http.get("/callback", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"phone\"", "action=\"/api/callback-requests\"");

        DeskClient.Reply posted = http.postForm("/api/callback-requests",
                "name=Ona&phone=%2B37061234567&category=sales&text=New+plan", null);

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.body()).contains("Request received");
        DeskClient.Reply wrong = http.postForm("/api/callback-requests",
                "name=Ona&phone=12&category=sales&text=<b>x</b>", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("role=\"alert\"", "Phone number: is not a valid phone number", "/callback");
    }

    @Test
    void theFormSpeaksTheVisitorsLanguageChosenOrFromTheBrowser() {
        DeskClient.Reply ru = http.get("/callback?lang=ru", null);
        assertThat(ru.body()).contains("<html lang=\"ru\">", "<title>Заказать обратный звонок</title>",
                "<label for=\"phone\">Номер телефона</label>", "name=\"lang\" value=\"ru\"",
                "href=\"/callback?lang=lt\">Lietuvių</a>").doesNotContain("${");

        assertThat(http.getAsBrowser("/callback", "lt-LT,lt;q=0.9,en;q=0.8").body())
                .contains("<html lang=\"lt\">", "Užsakyti skambutį");
        assertThat(http.getAsBrowser("/callback", "de-DE,de;q=0.9,pl;q=0.5").body()).contains("<html lang=\"pl\">");
        assertThat(http.getAsBrowser("/callback", "de-DE,fr;q=0.5").body()).contains("<html lang=\"en\">");
        assertThat(http.getAsBrowser("/callback", ";;q=garbage").status()).isEqualTo(200);
    }

    @Test
    void wrongFieldsAndTheThankYouAreInTheFormsLanguageAndAnUnknownCallerIsCalledBackInIt() {
        DeskClient.Reply wrong = http.postForm("/api/callback-requests",
                "lang=ru&name=&phone=12&category=sales&text=x", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("<li>Ваше имя: обязательное поле</li>",
                "<li>Номер телефона: номер «12» не распознан (пишите так: +370 612 34567)</li>",
                "<html lang=\"ru\">");

        DeskClient.Reply done = http.postForm("/api/callback-requests",
                "lang=pl&name=Ola&phone=%2B48512345678&category=sales&text=Nowy+plan", null);
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.body()).contains("<html lang=\"pl\">", "Zgłoszenie przyjęte",
                "Oddzwonimy na numer +48512345678", "Numer Twojego zgłoszenia: <strong>");
        assertThat(f.acd.callbacks).singleElement().satisfies(cb -> assertThat(cb.language()).isEqualTo(Language.PL));
    }

    @Test
    void everyLanguageOfTheFormHasEveryText() throws Exception {
        java.util.Properties en = properties("callback_form.properties");
        for (Language l : Language.values()) {
            if (l != Language.EN) {
                assertThat(properties("callback_form_" + l.code() + ".properties").keySet())
                        .as("keys of %s", l).containsExactlyInAnyOrderElementsOf(en.keySet());
            }
        }
    }

    private static java.util.Properties properties(String file) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(CallbackFormPage.class.getResourceAsStream(file),
                java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
