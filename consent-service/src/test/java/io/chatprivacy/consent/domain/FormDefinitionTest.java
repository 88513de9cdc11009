package io.chatprivacy.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormDefinitionTest {

    private static final String TEXT =
            "I agree that Demo Shop processes my chat for support; see [privacy](https://shop.example/p).";

    @Test
    void hashesTheExactTextOfEachConsent() {
        FormDefinition form = form(TEXT, true);

        assertThat(form.consents().get(0).textSha256())
                .isEqualTo(Hashes.sha256(TEXT))
                .hasSize(64)
                .isNotEqualTo(Hashes.sha256(TEXT + " "));
    }

    @Test
    void equalContentHasEqualHashAndAnyVisibleChangeChangesIt() {
        String base = form(TEXT, true).contentSha256();

        assertThat(form(TEXT, true).contentSha256()).isEqualTo(base);
        assertThat(form(TEXT + "!", true).contentSha256()).isNotEqualTo(base);
        assertThat(form(TEXT, false).contentSha256()).isNotEqualTo(base);
        FormDefinition relabelled = FormDefinition.of(
                List.of(new FormDefinition.Field("name", FieldKind.NAME, "Your full name", false)),
                List.of(new FormDefinition.ConsentText("chat", TEXT, true)));
        assertThat(relabelled.contentSha256()).isNotEqualTo(base);
    }

    @Test
    void lengthPrefixesKeepAdjacentValuesApart() {
        FormDefinition a = FormDefinition.of(List.of(), List.of(new FormDefinition.ConsentText("ab", "c", true)));
        FormDefinition b = FormDefinition.of(List.of(), List.of(new FormDefinition.ConsentText("a", "bc", true)));
        assertThat(a.contentSha256()).isNotEqualTo(b.contentSha256());
    }

    @Test
    void findsRequiredConsents() {
        FormDefinition form = FormDefinition.of(
                List.of(),
                List.of(
                        new FormDefinition.ConsentText("chat", "Chat", true),
                        new FormDefinition.ConsentText("news", "Newsletter", false)));
        assertThat(form.requiredConsents())
                .extracting(FormDefinition.Consent::id)
                .containsExactly("chat");
        assertThat(form.consent("news")).isPresent();
        assertThat(form.consent("other")).isEmpty();
    }

    private static FormDefinition form(String text, boolean required) {
        return FormDefinition.of(
                List.of(new FormDefinition.Field("name", FieldKind.NAME, "Your name", false)),
                List.of(new FormDefinition.ConsentText("chat", text, required)));
    }
}
