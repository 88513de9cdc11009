package io.chatprivacy.request.domain;

/**
 * What a request records beyond its type and scope: the authorised agent who made it for the consumer
 * (with whether they showed signed permission), and for a correction the field and its new value.
 */
public record Intake(
        String agentName, Boolean signedPermission, CorrectionField correctionField, String correctionValue) {

    /** Nothing beyond type and scope. */
    public static final Intake NONE = new Intake(null, null, null, null);
}
