package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.console.view.WordDiff.Change;
import io.chatprivacy.console.view.WordDiff.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordDiffTest {

    @Test
    void aChangedWordIsRemovedThenAdded() {
        List<Run> runs = WordDiff.between(
                "I agree that my chat is stored for 30 days.", "I agree that my chat is stored for 90 days.");

        assertThat(runs)
                .containsExactly(
                        new Run(Change.SAME, "I agree that my chat is stored for "),
                        new Run(Change.REMOVED, "30 "),
                        new Run(Change.ADDED, "90 "),
                        new Run(Change.SAME, "days."));
        assertThat(WordDiff.changed(runs)).isTrue();
    }

    @Test
    void theRunsRebuildBothTexts() {
        String before = "Read our [privacy policy](https://shop.example/privacy) before you chat.";
        String after = "Please read our [privacy policy](https://shop.example/privacy-2026) first.";
        List<Run> runs = WordDiff.between(before, after);

        assertThat(text(runs, Change.ADDED)).isEqualTo(after);
        assertThat(text(runs, Change.REMOVED)).isEqualTo(before);
    }

    @Test
    void equalTextsAreOneUnchangedRun() {
        assertThat(WordDiff.between("same words", "same words")).containsExactly(new Run(Change.SAME, "same words"));
        assertThat(WordDiff.changed(WordDiff.between("same words", "same words")))
                .isFalse();
    }

    @Test
    void aNewOrRemovedTextIsAllAddedOrAllRemoved() {
        assertThat(WordDiff.between(null, "new consent")).containsExactly(new Run(Change.ADDED, "new consent"));
        assertThat(WordDiff.between("old consent", "")).containsExactly(new Run(Change.REMOVED, "old consent"));
    }

    @Test
    void veryLongTextsAreComparedAsAWhole() {
        String before = "word ".repeat(WordDiff.MAX_WORDS + 1);
        String after = "other ".repeat(WordDiff.MAX_WORDS + 1);

        assertThat(WordDiff.between(before, after))
                .containsExactly(new Run(Change.REMOVED, before), new Run(Change.ADDED, after));
    }

    /** The text a side reads: the kept runs and that side's own. */
    private static String text(List<Run> runs, Change side) {
        StringBuilder text = new StringBuilder();
        runs.stream()
                .filter(run -> run.change() == Change.SAME || run.change() == side)
                .forEach(run -> text.append(run.text()));
        return text.toString();
    }
}
