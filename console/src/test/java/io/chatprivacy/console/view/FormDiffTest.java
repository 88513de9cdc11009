package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.console.clients.ConsentService.Consent;
import io.chatprivacy.console.clients.ConsentService.Field;
import io.chatprivacy.console.clients.ConsentService.FormVersion;
import io.chatprivacy.console.view.FormDiff.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormDiffTest {

    private static final Field NAME = new Field("name", "NAME", "Your name", false);
    private static final Field EMAIL = new Field("email", "EMAIL", "Your email", false);

    @Test
    void eachConsentIsComparedByItsId() {
        FormVersion v1 = version(
                1,
                List.of(NAME),
                List.of(
                        consent("storage", "We keep this chat for 30 days.", true),
                        consent("marketing", "Send me offers.", false)));
        FormVersion v2 = version(
                2,
                List.of(NAME, EMAIL),
                List.of(
                        consent("storage", "We keep this chat for 90 days.", true),
                        consent("recording", "Record the chat.", true)));

        FormDiff diff = FormDiff.between(v1, v2);

        assertThat(diff.consents())
                .extracting(FormDiff.ConsentChange::id, FormDiff.ConsentChange::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("storage", Status.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("recording", Status.ADDED),
                        org.assertj.core.groups.Tuple.tuple("marketing", Status.REMOVED));
        assertThat(diff.consents().get(0).wording())
                .contains(
                        new WordDiff.Run(WordDiff.Change.REMOVED, "30 "),
                        new WordDiff.Run(WordDiff.Change.ADDED, "90 "));
        assertThat(diff.fields())
                .extracting(FormDiff.FieldChange::id, FormDiff.FieldChange::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("name", Status.SAME),
                        org.assertj.core.groups.Tuple.tuple("email", Status.ADDED));
        assertThat(diff.changed()).isTrue();
        assertThat(diff.from()).isEqualTo(1);
        assertThat(diff.to()).isEqualTo(2);
    }

    @Test
    void aConsentMadeOptionalIsAChangeWithTheSameWords() {
        FormVersion v1 = version(1, List.of(), List.of(consent("storage", "Keep my chat.", true)));
        FormVersion v2 = version(2, List.of(), List.of(consent("storage", "Keep my chat.", false)));

        FormDiff.ConsentChange change = FormDiff.between(v1, v2).consents().get(0);

        assertThat(change.status()).isEqualTo(Status.CHANGED);
        assertThat(change.requiredBefore()).isTrue();
        assertThat(change.requiredAfter()).isFalse();
        assertThat(WordDiff.changed(change.wording())).isFalse();
    }

    @Test
    void theSameFormTwiceHasNoChange() {
        FormVersion v1 = version(1, List.of(NAME), List.of(consent("storage", "Keep my chat.", true)));

        assertThat(FormDiff.between(v1, v1).changed()).isFalse();
    }

    private static Consent consent(String id, String label, boolean required) {
        return new Consent(id, label, required, "sha-" + label.hashCode());
    }

    private static FormVersion version(int version, List<Field> fields, List<Consent> consents) {
        return new FormVersion(version, fields, consents, "sha", Instant.parse("2026-12-01T00:00:00Z"));
    }
}
