package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * What a request records beyond its type and scope: the authorised agent who made it for the consumer
 * (with whether they showed signed permission), and for a correction the field and its new value.
 *
 * @param agentName the authorised agent acting for the consumer (channel AUTHORIZED_AGENT); personal data
 * @param signedPermission whether the agent showed the consumer's signed permission
 * @param correctionField what a correction fixes
 * @param correctionValue the corrected value the consumer asks for; personal data, erased with the identity
 */
@Embeddable
public record Intake(
        @Column(name = "agent_name") String agentName,
        @Column(name = "signed_permission") Boolean signedPermission,

        @Enumerated(EnumType.STRING) @Column(name = "correction_field")
        CorrectionField correctionField,

        @Column(name = "correction_value") String correctionValue) {

    /** Nothing beyond type and scope (and what the database hands back when all four columns are null). */
    public static final Intake NONE = new Intake(null, null, null, null);

    /**
     * Checks that a request of {@code type} records what it needs: a correction names the field and its
     * new value.
     *
     * @throws IllegalArgumentException when it does not
     */
    void checkFor(RequestType type) {
        if (type == RequestType.CORRECT && (correctionField == null || correctionValue == null)) {
            throw new IllegalArgumentException("a correction names the field and its new value");
        }
    }

    /** The new address of an email correction, or null (another field, or the value was erased). */
    public String correctedEmail() {
        return correctionField == CorrectionField.EMAIL ? correctionValue : null;
    }

    /** The same intake without what names a person (the agent, the corrected value). */
    Intake erased() {
        return new Intake(null, signedPermission, correctionField, null);
    }
}
