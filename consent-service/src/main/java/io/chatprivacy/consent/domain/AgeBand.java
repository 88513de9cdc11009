package io.chatprivacy.consent.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the business knows of a visitor's age, as the widget (or an agent) reports it. The wire and
 * ledger name ({@link #wire()}) is {@code UNDER_13}, {@code 13_TO_15} or {@code 16_OR_OVER}; no
 * band known means adult rules.
 */
public enum AgeBand {
    /** Under 13: sale/sharing only with a parent's or guardian's authorization (Cal. Civ. Code §1798.120(c)). */
    UNDER_13("UNDER_13"),
    /** 13 to 15: sale/sharing only with the consumer's own affirmative opt-in (Cal. Civ. Code §1798.120(c)). */
    FROM_13_TO_15("13_TO_15"),
    /** 16 or over: adult rules (sellable until an opt-out). */
    SIXTEEN_OR_OVER("16_OR_OVER");

    /** The pattern of a wire name, for request validation. */
    public static final String PATTERN = "UNDER_13|13_TO_15|16_OR_OVER";

    private final String wire;

    AgeBand(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Under 16: the business has actual knowledge of a minor whose personal information it may not sell or share. */
    public boolean isMinor() {
        return this != SIXTEEN_OR_OVER;
    }

    /** Whether this band is younger than {@code other} (null, no band known, is the oldest). */
    public boolean youngerThan(AgeBand other) {
        return other == null || ordinal() < other.ordinal();
    }

    public static Optional<AgeBand> fromWire(String wire) {
        return Arrays.stream(values()).filter(b -> b.wire.equals(wire)).findFirst();
    }
}
