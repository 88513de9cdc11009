package io.chatprivacy.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * May this visitor's personal information be sold or shared? Decided from the visitor's opt-out, age and
 * opt-in rows (pure):
 *
 * <ul>
 *   <li>an opt-out (GPC, the widget, a rights request, a linked one) always wins, whatever opt-in there is;
 *   <li>no age known, or 16 or over: allowed until an opt-out;
 *   <li>known to be 13 to 15: not allowed until the visitor's own opt-in (Cal. Civ. Code §1798.120(c), (d));
 *   <li>known to be under 13: not allowed until a parent's or guardian's authorization; the child's own opt-in
 *       does not count.
 * </ul>
 *
 * The youngest band ever recorded applies: once the business knows a visitor may be a minor, a later claim of an
 * older age does not make their information sellable.
 */
public final class SaleSharing {

    /** Why sale/sharing is or is not allowed. */
    public enum Reason {
        /** Allowed: no opt-out, and not known to be under 16. */
        NOT_OPTED_OUT(true),
        /** Not allowed: the visitor (or their email) opted out. */
        OPTED_OUT(false),
        /** Not allowed: known to be 13 to 15, and has not opted in. */
        MINOR_NO_OPT_IN(false),
        /** Not allowed: known to be under 13, and no parent or guardian has authorized it. */
        MINOR_NO_PARENTAL_AUTHORIZATION(false),
        /** Allowed: 13 to 15, and opted in. */
        MINOR_OPTED_IN(true),
        /** Allowed: under 13, and a parent or guardian authorized it. */
        PARENTAL_AUTHORIZATION(true);

        private final boolean allowed;

        Reason(boolean allowed) {
            this.allowed = allowed;
        }

        public boolean allowed() {
            return allowed;
        }
    }

    /**
     * One sale/sharing row of the ledger: an opt-out ({@code source} set; {@code ageBand} for {@link
     * OptOutSource#MINOR}) or an opt-in ({@code optedInBy} set).
     */
    public record Row(EntryKind kind, OptOutSource source, OptInBy optedInBy, AgeBand ageBand, Instant at) {

        public static Row optOut(OptOutSource source, Instant at) {
            return new Row(EntryKind.OPTED_OUT, source, null, null, at);
        }

        public static Row minor(AgeBand band, Instant at) {
            return new Row(EntryKind.OPTED_OUT, OptOutSource.MINOR, null, band, at);
        }

        public static Row optIn(OptInBy by, AgeBand band, Instant at) {
            return new Row(EntryKind.OPTED_IN, null, by, band, at);
        }

        boolean isOptOut() {
            return kind == EntryKind.OPTED_OUT && source != OptOutSource.MINOR;
        }

        boolean isMinor() {
            return kind == EntryKind.OPTED_OUT && source == OptOutSource.MINOR;
        }
    }

    /**
     * @param ageBand the youngest band known, or null
     * @param optedInAt when the opt-in that allows it was recorded (for the minor reasons that allow), else null
     */
    public record Decision(Reason reason, AgeBand ageBand, Instant optedInAt) {

        public boolean allowed() {
            return reason.allowed();
        }
    }

    /** Why an opt-in is refused: a problem type slug and its explanation; the HTTP layer picks the status. */
    public record Refusal(Kind kind, String slug, String detail) {

        /** FORBIDDEN: the caller may not authorize this; CONFLICT: an opt-out wins; UNPROCESSABLE: nothing to lift. */
        public enum Kind {
            FORBIDDEN,
            CONFLICT,
            UNPROCESSABLE
        }
    }

    private SaleSharing() {}

