package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.ChatGate;
import io.chatprivacy.consent.persistence.LedgerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Answers the chat platform: may this visitor start a chat under this account now? */
@ApplicationScoped
public class ChatGateService {

    private final FormService forms;
    private final LedgerRepository ledger;

    ChatGateService(FormService forms, LedgerRepository ledger) {
        this.forms = forms;
        this.ledger = ledger;
    }

    /** Decided on the current form read fresh (never a cached one) and the visitor's grants. */
    public ChatGate.Decision decide(UUID accountId, String visitorId) {
        return ChatGate.decide(forms.current(accountId).orElse(null), ledger.grantsOf(accountId, visitorId));
    }
}
