package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.console.view.DeletedIds.Line;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeletedIdsTest {

    private static List<String> hashes(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void aShortReceiptIsShownWholeChatsBeforeTickets() {
        DeletedIds ids = DeletedIds.of(List.of("c1", "c2"), List.of("t1"));

        assertThat(ids.total()).isEqualTo(3);
        assertThat(ids.notShown()).isZero();
        assertThat(ids.first())
                .containsExactly(new Line("CHAT", "c1"), new Line("CHAT", "c2"), new Line("TICKET", "t1"));
    }

    @Test
    void aLongReceiptShowsTheFirstTwentyAndCountsTheRest() {
        DeletedIds ids = DeletedIds.of(hashes("c", 100_000), hashes("t", 5));

        assertThat(ids.total()).isEqualTo(100_005);
        assertThat(ids.first())
                .hasSize(DeletedIds.SHOWN)
                .allMatch(line -> line.kind().equals("CHAT"));
        assertThat(ids.first().get(0)).isEqualTo(new Line("CHAT", "c0"));
        assertThat(ids.first().get(19)).isEqualTo(new Line("CHAT", "c19"));
        assertThat(ids.notShown()).isEqualTo(100_005 - 20);
    }

    @Test
    void ticketsFillWhatTheChatsLeave() {
        DeletedIds ids = DeletedIds.of(hashes("c", 15), hashes("t", 15));

        assertThat(ids.first()).hasSize(20);
        assertThat(ids.first().get(14)).isEqualTo(new Line("CHAT", "c14"));
        assertThat(ids.first().get(15)).isEqualTo(new Line("TICKET", "t0"));
        assertThat(ids.first().get(19)).isEqualTo(new Line("TICKET", "t4"));
        assertThat(ids.notShown()).isEqualTo(10);
    }

    @Test
    void exactlyTwentyLeavesNoneOut() {
        DeletedIds ids = DeletedIds.of(hashes("c", 20), List.of());

        assertThat(ids.first()).hasSize(20);
        assertThat(ids.notShown()).isZero();
    }

    @Test
    void aReceiptWithoutHashesIsEmpty() {
        // the receipt's hash lists are left out of a summary answer
        DeletedIds ids = DeletedIds.of(null, null);

        assertThat(ids.total()).isZero();
        assertThat(ids.first()).isEmpty();
        assertThat(ids.notShown()).isZero();
    }
}
