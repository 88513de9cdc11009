package io.chatprivacy.notification.service;

import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Reads the delivery log of one account. */
@ApplicationScoped
public class DeliveryLogService {

    private final OutgoingMailRepository mails;

    DeliveryLogService(OutgoingMailRepository mails) {
        this.mails = mails;
    }

    @Transactional
    public List<OutgoingMail> list(UUID accountId, UUID requestId, int limit) {
        return mails.list(accountId, requestId, limit);
    }
}
