package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.FormDefinition;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.domain.Pseudonyms;
import io.chatprivacy.consent.domain.PublishedForm;
import io.chatprivacy.consent.persistence.LedgerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A visitor's or an email's consent history for the account's agents, with the exact texts agreed to. */
@ApplicationScoped
public class ConsentHistoryService {

    /** A ledger entry with, for a grant, the consents agreed to as they were worded then. */
    public record HistoryItem(LedgerEntry entry, List<FormDefinition.Consent> agreedTo) {}

    private final LedgerRepository ledger;
    private final FormService forms;
    private final Pseudonyms pseudonyms;

    ConsentHistoryService(LedgerRepository ledger, FormService forms, Pseudonyms pseudonyms) {
        this.ledger = ledger;
        this.forms = forms;
        this.pseudonyms = pseudonyms;
    }

    /** Oldest first; by visitor id, by email, or by both (entries matching either). */
    public List<HistoryItem> history(UUID accountId, String visitorId, String email) {
        List<HistoryItem> items = new ArrayList<>();
        for (LedgerEntry entry : ledger.history(accountId, visitorId, email == null ? null : pseudonyms.email(email))) {
            items.add(new HistoryItem(entry, agreedTo(entry)));
        }
        return items;
    }

    private List<FormDefinition.Consent> agreedTo(LedgerEntry entry) {
        if (entry.formVersion() == null || entry.consentIds() == null) {
            return List.of();
        }
        PublishedForm form =
                forms.version(entry.accountId(), entry.formVersion()).orElseThrow();
        List<FormDefinition.Consent> consents = new ArrayList<>();
        for (int i = 0; i < entry.consentIds().size(); i++) {
            String id = entry.consentIds().get(i);
            String hash = entry.textSha256s().get(i);
            // the version is immutable, so its text for this id is the text whose hash was recorded
            form.definition()
                    .consent(id)
                    .filter(c -> c.textSha256().equals(hash))
                    .ifPresent(consents::add);
        }
        return consents;
    }
}
