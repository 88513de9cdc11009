package io.chatprivacy.console.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between two texts, word by word (a longest common subsequence of their words, spaces kept
 * with the word before them), as runs of kept, removed and added text: what an owner reads to see exactly how
 * a consent's wording changed between two form versions.
 */
public final class WordDiff {

    /** How a run of text changed. */
    public enum Change {
        SAME,
        REMOVED,
        ADDED;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A run of consecutive words with the same change. */
    public record Run(Change change, String text) {}

    /** Texts longer than this many words are compared as a whole (removed, then added). */
    static final int MAX_WORDS = 2_000;

    private WordDiff() {}

    public static List<Run> between(String before, String after) {
        List<String> a = words(before == null ? "" : before);
        List<String> b = words(after == null ? "" : after);
        if ((long) a.size() * b.size() > (long) MAX_WORDS * MAX_WORDS) {
            List<Run> whole = new ArrayList<>();
            append(whole, Change.REMOVED, String.join("", a));
            append(whole, Change.ADDED, String.join("", b));
            return whole;
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Run> runs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                append(runs, Change.SAME, a.get(i));
                i++;
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                append(runs, Change.REMOVED, a.get(i++));
            } else {
                append(runs, Change.ADDED, b.get(j++));
            }
        }
        while (i < a.size()) {
            append(runs, Change.REMOVED, a.get(i++));
        }
        while (j < b.size()) {
            append(runs, Change.ADDED, b.get(j++));
        }
        return runs;
    }

    /** Whether the two texts differ at all. */
    public static boolean changed(List<Run> runs) {
        return runs.stream().anyMatch(run -> run.change() != Change.SAME);
    }

    /** Words with the white space that follows each. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            words.add(text.substring(start, i));
            start = i;
        }
        return words;
    }

    private static void append(List<Run> runs, Change change, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!runs.isEmpty() && runs.get(runs.size() - 1).change() == change) {
            Run last = runs.remove(runs.size() - 1);
            runs.add(new Run(change, last.text() + text));
        } else {
            runs.add(new Run(change, text));
        }
    }
}
