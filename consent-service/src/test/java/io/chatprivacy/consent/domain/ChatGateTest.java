package io.chatprivacy.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatGateTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final PublishedForm V1 = form(1, "Chat text v1", "News v1");
    private static final PublishedForm V2_NEW_CHAT_TEXT = form(2, "Chat text v2", "News v1");
    private static final PublishedForm V2_NEW_NEWS_TEXT = form(2, "Chat text v1", "News v2");

    @Test
    void noFormMeansNo() {
        ChatGate.Decision decision = ChatGate.decide(null, List.of());
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(ChatGate.Reason.NO_FORM);
    }

    @Test
    void noGrantMeansNo() {
        ChatGate.Decision decision = ChatGate.decide(V1, List.of());
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(ChatGate.Reason.CONSENT_MISSING);
        assertThat(decision.missing()).containsExactly("chat");
        assertThat(decision.formVersion()).isEqualTo(1);
    }

    @Test
    void aGrantOfTheRequiredTextMeansYes() {
        ChatGate.Decision decision = ChatGate.decide(V1, List.of(grant(V1, false, "chat")));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isNull();
        assertThat(decision.missing()).isEmpty();
    }

    @Test
    void optionalConsentsDoNotMatter() {
        assertThat(ChatGate.decide(V1, List.of(grant(V1, false, "chat", "news")))
                        .allowed())
                .isTrue();
        assertThat(ChatGate.decide(V1, List.of(grant(V1, false, "news"))).allowed())
                .isFalse();
    }

    @Test
    void aRevokedGrantMeansNoUntilGrantedAgain() {
        ChatGate.Grant revoked = grant(V1, true, "chat");
        ChatGate.Decision decision = ChatGate.decide(V1, List.of(revoked));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(ChatGate.Reason.CONSENT_REVOKED);

        assertThat(ChatGate.decide(V1, List.of(revoked, grant(V1, false, "chat")))
                        .allowed())
                .isTrue();
    }

    @Test
    void aChangedRequiredTextNeedsNewConsent() {
        ChatGate.Decision decision = ChatGate.decide(V2_NEW_CHAT_TEXT, List.of(grant(V1, false, "chat")));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(ChatGate.Reason.CONSENT_OUTDATED);
        assertThat(decision.formVersion()).isEqualTo(2);

        assertThat(ChatGate.decide(
                                V2_NEW_CHAT_TEXT,
                                List.of(grant(V1, false, "chat"), grant(V2_NEW_CHAT_TEXT, false, "chat")))
                        .allowed())
                .isTrue();
    }

    @Test
    void aNewVersionThatKeepsTheRequiredTextKeepsTheGrant() {
        assertThat(ChatGate.decide(V2_NEW_NEWS_TEXT, List.of(grant(V1, false, "chat")))
                        .allowed())
                .isTrue();
    }

    private static PublishedForm form(int version, String chatText, String newsText) {
        FormDefinition definition = FormDefinition.of(
                List.of(),
                List.of(
                        new FormDefinition.ConsentText("chat", chatText, true),
                        new FormDefinition.ConsentText("news", newsText, false)));
        return new PublishedForm(ACCOUNT, version, definition, definition.contentSha256(), Instant.now());
    }

    private static ChatGate.Grant grant(PublishedForm form, boolean revoked, String... ids) {
        List<String> consentIds = List.of(ids);
        List<String> hashes = consentIds.stream()
                .map(id -> form.definition().consent(id).orElseThrow().textSha256())
                .toList();
        return new ChatGate.Grant(UUID.randomUUID(), consentIds, hashes, revoked);
    }
}