    public static Decision decide(List<Row> rows) {
        AgeBand youngest = youngest(rows);
        if (rows.stream().anyMatch(Row::isOptOut)) {
            return new Decision(Reason.OPTED_OUT, youngest, null);
        }
        if (youngest == null || !youngest.isMinor()) {
            return new Decision(Reason.NOT_OPTED_OUT, youngest, null);
        }
        if (youngest == AgeBand.UNDER_13) {
            return firstOptIn(rows, OptInBy.PARENT)
                    .map(at -> new Decision(Reason.PARENTAL_AUTHORIZATION, youngest, at))
                    .orElse(new Decision(Reason.MINOR_NO_PARENTAL_AUTHORIZATION, youngest, null));
        }
        return firstOptIn(rows, OptInBy.VISITOR)
                .map(at -> new Decision(Reason.MINOR_OPTED_IN, youngest, at))
                .orElse(new Decision(Reason.MINOR_NO_OPT_IN, youngest, null));
    }

    /** Whether a reported band adds knowledge worth a ledger row: a minor's band younger than any known. */
    public static boolean recordsAge(AgeBand reported, List<Row> rows) {
        return reported != null && reported.isMinor() && reported.youngerThan(youngest(rows));
    }

    /**
     * Why this opt-in must be refused, if it must; empty when it may be recorded (or is already: see {@link
     * #alreadyOptedIn}).
     *
     * @param gpc whether the call carries the Global Privacy Control signal, which wins over any opt-in
     */
    public static Optional<Refusal> refusal(Decision current, OptInBy by, boolean gpc) {
        if (gpc) {
            return Optional.of(new Refusal(
                    Refusal.Kind.CONFLICT,
                    "gpc-overrides-opt-in",
                    "The browser sends Global Privacy Control, which opts out of sale/sharing; an opt-out always"
                            + " wins over an opt-in. Nothing was recorded."));
        }
        if (current.reason() == Reason.OPTED_OUT) {
            return Optional.of(new Refusal(
                    Refusal.Kind.CONFLICT,
                    "opted-out",
                    "This visitor has opted out of sale/sharing; an opt-out always wins over an opt-in."
                            + " Nothing was recorded."));
        }
        AgeBand band = current.ageBand();
        if (by == OptInBy.VISITOR) {
            if (band == AgeBand.UNDER_13) {
                return Optional.of(new Refusal(
                        Refusal.Kind.FORBIDDEN,
                        "parental-authorization-required",
                        "A visitor under 13 cannot opt in themselves: only a parent's or guardian's authorization,"
                                + " verified by the business, allows sale/sharing. Nothing was recorded."));
            }
            if (band == null || !band.isMinor()) {
                return Optional.of(new Refusal(
                        Refusal.Kind.UNPROCESSABLE,
                        "not-a-known-minor",
                        "Only a visitor known to be 13 to 15 opts in to sale/sharing; nothing was recorded."));
            }
            return Optional.empty();
        }
        if (band != AgeBand.UNDER_13) {
            return Optional.of(new Refusal(
                    Refusal.Kind.UNPROCESSABLE,
                    "not-under-13",
                    "A parent's authorization is recorded only for a visitor known to be under 13 (a visitor of 13"
                            + " to 15 opts in themselves); nothing was recorded."));
        }
        return Optional.empty();
    }

    /** Whether the opt-in asked for is in force already (so a repeat records nothing). */
    public static boolean alreadyOptedIn(Decision current, OptInBy by) {
        return by == OptInBy.PARENT
                ? current.reason() == Reason.PARENTAL_AUTHORIZATION
                : current.reason() == Reason.MINOR_OPTED_IN;
    }

    private static AgeBand youngest(List<Row> rows) {
        AgeBand youngest = null;
        for (Row row : rows) {
            if (row.isMinor() && row.ageBand() != null && row.ageBand().youngerThan(youngest)) {
                youngest = row.ageBand();
            }
        }
        return youngest;
    }

    private static Optional<Instant> firstOptIn(List<Row> rows, OptInBy by) {
        return rows.stream()
                .filter(r -> r.kind() == EntryKind.OPTED_IN && r.optedInBy() == by)
                .map(Row::at)
                .min(Instant::compareTo);
    }
}
