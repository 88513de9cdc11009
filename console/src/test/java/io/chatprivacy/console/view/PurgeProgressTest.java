package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.console.view.PurgeProgress.Step;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PurgeProgressTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aJobAwaitingItsCodeOffersTheCodeAndSaysHowLongItWorks() {
        PurgeProgress p = PurgeProgress.of("AWAITING_VERIFICATION", 3, 1, 0, 0, NOW.plusSeconds(23 * 60 + 30), NOW);

        assertThat(p.step()).isEqualTo(Step.AWAITING_CODE);
        assertThat(p.awaitingCode()).isTrue();
        assertThat(p.newCodeAllowed()).isTrue();
        assertThat(p.refresh()).isFalse();
        assertThat(p.label()).isEqualTo("3 chats and 1 ticket to delete");
        assertThat(p.codeWindow()).isEqualTo("the code expires in 23 minutes");
    }

    @Test
    void theCodeWindowNearAndPastItsEnd() {
        assertThat(PurgeProgress.of("AWAITING_VERIFICATION", 1, 0, 0, 0, NOW.plusSeconds(61), NOW)
                        .codeWindow())
                .isEqualTo("the code expires in 1 minute");
        assertThat(PurgeProgress.of("AWAITING_VERIFICATION", 1, 0, 0, 0, NOW.plusSeconds(59), NOW)
                        .codeWindow())
                .isEqualTo("the code expires in less than a minute");
        // the sweep marks it EXPIRED within 30 s; until then the page does not pretend it still works
        assertThat(PurgeProgress.of("AWAITING_VERIFICATION", 1, 0, 0, 0, NOW, NOW)
                        .codeWindow())
                .isEqualTo("the code has expired; ask for a new one");
        assertThat(PurgeProgress.of("AWAITING_VERIFICATION", 1, 0, 0, 0, null, NOW)
                        .codeWindow())
                .isEmpty();
    }

    @Test
    void aRunningPurgeShowsHowFarItGotAndReloads() {
        PurgeProgress p = PurgeProgress.of("PURGING", 30, 10, 10, 2, NOW, NOW);

        assertThat(p.step()).isEqualTo(Step.PURGING);
        assertThat(p.purging()).isTrue();
        assertThat(p.refresh()).isTrue();
        assertThat(p.awaitingCode()).isFalse();
        assertThat(p.newCodeAllowed()).isFalse();
        assertThat(p.done()).isEqualTo(12);
        assertThat(p.total()).isEqualTo(40);
        assertThat(p.percent()).isEqualTo(30);
        assertThat(p.codeWindow()).isEmpty();
        assertThat(p.label())
                .isEqualTo("12 of 40 chats and tickets deleted so far (30 %): 10 of 30 chats, 2 of 10 tickets");
    }

    @Test
    void itemsTaggedAfterTheCodeWasIssuedNeverMakeItMoreThanAllOfIt() {
        PurgeProgress p = PurgeProgress.of("PURGING", 2, 0, 5, 0, null, NOW);

        assertThat(p.percent()).isEqualTo(100);
        assertThat(PurgeProgress.of("PURGING", 0, 0, 0, 0, null, NOW).percent()).isEqualTo(100);
        assertThat(PurgeProgress.of("PURGING", 0, 0, 0, 0, null, NOW).label())
                .isEqualTo("finishing: nothing was counted to delete");
    }

    @Test
    void aCompletedJobSaysWhatWasDeletedAndNeedsNothingMore() {
        PurgeProgress p = PurgeProgress.of("COMPLETED", 3, 2, 3, 1, NOW.minusSeconds(60), NOW);

        assertThat(p.completed()).isTrue();
        assertThat(p.refresh()).isFalse();
        assertThat(p.newCodeAllowed()).isFalse();
        assertThat(p.label()).isEqualTo("4 chats and tickets deleted: 3 chats, 1 ticket");
        assertThat(PurgeProgress.of("COMPLETED", 1, 0, 1, 0, null, NOW).label())
                .isEqualTo("1 chat or ticket deleted: 1 chat, 0 tickets");
    }

    @Test
    void aLockedOrExpiredJobAllowsOnlyANewCode() {
        for (String status : new String[] {"LOCKED", "EXPIRED", "SUPERSEDED"}) {
            PurgeProgress p = PurgeProgress.of(status, 1, 1, 0, 0, NOW.plusSeconds(600), NOW);
            assertThat(p.step()).as(status).isEqualTo(Step.STOPPED);
            assertThat(p.stopped()).as(status).isTrue();
            assertThat(p.awaitingCode()).as(status).isFalse();
            assertThat(p.newCodeAllowed()).as(status).isTrue();
            assertThat(p.codeWindow()).as(status).isEmpty();
        }
    }

    @Test
    void aDeclinedRequestOffersNothing() {
        PurgeProgress p = PurgeProgress.of("CANCELLED", 1, 0, 0, 0, null, NOW);

        assertThat(p.declined()).isTrue();
        assertThat(p.newCodeAllowed()).isFalse();
        assertThat(p.awaitingCode()).isFalse();
        assertThat(p.refresh()).isFalse();
    }

    @Test
    void anUnknownStatusOffersNothing() {
        PurgeProgress p = PurgeProgress.of("SOMETHING_NEW", 1, 0, 0, 0, null, NOW);

        assertThat(p.step()).isEqualTo(Step.OTHER);
        assertThat(p.newCodeAllowed()).isFalse();
        assertThat(p.awaitingCode()).isFalse();
        assertThat(PurgeProgress.of(null, 0, 0, 0, 0, null, NOW).step()).isEqualTo(Step.OTHER);
    }
}
