package io.chatprivacy.platform.text;

import java.util.regex.Pattern;

/**
 * The one rule for text that comes into the system, over HTTP or in an event, written once as the regular
 * expressions that {@code @Pattern} constraints, {@code /q/openapi} and code all use.
 *
 * <p>{@link #NAME} holds text that <em>names</em> something: a tag, an id, an email address, a person's or an
 * account's name, an agent's name, a correction value, a short reason. Such text must show at least one
 * visible character (whitespace, format and zero-width characters alone show nothing: U+200B, U+2060, U+FEFF,
 * U+00AD, U+3164, ...) and contains none of:
 *
 * <ul>
 *   <li>C0 and C1 control characters and DEL (NUL cannot be stored at all; ESC, BEL and the like would be
 *       carried verbatim into logs, terminals and mails), so also no tab or line break;
 *   <li>U+2028 and U+2029 (line and paragraph separators);
 *   <li>bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text display in
 *       another order than it is stored, so that what an agent reads is not what the system matches;
 *   <li>unpaired surrogates (not Unicode text: UTF-8 and PostgreSQL cannot hold them).
 * </ul>
 *
 * <p>The bidi <em>marks</em> LRM, RLM and ALM (U+200E, U+200F, U+061C) and the joiners ZWJ and ZWNJ stay
 * allowed next to visible characters: mixed-direction names, emoji sequences and several scripts need them,
 * and a mark cannot reorder the characters around it the way an override does. They do not count as visible.
 *
 * <p>{@link #FREE_TEXT} holds what people type at length (transcript messages, ticket subjects, notes told to
 * a consumer): it keeps everything but NUL and unpaired surrogates, which cannot be stored.
 */
public final class TextRules {

    /** Characters that show nothing: controls, surrogates, separators/spaces, format characters, fillers. */
    private static final String INVISIBLE = "\\p{Cc}\\p{Cs}\\p{Z}\\p{Cf}"
            // combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian variation selectors
            + "\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F"
            // braille blank, Hangul filler, variation selectors, halfwidth Hangul filler
            + "\\u2800\\u3164\\uFE00-\\uFE0F\\uFFA0"
            // variation selectors supplement (U+E0100–U+E01EF)
            + "\\uDB40\\uDD00-\\uDB40\\uDDEF";

    /** Characters a name must not contain at all. */
    private static final String NOT_IN_NAMES = "\\p{Cc}\\p{Cs}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069";

    /** A name: at least one visible character, nothing from {@link #NOT_IN_NAMES}. Linear time, no backtracking blow-up. */
    public static final String NAME = "(?=[" + INVISIBLE + "]*[^" + INVISIBLE + "])[^" + NOT_IN_NAMES + "]*";

    public static final String NAME_MESSAGE =
            "must have a visible character and no control, line-break, bidi-override or unpaired surrogate characters";

    /**
     * An optional answer in a form the widget posts, where nothing but spaces means "not given" (the service reads
     * it as absent); anything else is a {@link #NAME}.
     */
    public static final String NAME_OR_BLANK = "\\p{Zs}*|" + NAME;

    /** Free text: anything but NUL and unpaired surrogates. */
    public static final String FREE_TEXT = "[^\\u0000\\p{Cs}]*";

    public static final String FREE_TEXT_MESSAGE = "must not contain NUL or unpaired surrogate characters";

    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    private static final Pattern NAME_OR_BLANK_PATTERN = Pattern.compile(NAME_OR_BLANK);
    private static final Pattern FREE_TEXT_PATTERN = Pattern.compile(FREE_TEXT);

    private TextRules() {}

    /** Whether {@code text} may name something (null is not a name). */
    public static boolean isName(CharSequence text) {
        return text != null && NAME_PATTERN.matcher(text).matches();
    }

    /** Whether {@code text} is a name or, in a widget's optional field, only spaces (null is neither). */
    public static boolean isNameOrBlank(CharSequence text) {
        return text != null && NAME_OR_BLANK_PATTERN.matcher(text).matches();
    }

    /** Whether {@code text} may be stored as free text (null is not text). */
    public static boolean isFreeText(CharSequence text) {
        return text != null && FREE_TEXT_PATTERN.matcher(text).matches();
    }

    /**
     * {@code text} without what must never reach a reader's screen or a mail: C0 controls other than tab, line
     * feed and carriage return, DEL, C1 controls, bidi embeddings, overrides and isolates, and unpaired
     * surrogates. For output built from stored text (defence in depth behind the input rule).
     */
    public static String withoutControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = null;
        int length = text.length();
        for (int i = 0; i < length; ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            boolean dropped = isDroppedFromOutput(codePoint);
            if (dropped && kept == null) {
                kept = new StringBuilder(length).append(text, 0, i);
            } else if (!dropped && kept != null) {
                kept.appendCodePoint(codePoint);
            }
            i += width;
        }
        return kept == null ? text : kept.toString();
    }

    private static boolean isDroppedFromOutput(int codePoint) {
        if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r') {
            return false;
        }
        return Character.getType(codePoint) == Character.CONTROL
                || Character.getType(codePoint) == Character.SURROGATE
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
