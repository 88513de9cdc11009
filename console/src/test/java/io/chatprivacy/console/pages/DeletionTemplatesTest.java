package io.chatprivacy.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.console.clients.DeletionService;
import io.chatprivacy.console.clients.RightsRequest;
import io.chatprivacy.console.view.DeletedIds;
import io.chatprivacy.console.view.PurgeProgress;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The deletion pages rendered from their templates with a plain Qute engine (no running console): what an
 * owner and an agent are offered at each step. The build checks the templates' expressions; this checks what
 * they show.
 */
public class DeletionTemplatesTest {

    private static final UUID REQUEST = UUID.fromString("7b1c6a52-2a0e-4a57-9a55-0d3a3f0c2f11");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /** Stands in for the signed-in person. */
    public record Person(String name, boolean owner) {}

    /** Stands in for {@code inject:csrf}. */
    public record Csrf(String parameterName, String token) {}

    private static final Person OWNER = new Person("Olivia", true);
    private static final Person AGENT = new Person("Arthur", false);

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
            .addLocator(DeletionTemplatesTest::locate)
            .build();

    private static Optional<TemplateLocation> locate(String id) {
        String path = "templates/" + (id.endsWith(".html") ? id : id + ".html");
        if (DeletionTemplatesTest.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = DeletionTemplatesTest.class.getClassLoader().getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType("text/html"));
            }
        });
    }

    private String render(String template, Map<String, Object> data) {
        var instance = engine.getTemplate("DeletionPage/" + template).instance();
        data.forEach(instance::data);
        instance.data("problem", null);
        return instance.render();
    }

    private static DeletionPage.Preview preview() {
        var counts = new DeletionService.TagPreview("Delete", 1, 0, 0, 1);
        var chat = new DeletionService.ChatSummary("chat-1", NOW, NOW, 4, false, List.of("Delete"));
        var ticket = new DeletionService.TicketSummary("ticket-9", NOW, NOW, "open", 2, true, List.of("Delete"));
        return new DeletionPage.Preview("Delete", counts, List.of(chat), false, List.of(ticket), true);
    }

    private static DeletionService.Job job(String status, int chatsDeleted) {
        return new DeletionService.Job(
                REQUEST,
                UUID.randomUUID(),
                status,
                "Delete",
                30,
                10,
                NOW.minusSeconds(60),
                NOW.plusSeconds(29 * 60),
                1,
                4,
                chatsDeleted,
                0,
                null);
    }

    private static DeletionPage.JobView view(DeletionService.Job job, DeletionService.Receipt receipt) {
        PurgeProgress progress = DeletionPage.progress(job, NOW);
        DeletedIds ids =
                receipt == null ? null : DeletedIds.of(receipt.deletedChatIdHashes(), receipt.deletedTicketIdHashes());
        return new DeletionPage.JobView(REQUEST, request(), job, progress, receipt, ids);
    }

    private static RightsRequest request() {
        return request("DELETE");
    }

    private static RightsRequest request(String type) {
        return new RightsRequest(
                REQUEST,
                type,
                "RECEIVED",
                "CHAT",
                "Delete",
                null,
                null,
                null,
                null,
                null,
                "agent",
                NOW,
                null,
                NOW.plusSeconds(86_400 * 45),
                null,
                NOW.plusSeconds(86_400 * 45),
                45L,
                null,
                false,
                null,
                null,
                null,
                List.of());
    }

    @Test
    void theOwnerMayHoldOrReleaseEachTaggedItemAndOpenTheRequest() {
        String html = render("preview", Map.of("viewer", OWNER, "preview", preview()));

        assertThat(html).contains("action=\"/deletion/requests\"");
        assertThat(html).contains("name=\"csrf-token\" value=\"T0KEN\"");
        assertThat(html).contains("name=\"id\" value=\"chat-1\"");
        assertThat(html).contains("Put on hold");
        assertThat(html).contains("name=\"id\" value=\"ticket-9\"");
        assertThat(html).contains("Lift the hold");
        assertThat(html).contains("there are more");
        assertThat(html).contains("<a href=\"/deletion\">Deletion</a>");
        assertThat(html).doesNotContain("<meta http-equiv=\"refresh\"");
    }

    @Test
    void anAgentSeesTheHoldsButNoHoldForm() {
        String html = render("preview", Map.of("viewer", AGENT, "preview", preview()));

        assertThat(html).contains("on hold: kept");
        assertThat(html).contains("action=\"/deletion/requests\"");
        assertThat(html).doesNotContain("/deletion/holds");
    }

    @Test
    void whileTheCodeIsAwaitedOnlyTheOwnerIsOfferedTheCodeForm() {
        DeletionPage.JobView awaiting = view(job("AWAITING_VERIFICATION", 0), null);

        String owner = render("job", Map.of("viewer", OWNER, "view", awaiting));
        assertThat(owner).contains("Enter the code mailed to the account's address");
        assertThat(owner).contains("action=\"/deletion/" + REQUEST + "/verification\"");
        assertThat(owner).contains("action=\"/deletion/" + REQUEST + "/verification-code\"");
        assertThat(owner).contains("the code expires in 29 minutes; 4 attempt(s) left");
        assertThat(owner).doesNotContain("<meta http-equiv=\"refresh\"");

        String agent = render("job", Map.of("viewer", AGENT, "view", awaiting));
        assertThat(agent).doesNotContain("/verification");
        assertThat(agent).contains("The account's owner authorises this deletion");
    }

    @Test
    void aRunningPurgeReloadsItselfAndHasARefreshLink() {
        String html = render("job", Map.of("viewer", OWNER, "view", view(job("PURGING", 12), null)));

        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"3\">");
        assertThat(html).contains("<progress max=\"100\" value=\"30\">");
        assertThat(html).contains("<a href=\"/deletion/" + REQUEST + "\">Refresh</a>");
        assertThat(html).doesNotContain("/verification");
    }

    @Test
    void aLockedJobOffersTheOwnerOnlyANewCode() {
        String html = render("job", Map.of("viewer", OWNER, "view", view(job("LOCKED", 0), null)));

        assertThat(html).contains("/verification-code");
        assertThat(html).doesNotContain("/verification\"");
        assertThat(html).contains("Ask for a new code");
    }

    @Test
    void aCompletedPurgeShowsItsReceiptWithTheFirstTwentyHashes() {
        List<String> hashes =
                IntStream.range(0, 25).mapToObj(i -> "%064x".formatted(i)).toList();
        var receipt = new DeletionService.Receipt(
                UUID.randomUUID(),
                REQUEST,
                UUID.randomUUID(),
                "Delete",
                null,
                25,
                0,
                1,
                List.of("chat-held"),
                0,
                List.of(),
                "user:0123456789abcdef0123456789abcdef",
                NOW,
                NOW.plusSeconds(5),
                "ff".repeat(32),
                hashes,
                List.of());

        String html = render("job", Map.of("viewer", AGENT, "view", view(job("COMPLETED", 25), receipt)));

        assertThat(html).contains("Receipt");
        assertThat(html).contains("chat-held");
        // shown in the business's zone to the minute, the exact instant kept for machines
        assertThat(html).contains("<time datetime=\"2026-12-03T10:00:05Z\">3 Dec 2026, 02:00 PST</time>");
        assertThat(html).contains("user:0123456789abcdef0123456789abcdef");
        assertThat(html).contains("25 id hash(es); the first 20 are shown, 5 more are in the receipt");
        assertThat(html.split("<span class=\"kind\">CHAT</span>", -1)).hasSize(21);
        assertThat(html).contains("%064x".formatted(19)).doesNotContain("%064x".formatted(20));
        assertThat(html).doesNotContain("<meta http-equiv=\"refresh\"");
    }

    @Test
    void beforeDeletionServiceHasTheJobThePageSaysSoAndReloads() {
        String html = render("job", Map.of("viewer", OWNER, "view", view(null, null)));

        assertThat(html).contains("has not prepared this request");
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"3\">");
        assertThat(html).contains("DELETE request</a>, RECEIVED");
        assertThat(html).doesNotContain("/verification");
    }

    @Test
    void anotherTypeOfRequestHasNoJobAndDoesNotReload() {
        var access = new DeletionPage.JobView(REQUEST, request("ACCESS"), null, null, null, null);

        String html = render("job", Map.of("viewer", OWNER, "view", access));

        assertThat(html).contains("This is not a deletion request");
        assertThat(html).doesNotContain("<meta http-equiv=\"refresh\"");
    }
}
