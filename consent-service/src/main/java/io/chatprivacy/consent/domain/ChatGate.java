package io.chatprivacy.consent.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rule that decides whether a visitor may start a chat: yes only while every consent that is
 * required in the account's current form is covered by a grant of that exact text (same consent id,
 * same SHA-256) that has not been revoked. A new version whose required text changed therefore
 * needs a new grant; a version that changed only other things does not.
 */
public final class ChatGate {

    /** Why a chat may not start, most telling first. */
    public enum Reason {
        /** The account has published no form, so no notice was given: fail closed. */
        NO_FORM,
        /** The visitor revoked a required consent and has not granted it again. */
        CONSENT_REVOKED,
        /** The visitor agreed to an earlier text of a required consent; the text has changed since. */
        CONSENT_OUTDATED,
        /** The visitor never agreed to a required consent. */
        CONSENT_MISSING
    }

    /** A grant as the gate sees it. */
    public record Grant(UUID receiptId, List<String> consentIds, List<String> textSha256s, boolean revoked) {

        boolean covers(String consentId, String textSha256) {
            for (int i = 0; i < consentIds.size(); i++) {
                if (consentIds.get(i).equals(consentId) && textSha256s.get(i).equals(textSha256)) {
                    return true;
                }
            }
            return false;
        }

        boolean mentions(String consentId) {
            return consentIds.contains(consentId);
        }
    }

    /**
     * The answer.
     *
     * @param formVersion the current version the decision was made against, or null without a form
     * @param missing ids of required consents not (or no longer) covered
     */
    public record Decision(boolean allowed, Reason reason, Integer formVersion, List<String> missing) {}

    private ChatGate() {}

    public static Decision decide(PublishedForm current, List<Grant> grants) {
        if (current == null) {
            return new Decision(false, Reason.NO_FORM, null, List.of());
        }
        List<String> missing = new ArrayList<>();
        Reason reason = null;
        for (FormDefinition.Consent required : current.definition().requiredConsents()) {
            boolean covered =
                    grants.stream().anyMatch(g -> !g.revoked() && g.covers(required.id(), required.textSha256()));
            if (covered) {
                continue;
            }
            missing.add(required.id());
            Reason why;
            if (grants.stream().anyMatch(g -> g.revoked() && g.covers(required.id(), required.textSha256()))) {
                why = Reason.CONSENT_REVOKED;
            } else if (grants.stream().anyMatch(g -> !g.revoked() && g.mentions(required.id()))) {
                why = Reason.CONSENT_OUTDATED;
            } else {
                why = Reason.CONSENT_MISSING;
            }
            if (reason == null || why.ordinal() < reason.ordinal()) {
                reason = why;
            }
        }
        return new Decision(missing.isEmpty(), reason, current.version(), List.copyOf(missing));
    }
}
