package io.chatprivacy.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.console.clients.PrivacyCenterService;
import io.chatprivacy.console.clients.PrivacyProblem;
import io.chatprivacy.console.view.Times;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The consumers' privacy-center pages rendered from their templates with a plain Qute engine (no running console):
 * the form with its five rights, the correction and request-service's field messages beside their fields; the code
 * page after a wrong, locked, expired or already used code; the status page. No signed-in navigation anywhere.
 */
public class PrivacyCenterTemplatesTest {

    private static final UUID ACCOUNT = UUID.fromString("0d6c3f4e-8a11-4b7e-9a57-3c1a2b4d5e6f");
    private static final UUID INTAKE = UUID.fromString("5a0e7c1d-2b3f-4c5d-8e9f-0a1b2c3d4e5f");
    private static final UUID REQUEST = UUID.fromString("7b1c6a52-2a0e-4a57-9a55-0d3a3f0c2f11");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Stands in for {@code inject:csrf}. */
    public record Csrf(String parameterName, String token) {}

    private static final PrivacyCenterService.Center CENTER = new PrivacyCenterService.Center(
            ACCOUNT,
            "Demo Shop",
            List.of(
                    new PrivacyCenterService.Right("ACCESS", true),
                    new PrivacyCenterService.Right("DELETE", true),
                    new PrivacyCenterService.Right("CORRECT", true),
                    new PrivacyCenterService.Right("OPT_OUT", false),
                    new PrivacyCenterService.Right("LIMIT", false)),
            "CA",
            List.of(
                    new PrivacyCenterService.Jurisdiction("CA", "California", "CCPA/CPRA"),
                    new PrivacyCenterService.Jurisdiction("VA", "Virginia", "VCDPA")));

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addNamespaceResolver(NamespaceResolver.builder("inject")
                    .resolve(ctx -> switch (ctx.getName()) {
                        case "csrf" -> new Csrf("csrf-token", "T0KEN");
                        case "when" -> Times.in("America/Los_Angeles");
                        default -> null;
                    })
                    .build())
            .addResultMapper(new HtmlEscaper(List.of("text/html")))
            .addLocator(PrivacyCenterTemplatesTest::locate)
            .build();

