package io.chatprivacy.consent.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which opt-out rows to append when a visitor shows up with a visitor id and perhaps an
 * email: a new opt-out (GPC, the widget) is recorded once, and an existing one reaches a newly
 * learnt identifier of the same person ("once known, for their email"): an opted-out visitor who
 * gives an email opts that email out; an opted-out email (e.g. from a rights request) opts out
 * the visitor who gives it. Nothing is added when everything is covered already.
 */
public final class OptOutPlan {

    /** An opt-out row already in the ledger for this visitor or email. */
    public record Existing(OptOutScope scope, String visitorId, String emailHmac) {}

    /** An opt-out row to append for the visitor (and email, when given). */
    public record Addition(OptOutScope scope, OptOutSource source) {}

    private OptOutPlan() {}

    /**
     * @param visitorId the visitor, never null
     * @param emailHmac the email's blind index, or null when no email was given
     * @param requested opt-outs asked for by this call (e.g. GPC → sale/sharing), with their source
     * @param existing opt-out rows of this account for this visitor id or email
     */
    public static List<Addition> plan(
            String visitorId, String emailHmac, Map<OptOutScope, OptOutSource> requested, List<Existing> existing) {
        List<Addition> additions = new ArrayList<>();
        for (OptOutScope scope : OptOutScope.values()) {
            boolean visitorCovered =
                    existing.stream().anyMatch(e -> e.scope() == scope && visitorId.equals(e.visitorId()));
            boolean emailCovered = emailHmac != null
                    && existing.stream().anyMatch(e -> e.scope() == scope && emailHmac.equals(e.emailHmac()));
            OptOutSource asked = requested.get(scope);
            boolean applies = asked != null || visitorCovered || emailCovered;
            boolean complete = visitorCovered && (emailHmac == null || emailCovered);
            if (applies && !complete) {
                additions.add(new Addition(scope, asked != null ? asked : OptOutSource.LINKED));
            }
        }
        return additions;
    }
}
