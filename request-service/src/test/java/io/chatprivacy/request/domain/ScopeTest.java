package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a request may cover, by type, and what erasure leaves of it. */
class ScopeTest {

    @ParameterizedTest(name = "{0} tag={1} email={2} visitor={3} -> {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                // a deletion names exactly one of a tag or a consumer's address
                "DELETE, Delete, -, -, ok",
                "DELETE, -, ann@example.com, -, ok",
                "DELETE, -, ann@example.com, v-1, ok",
                "DELETE, Delete, ann@example.com, -, a deletion names exactly one of a tag or a subject's email",
                "DELETE, -, -, -, a deletion names exactly one of a tag or a subject's email",
                "DELETE, -, -, v-1, a deletion names exactly one of a tag or a subject's email",
                // a tag names no one
                "ACCESS, Delete, ann@example.com, v-1, a tag deletion has no data subject",
                // any other request names the consumer, by address or visitor id
                "ACCESS, -, ann@example.com, -, ok",
                "OPT_OUT, -, -, v-1, ok",
                "LIMIT, -, -, v-1, ok",
                "CORRECT, -, -, -, a consumer's request names the consumer",
                "OPT_OUT, -, -, -, a consumer's request names the consumer",
            })
    void suitsTheRequestsType(RequestType type, String tag, String email, String visitorId, String outcome) {
        Scope scope = Scope.of(tag, email, visitorId);
        if (outcome.equals("ok")) {
            assertThatCode(() -> scope.checkFor(type)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> scope.checkFor(type))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(outcome);
        }
    }

    @Test
    void erasureDropsTheConsumerAndKeepsTheTag() {
        Instant now = Instant.parse("2028-12-01T00:00:00Z");
        assertThat(Scope.ofSubject("ann@example.com", "v-1").erased(now))
                .isEqualTo(new Scope(null, null, null, now))
                .satisfies(erased -> assertThat(erased.isErased()).isTrue())
                .satisfies(erased -> assertThat(erased.namesSubject()).isFalse());
        assertThat(Scope.ofTag("Delete").erased(now)).isEqualTo(new Scope("Delete", null, null, now));
    }

    @Test
    void anErasedScopeNamesNoOne() {
        Instant now = Instant.parse("2028-12-01T00:00:00Z");
        assertThatThrownBy(() -> new Scope(null, "ann@example.com", null, now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(null, null, "v-1", now)).isInstanceOf(IllegalArgumentException.class);
    }
}
