package io.chatprivacy.request.persistence;

import io.chatprivacy.request.domain.ConsumerIntake;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Privacy-center intakes; one is locked while a code is presented or replaced, so tries are counted one by one. */
@ApplicationScoped
public class ConsumerIntakeRepository implements PanacheRepositoryBase<ConsumerIntake, UUID> {

    public Optional<ConsumerIntake> findForUpdate(UUID accountId, UUID intakeId) {
        return findByIdOptional(intakeId, LockModeType.PESSIMISTIC_WRITE)
                .filter(i -> i.accountId().equals(accountId));
    }

    /** How many intakes one address made at one account since {@code since} (the address as stored). */
    public long countByAddressSince(UUID accountId, String subjectEmail, Instant since) {
        return count("accountId = ?1 and subjectEmail = ?2 and receivedAt >= ?3", accountId, subjectEmail, since);
    }

    /** Erases the address, visitor id and corrected value of every intake received before {@code cutoff}. */
    public int eraseIdentitiesBefore(Instant cutoff) {
        return update(
                "subjectEmail = null, subjectVisitorId = null, correctionValue = null where receivedAt < ?1 and"
                        + " (subjectEmail is not null or subjectVisitorId is not null or correctionValue is not null)",
                cutoff);
    }
}
