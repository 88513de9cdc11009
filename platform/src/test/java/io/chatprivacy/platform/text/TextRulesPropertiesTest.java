package io.chatprivacy.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the text rule (jqwik). The characters are drawn from hand-picked sets, not from the rule's own
 * regular expression, so that the rule is checked against what a reader sees.
 */
class TextRulesPropertiesTest {

    /** Characters that show on a screen, from several scripts, symbols and emoji (beyond the BMP too). */
    @Provide
    Arbitrary<Integer> visible() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0x21, 0x7E),
                Arbitraries.integers().between(0xA1, 0xAC),
                Arbitraries.integers().between(0xAE, 0xFF),
                Arbitraries.integers().between(0x391, 0x3A9),
                Arbitraries.integers().between(0x410, 0x44F),
                Arbitraries.integers().between(0x5D0, 0x5EA),
                Arbitraries.integers().between(0x627, 0x64A),
                Arbitraries.integers().between(0x905, 0x939),
                Arbitraries.integers().between(0x3041, 0x3096),
                Arbitraries.integers().between(0x4E00, 0x9FFF),
                Arbitraries.integers().between(0xAC00, 0xD7A3),
                Arbitraries.integers().between(0x1F600, 0x1F64F),
                Arbitraries.integers().between(0x1D400, 0x1D433));
    }

    /** Characters that show nothing but may sit inside a name: spaces, joiners, bidi marks, zero-width ones. */
    @Provide
    Arbitrary<Integer> invisibleButAllowed() {
        return Arbitraries.of(
                0x20, 0xA0, 0x2002, 0x3000, // spaces
                0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, // zero-width, joiners, soft hyphen
                0x200E, 0x200F, 0x61C, // bidi marks
                0x3164, 0x115F, 0xFFA0, 0x2800, 0x34F, // fillers, braille blank, grapheme joiner
                0xFE0F, 0xE0100, 0xE0041); // variation selectors, a tag character
    }

    /** Characters a name must never contain. */
    @Provide
    Arbitrary<String> forbidden() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0x00, 0x1F).map(Character::toString),
                Arbitraries.just("\u007F"),
                Arbitraries.integers().between(0x80, 0x9F).map(Character::toString),
                Arbitraries.integers().between(0x202A, 0x202E).map(Character::toString),
                Arbitraries.integers().between(0x2066, 0x2069).map(Character::toString),
                Arbitraries.of("\u2028", "\u2029"),
                Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf)); // an unpaired surrogate
    }

    /** A name as people write it: visible characters with allowed invisible ones among them, at least one visible. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<List<Integer>> before =
                Arbitraries.oneOf(visible(), invisibleButAllowed()).list().ofMaxSize(30);
        Arbitrary<List<Integer>> after =
                Arbitraries.oneOf(visible(), invisibleButAllowed()).list().ofMaxSize(30);
        return Combinators.combine(before, visible(), after).as((b, v, a) -> text(b) + Character.toString(v) + text(a));
    }

    @Provide
    Arbitrary<String> invisibleOnly() {
        return invisibleButAllowed().list().ofMaxSize(20).map(TextRulesPropertiesTest::text);
    }

    @Property
    void aNameWithAVisibleCharacterAndNothingForbiddenIsAccepted(@ForAll("names") String name) {
        assertThat(TextRules.isName(name)).as(codePoints(name)).isTrue();
        assertThat(TextRules.isFreeText(name)).isTrue();
    }

    @Property
    void anyForbiddenCharacterAnywhereRefusesTheName(
            @ForAll("names") String name,
            @ForAll("forbidden") String bad,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        int at = name.offsetByCodePoints(0, Math.min(where, name.codePointCount(0, name.length())));
        String text = name.substring(0, at) + bad + name.substring(at);
        assertThat(TextRules.isName(text)).as(codePoints(text)).isFalse();
    }

    @Property
    void whatShowsNothingIsNoName(@ForAll("invisibleOnly") String text) {
        assertThat(TextRules.isName(text)).as(codePoints(text)).isFalse();
    }

    @Property
    void anOptionalWidgetAnswerIsANameOrOnlySpaces(
            @ForAll("names") String name,
            @ForAll("forbidden") String bad,
            @ForAll @IntRange(min = 0, max = 5) int spaces,
            @ForAll("invisibleOnly") String invisible) {
        assertThat(TextRules.isNameOrBlank(name)).isTrue();
        assertThat(TextRules.isNameOrBlank(" ".repeat(spaces))).isTrue();
        assertThat(TextRules.isNameOrBlank(" ".repeat(spaces) + bad)).isFalse();
        assertThat(TextRules.isNameOrBlank(name + bad)).isFalse();
        boolean onlySpaces = invisible.codePoints().allMatch(c -> Character.getType(c) == Character.SPACE_SEPARATOR);
        assertThat(TextRules.isNameOrBlank(invisible)).as(codePoints(invisible)).isEqualTo(onlySpaces);
    }

    @Property
    void freeTextKeepsControlsAndBidiButNeverNulOrAnUnpairedSurrogate(
            @ForAll("names") String name,
            @ForAll("forbidden") String other,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        int at = name.offsetByCodePoints(0, Math.min(where, name.codePointCount(0, name.length())));
        String text = name.substring(0, at) + other + name.substring(at);
        boolean unstorable = other.equals("\u0000") || Character.isSurrogate(other.charAt(0));
        assertThat(TextRules.isFreeText(text)).as(codePoints(text)).isEqualTo(!unstorable);
        assertThat(TextRules.isFreeText(name.substring(0, at) + "\u0000" + name.substring(at)))
                .isFalse();
    }

    @Property
    void outputLosesOnlyWhatMustNotShow(
            @ForAll("names") String name,
            @ForAll("forbidden") String bad,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        assertThat(TextRules.withoutControls(name)).isSameAs(name);
        int at = name.offsetByCodePoints(0, Math.min(where, name.codePointCount(0, name.length())));
        String cleaned = TextRules.withoutControls(name.substring(0, at) + bad + name.substring(at));
        boolean kept = bad.equals("\t")
                || bad.equals("\n")
                || bad.equals("\r")
                || bad.equals("\u2028")
                || bad.equals("\u2029");
        assertThat(cleaned).isEqualTo(kept ? name.substring(0, at) + bad + name.substring(at) : name);
    }

    @Example
    void theFindingsOfIssueNine() {
        assertThat(TextRules.isName("Delete")).isTrue();
        assertThat(TextRules.isName("Del\u0000ete")).isFalse();
        assertThat(TextRules.isName("Del\u001Bete")).isFalse();
        assertThat(TextRules.isName("Del\u0007ete")).isFalse();
        assertThat(TextRules.isName("Del\u007Fete")).isFalse();
        assertThat(TextRules.isName("\u202E")).isFalse();
        assertThat(TextRules.isName("\u200B")).isFalse();
        assertThat(TextRules.isName("")).isFalse();
        assertThat(TextRules.isName(null)).isFalse();
        assertThat(TextRules.isName("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"))
                .isTrue();
        assertThat(TextRules.isName("x".repeat(MaxLength.TAG))).isTrue();
    }

    private static String text(List<Integer> codePoints) {
        return codePoints.stream().map(Character::toString).collect(Collectors.joining());
    }

    private static String codePoints(String text) {
        return text.codePoints().mapToObj(c -> String.format("U+%04X", c)).collect(Collectors.joining(" "));
    }
}