    private static Optional<TemplateLocation> locate(String id) {
        String path = "templates/" + (id.endsWith(".html") ? id : id + ".html");
        if (PrivacyCenterTemplatesTest.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in =
                        PrivacyCenterTemplatesTest.class.getClassLoader().getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType("text/html"));
            }
        });
    }

    private String render(String template, Map<String, Object> data) {
        var instance = engine.getTemplate("PrivacyCenterPage/" + template).instance();
        data.forEach(instance::data);
        return instance.render();
    }

    private String form(PrivacyCenterPage.Form form, PrivacyCenterPage.Errors errors) {
        return render(
                "form",
                Map.of(
                        "center",
                        CENTER,
                        "rights",
                        form.rights(CENTER),
                        "places",
                        form.places(CENTER),
                        "form",
                        form,
                        "errors",
                        errors));
    }

    private String code(PrivacyCenterPage.CodeView view) {
        return render("code", Map.of("center", CENTER, "view", view));
    }

    private static PrivacyProblem problem(int status, String json) throws Exception {
        return PrivacyProblem.of(status, JSON.readTree(json));
    }

    @Test
    void theFormOffersTheFiveRightsAsARadioGroupWithOneLineEach() {
        String html = form(PrivacyCenterPage.Form.empty(), PrivacyCenterPage.Errors.none());

        assertThat(html).contains("<h1>Your privacy rights with Demo Shop</h1>");
        assertThat(html).contains("<legend>What would you like us to do?</legend>");
        for (String type : List.of("ACCESS", "DELETE", "CORRECT", "OPT_OUT", "LIMIT")) {
            assertThat(html)
                    .contains("<input type=\"radio\" id=\"type-" + type + "\" name=\"type\" value=\"" + type
                            + "\" aria-describedby=\"type-" + type + "-line\">")
                    .contains("<label for=\"type-" + type + "\">")
                    .contains("<p id=\"type-" + type + "-line\" class=\"hint\">");
        }
        assertThat(html.split("First we email you a code to confirm", -1)).hasSize(4);
        assertThat(html).contains("action=\"/privacy/" + ACCOUNT + "\"");
        assertThat(html).contains("name=\"csrf-token\" value=\"T0KEN\"");
        assertThat(html).contains("<label for=\"correctionField\">").contains("<label for=\"correctionValue\">");
        // public: none of the signed-in console's navigation
        assertThat(html).doesNotContain("/requests\"").doesNotContain("/logout").doesNotContain("role=\"alert\"");
        assertThat(html).contains("<meta name=\"referrer\" content=\"no-referrer\">");
    }

    @Test
    void aCorrectionWithoutItsFieldsIsRefusedBeforeRequestServiceIsAsked() {
        var form = new PrivacyCenterPage.Form("CORRECT", "visitor@example.com", "", "", " ");

        PrivacyCenterPage.Errors errors = form.check();
        assertThat(errors).isNotNull();
        String html = form(form, errors);

        assertThat(html)
                .contains(
                        "id=\"type-CORRECT\" name=\"type\" value=\"CORRECT\" aria-describedby=\"type-CORRECT-line\" checked");
        assertThat(html)
                .contains("<p id=\"correctionField-error\" class=\"field-error\">Choose what to correct")
                .contains("id=\"correctionField\" name=\"correctionField\" aria-describedby=\"correctionField-error\""
                        + " aria-invalid=\"true\"")
                .contains("<p id=\"correctionValue-error\" class=\"field-error\">Enter the correct value.</p>")
                .contains("value=\"visitor@example.com\"");
        assertThat(html).doesNotContain("email-error");
    }

    @Test
    void theConsoleAsksForWhatOnlyOneRightRequires() {
        assertThat(new PrivacyCenterPage.Form("", "a@example.com", "", "", "")
                        .check()
                        .type())
                .isEqualTo("Choose the request you want to make.");
        assertThat(new PrivacyCenterPage.Form("ACCESS", "", "v-1", "", "")
                        .check()
                        .email())
                .startsWith("Enter your email address");
        assertThat(new PrivacyCenterPage.Form("OPT_OUT", "", "", "", "").check().email())
                .isEqualTo("Enter your email address or your visitor id.");
        assertThat(new PrivacyCenterPage.Form("OPT_OUT", "", "v-1", "", "").check())
                .isNull();
        assertThat(new PrivacyCenterPage.Form("CORRECT", "a@example.com", "", "NAME", "Ann Lee").check())
                .isNull();
        // a correction goes only with CORRECT
        assertThat(new PrivacyCenterPage.Form("ACCESS", " a@example.com ", "", "NAME", "Ann").submission())
                .isEqualTo(new PrivacyCenterService.Submission("ACCESS", "a@example.com", null, null, null));
        assertThat(new PrivacyCenterPage.Form("CORRECT", "a@example.com", "", "EMAIL", " b@example.com ")
                        .submission()
                        .correction())
                .isEqualTo(new PrivacyCenterService.Correction("EMAIL", "b@example.com"));
    }

    @Test
    void requestServicesFieldMessagesStandBesideTheirFieldsInItsWords() throws Exception {
        PrivacyProblem refused = problem(400, """
                {"type":"urn:chat-privacy:problem:validation","title":"Invalid request","status":400,
                 "detail":"Some fields are not valid.",
                 "violations":[{"field":"email","message":"must be a well-formed email address"},
                               {"field":"correction.value","message":"must be an email address"},
                               {"field":"locale","message":"not supported"}]}
                """);
        var form = new PrivacyCenterPage.Form("CORRECT", "not-an-address", "", "EMAIL", "nope");

        String html = form(form, PrivacyCenterPage.Errors.of(refused));

        assertThat(html).contains("<strong id=\"problem-title\">Invalid request</strong>");
        assertThat(html).contains("<p>Some fields are not valid.</p>");
        assertThat(html)
                .contains("<p id=\"email-error\" class=\"field-error\">must be a well-formed email address</p>")
                .contains("aria-describedby=\"email-hint email-error\" aria-invalid=\"true\"");
        assertThat(html)
                .contains("<p id=\"correctionValue-error\" class=\"field-error\">must be an email address</p>")
                .contains("aria-describedby=\"correctionValue-error\" aria-invalid=\"true\"");
        assertThat(html).contains("<li>locale: not supported</li>");
    }

    @Test
    void theConsumerChoosesWhereTheyLiveTheDefaultSelectedAndTheChoiceKept() {
        String fresh = form(PrivacyCenterPage.Form.empty(), PrivacyCenterPage.Errors.none());
        assertThat(fresh)
                .contains("<label for=\"jurisdiction\">Where you live</label>")
                .contains("<option value=\"CA\" selected>California (CCPA/CPRA)</option>")
                .contains("<option value=\"VA\">Virginia (VCDPA)</option>");

        var virginian = new PrivacyCenterPage.Form("LIMIT", "a@example.com", "", "", "", "VA");
        assertThat(virginian.submission().jurisdiction()).isEqualTo("VA");
        assertThat(new PrivacyCenterPage.Form("OPT_OUT", "a@example.com", "", "", "")
                        .submission()
                        .jurisdiction())
                .isNull();
        String again = form(virginian, PrivacyCenterPage.Errors.none());
        assertThat(again)
                .contains("<option value=\"VA\" selected>Virginia (VCDPA)</option>")
                .contains("<option value=\"CA\">California (CCPA/CPRA)</option>");
    }

    @Test
    void theCodePageAsksForTheCodeAndOffersANewOne() {
        String html = code(PrivacyCenterPage.CodeView.fresh(INTAKE, null));

        assertThat(html).contains("We emailed an 8-digit code");
        assertThat(html).contains("action=\"/privacy/" + ACCOUNT + "/intakes/" + INTAKE + "\"");
        assertThat(html).contains("<label for=\"code\">").contains("autocomplete=\"one-time-code\"");
        assertThat(html).contains("action=\"/privacy/" + ACCOUNT + "/intakes/" + INTAKE + "/code\"");
        assertThat(html).contains("Send me a new code");
        assertThat(html.split("name=\"csrf-token\" value=\"T0KEN\"", -1)).hasSize(3);

        assertThat(code(PrivacyCenterPage.CodeView.fresh(INTAKE, "new"))).contains("We emailed you a new code");
    }

    @Test
    void aWrongCodeSaysHowManyAttemptsAreLeftBesideTheField() throws Exception {
        PrivacyProblem wrong = problem(422, """
                {"type":"urn:chat-privacy:problem:wrong-code","title":"Wrong code","status":422,
                 "detail":"The code is not the one we sent.","attemptsLeft":3}
                """);

        String html = code(PrivacyCenterPage.CodeView.refused(INTAKE, wrong));

        assertThat(html)
                .contains("<p id=\"code-error\" class=\"field-error\">The code is not the one we sent."
                        + " <span class=\"attempts\">You have 3 attempts left.</span></p>")
                .contains("aria-describedby=\"code-error\" aria-invalid=\"true\"");
        assertThat(html).contains("Send me a new code");
        assertThat(PrivacyCenterPage.CodeView.refused(
                                INTAKE, problem(422, "{\"type\":\"x/wrong-code\",\"attemptsLeft\":1}"))
                        .attemptsText())
                .isEqualTo("You have 1 attempt left.");
    }

    @Test
    void aLockedOrExpiredCodeOffersOnlyANewCodeAndAVerifiedOneNothing() throws Exception {
        String locked = code(PrivacyCenterPage.CodeView.refused(
                INTAKE,
                problem(409, "{\"type\":\"urn:chat-privacy:problem:verification-locked\",\"detail\":\"Locked.\"}")));
        assertThat(locked).contains("Too many wrong codes").contains("Send me a new code");
        assertThat(locked).doesNotContain("id=\"code\"");

        String expired = code(PrivacyCenterPage.CodeView.refused(
                INTAKE, problem(410, "{\"type\":\"urn:chat-privacy:problem:code-expired\"}")));
        assertThat(expired).contains("This code has expired").contains("Send me a new code");
        assertThat(expired).doesNotContain("id=\"code\"");

        String verified = code(PrivacyCenterPage.CodeView.refused(
                INTAKE, problem(409, "{\"type\":\"urn:chat-privacy:problem:already-verified\"}")));
        assertThat(verified).contains("This request is already confirmed.");
        assertThat(verified).doesNotContain("id=\"code\"").doesNotContain("Send me a new code");

        String tooMany = code(PrivacyCenterPage.CodeView.refused(
                INTAKE, problem(429, "{\"title\":\"Too many codes\",\"detail\":\"At most 3 new codes.\"}")));
        assertThat(tooMany).contains("You cannot ask for another new code.").contains("At most 3 new codes.");
        assertThat(tooMany).contains("id=\"code\"").doesNotContain("Send me a new code");
    }

    @Test
    void theStatusPageShowsTheRequestInPlainWords() {
        var status = new PrivacyCenterService.Status(
                REQUEST,
                "DELETE",
                "DECLINED",
                NOW,
                NOW.plusSeconds(45L * 86_400),
                NOW.plusSeconds(90L * 86_400),
                NOW.plusSeconds(50L * 86_400),
                "LEGAL_HOLD",
                "A court asked us to keep the chats of March.",
                List.of(
                        new PrivacyCenterService.HistoryEntry(NOW, "We received your request."),
                        new PrivacyCenterService.HistoryEntry(
                                NOW.plusSeconds(60), "You confirmed the request with the code.")));

        String html = render("status", Map.of("center", CENTER, "view", new PrivacyCenterPage.StatusView(status)));

        assertThat(html).contains("<h1>Delete your personal information</h1>");
        assertThat(html).contains("<dd class=\"status\">Declined</dd>");
        assertThat(html).contains("<time datetime=\"2026-12-03T10:00:00Z\">3 Dec 2026, 02:00 PST</time>");
        assertThat(html)
                .contains("<dt>Answer due by</dt>")
                .contains("<dt>Extended to</dt>")
                .contains("<dt>Closed</dt>");
        assertThat(html).contains("The law or a court case requires us to keep this information.");
        assertThat(html).contains("A court asked us to keep the chats of March.");
        assertThat(html).contains("You confirmed the request with the code.");
        assertThat(html).doesNotContain("/logout");
    }

    @Test
    void anOpenRequestHasNoClosedOrDeclineLines() {
        var status = new PrivacyCenterService.Status(
                REQUEST, "OPT_OUT", "OPEN", NOW, NOW.plusSeconds(15L * 86_400), null, null, null, null, null);

        var view = new PrivacyCenterPage.StatusView(status);
        String html = render("status", Map.of("center", CENTER, "view", view));

        assertThat(view.open()).isTrue();
        assertThat(html).contains("Do not sell or share your personal information");
        assertThat(html).contains("Received: we are working on it");
        assertThat(html)
                .doesNotContain("<dt>Closed</dt>")
                .doesNotContain("Why we declined")
                .doesNotContain("Extended to");
        assertThat(html).contains("<p>Nothing yet.</p>");
    }

    @Test
    void theNotFoundPageSaysSoPlainly() {
        String html = render("trouble", Map.of("heading", "Page not found", "text", "There is no privacy center."));

        assertThat(html).contains("<h1>Page not found</h1>").contains("<span class=\"brand\">Privacy center</span>");
    }

    private static final UUID EXPORT = UUID.fromString("6e7f8091-a2b3-4c4d-8e5f-60718293a4b5");
    private static final String TOKEN = "q3Jd0pVb8xY1cT2mN4kL7w9hZ5sA6eR0uI8oP3fG2jK";

    private String copy(CopyView view) {
        return render("copy", Map.of("center", CENTER, "view", view));
    }

    @Test
    void theCopyLinkExplainsAndOffersToEmailACodeTheTokenOnlyInItsForms() {
        String html = copy(CopyView.fresh(EXPORT, TOKEN, null));

        assertThat(html).contains("<h1>Open your copy</h1>").contains("we first email a one-time code");
        assertThat(html)
                .contains("action=\"/privacy/" + ACCOUNT + "/copies/" + EXPORT + "/code\"")
                .contains("<button type=\"submit\">Email me a code</button>")
                .contains("<input type=\"hidden\" name=\"token\" value=\"" + TOKEN + "\">");
        // no code field before a code was sent
        assertThat(html).doesNotContain("id=\"code\"");

        String sent = copy(CopyView.fresh(EXPORT, TOKEN, 1));
        assertThat(sent).contains("We emailed an 8-digit code").contains("<label for=\"code\">");
        assertThat(sent).contains("action=\"/privacy/" + ACCOUNT + "/copies/" + EXPORT + "\"");
        assertThat(sent).contains("Open my copy").contains("Email me a new code");
        assertThat(sent.split("name=\"csrf-token\" value=\"T0KEN\"", -1)).hasSize(3);
        assertThat(copy(CopyView.fresh(EXPORT, TOKEN, 2))).contains("We emailed you a new code");
    }

    @Test
    void aWrongCodeSaysHowManyAttemptsAreLeftAndAnExpiredLinkOrALockSayWhatToDo() throws Exception {
        String wrong = copy(CopyView.refused(EXPORT, TOKEN, problem(422, """
                        {"type":"urn:chat-privacy:problem:wrong-code","status":422,
                         "detail":"The code is wrong; 3 more attempt(s) before this copy locks for good.",
                         "attemptsLeft":3}
                        """)));
        assertThat(wrong)
                .contains("<p id=\"code-error\" class=\"field-error\">The code is wrong; 3 more attempt(s) before"
                        + " this copy locks for good.</p>")
                .contains("aria-invalid=\"true\"")
                .contains("Email me a new code");

        for (String locked : List.of(
                "{\"type\":\"urn:chat-privacy:problem:export-locked\"}",
                "{\"type\":\"urn:chat-privacy:problem:wrong-code\",\"detail\":\"The code is wrong and this copy is"
                        + " now locked for good; ask for a fresh copy.\"}",
                // the member decides, whatever the detail says
                "{\"type\":\"urn:chat-privacy:problem:wrong-code\",\"detail\":\"Wrong.\",\"attemptsLeft\":0}")) {
            String html = copy(CopyView.refused(EXPORT, TOKEN, problem(409, locked)));
            assertThat(html).contains("this copy is locked for good").contains("Ask the business for a fresh copy");
            assertThat(html).doesNotContain("id=\"code\"").doesNotContain("Email me a");
        }

        String expired = copy(CopyView.refused(
                EXPORT, TOKEN, problem(410, "{\"type\":\"urn:chat-privacy:problem:export-expired\"}")));
        assertThat(expired).contains("This link has expired.").doesNotContain("id=\"code\"");
        assertThat(expired).doesNotContain("Email me a");

        String codeExpired = copy(
                CopyView.refused(EXPORT, TOKEN, problem(410, "{\"type\":\"urn:chat-privacy:problem:code-expired\"}")));
        assertThat(codeExpired).contains("This code has expired").contains("Email me a code");

        String noMore = copy(CopyView.refused(
                EXPORT,
                TOKEN,
                problem(
                        409,
                        "{\"type\":\"urn:chat-privacy:problem:no-codes-left\",\"detail\":\"3 codes were sent.\"}")));
        assertThat(noMore).contains("You cannot ask for another code").contains("id=\"code\"");
        assertThat(noMore).doesNotContain("Email me a");
    }

    @Test
    void theOpenedCopyShowsEveryChatAndTicketReadableTheRangeAndItsJsonToDownload() throws Exception {
        String json = """
                {"exportId":"%s","requestId":"%s","accountId":"%s","preparedAt":"2026-12-03T10:00:00Z",
                 "expiresAt":"2026-12-10T10:00:00Z","coversFrom":"2022-01-01T00:00:00Z",
                 "chats":[{"chatId":"chat-1001","startedAt":"2026-10-02T14:00:00Z","endedAt":"2026-10-02T14:12:00Z",
                   "visitorId":"v-1","visitorName":"Dana Visitor","visitorEmail":"dana@example.com",
                   "messages":[{"authorType":"VISITOR","text":"Where is <b>my</b> order?","sentAt":"2026-10-02T14:00:00Z"},
                               {"authorType":"AGENT","text":"Let me check.","sentAt":"2026-10-02T14:01:00Z"}]}],
                 "tickets":[{"ticketId":"ticket-77","subject":"Order missing","status":"solved",
                   "createdAt":"2026-10-03T09:00:00Z","visitorId":"v-1","requesterName":"Dana Visitor",
                   "requesterEmail":"dana@example.com",
                   "messages":[{"authorType":"AGENT","text":"Re-sent.","sentAt":"2026-10-03T09:00:00Z"}]}],
                 "somethingNew":true}
                """.formatted(EXPORT, REQUEST, ACCOUNT);
        io.chatprivacy.console.clients.CopyService.Copy parsed = JSON.copy()
                .findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(json, io.chatprivacy.console.clients.CopyService.Copy.class);

        String html = copy(CopyView.opened(EXPORT, parsed, json));

        assertThat(html).contains("<h1>Your copy of your personal information</h1>");
        assertThat(html).contains("collected from January 1, 2022 on").contains("January 1, 2022 to ");
        assertThat(html).contains("Chat <code>chat-1001</code>").contains("Dana Visitor &lt;dana@example.com&gt;");
        assertThat(html).contains("Where is &lt;b&gt;my&lt;/b&gt; order?").doesNotContain("<b>my</b>");
        assertThat(html).contains("You</span>").contains("Agent</span>").contains("Let me check.");
        assertThat(html)
                .contains("Ticket <code>ticket-77</code>: Order missing")
                .contains("Re-sent.");
        // the JSON exactly as deletion-service answered, downloadable without asking again
        String prefix = "href=\"data:application/json;base64,";
        int at = html.indexOf(prefix);
        assertThat(at).isPositive();
        String encoded = html.substring(at + prefix.length(), html.indexOf('"', at + prefix.length()));
        assertThat(new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                .isEqualTo(json);
        assertThat(html).contains("download=\"chat-data-" + REQUEST + ".json\"");
        // no form, no token once the copy is shown
        assertThat(html).doesNotContain("<form").doesNotContain("name=\"token\"");
    }
}
