package io.chatprivacy.notification.persistence;

import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The delivery log. */
@ApplicationScoped
public class OutgoingMailRepository implements PanacheRepositoryBase<OutgoingMail, UUID> {

    /**
     * The PENDING mail that has been due longest, locked for the caller's transaction; rows another
     * dispatcher holds are skipped, so no two dispatchers ever send the same mail at once.
     */
    public Optional<OutgoingMail> claimNextDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<OutgoingMail> due = getEntityManager()
                .createNativeQuery(
                        "select * from outgoing_mail where status = 'PENDING' and next_attempt_at <= ?1"
                                + " order by next_attempt_at, created_at limit 1 for update skip locked",
                        OutgoingMail.class)
                .setParameter(1, now)
                .getResultList();
        return due.stream().findFirst();
    }

    /** An account's mails, newest first, optionally about one request. */
    public List<OutgoingMail> list(UUID accountId, UUID requestId, int limit) {
        Sort sort = Sort.descending("createdAt").and("id");
        var query = requestId == null
                ? find("accountId", sort, accountId)
                : find(
                        "accountId = :account and requestId = :request",
                        sort,
                        Parameters.with("account", accountId).and("request", requestId));
        return query.page(Page.ofSize(limit)).list();
    }

    /** The verification mail sent for a deletion job, if any. */
    public Optional<OutgoingMail> verificationMailOf(UUID accountId, UUID jobId) {
        return find(
                        "accountId = :account and jobId = :job and template = :template",
                        Sort.descending("createdAt"),
                        Parameters.with("account", accountId)
                                .and("job", jobId)
                                .and("template", MailTemplate.VERIFICATION_CODE))
                .firstResultOptional();
    }
}
