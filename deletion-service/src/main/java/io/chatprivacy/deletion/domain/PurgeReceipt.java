package io.chatprivacy.deletion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The proof that a purge happened, with no personal data: ids, the tag, counts, a pseudonym of who
 * authorised it, when, a digest of the deleted items' id hashes, and the platform ids of the chats and
 * tickets a legal hold kept.
 */
@Entity
@Table(name = "purge_receipt")
public class PurgeReceipt {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "request_id", nullable = false)
    private UUID requestId;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    private String tag;

    @Column(name = "subject_selector")
    private String subjectSelector;

    @Column(name = "chats_deleted", nullable = false)
    private int chatsDeleted;

    @Column(name = "tickets_deleted", nullable = false)
    private int ticketsDeleted;

    @Column(name = "chats_skipped_legal_hold", nullable = false)
    private int chatsSkippedLegalHold;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "skipped_chat_ids", nullable = false)
    private List<String> skippedChatIds;

    @Column(name = "tickets_skipped_legal_hold", nullable = false)
    private int ticketsSkippedLegalHold;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "skipped_ticket_ids", nullable = false)
    private List<String> skippedTicketIds;

    @Column(name = "deleted_ids_digest", nullable = false)
    private String deletedIdsDigest;

    @Column(name = "authorised_by", nullable = false)
    private String authorisedBy;

    @Column(name = "authorised_at", nullable = false)
    private Instant authorisedAt;

    @Column(name = "completed_at", nullable = false)
    private Instant completedAt;

    protected PurgeReceipt() {}

    public static PurgeReceipt of(
            UUID id,
            DeletionJob job,
            List<String> skippedChatIds,
            List<String> skippedTicketIds,
            String deletedIdsDigest,
            Instant completedAt) {
        PurgeReceipt receipt = new PurgeReceipt();
        receipt.id = id;
        receipt.accountId = job.accountId();
        receipt.requestId = job.requestId();
        receipt.jobId = job.id();
        receipt.tag = job.tag();
        receipt.subjectSelector = job.target().selector();
        receipt.chatsDeleted = job.chatsDeleted();
        receipt.ticketsDeleted = job.ticketsDeleted();
        receipt.chatsSkippedLegalHold = skippedChatIds.size();
        receipt.skippedChatIds = List.copyOf(skippedChatIds);
        receipt.ticketsSkippedLegalHold = skippedTicketIds.size();
        receipt.skippedTicketIds = List.copyOf(skippedTicketIds);
        receipt.deletedIdsDigest = deletedIdsDigest;
        receipt.authorisedBy = job.authorisedBy();
        receipt.authorisedAt = job.authorisedAt();
        receipt.completedAt = completedAt;
        return receipt;
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID requestId() {
        return requestId;
    }

    public UUID jobId() {
        return jobId;
    }

    public String tag() {
        return tag;
    }

    public String subjectSelector() {
        return subjectSelector;
    }

    public int chatsDeleted() {
        return chatsDeleted;
    }

    public int ticketsDeleted() {
        return ticketsDeleted;
    }

    public int chatsSkippedLegalHold() {
        return chatsSkippedLegalHold;
    }

    public List<String> skippedChatIds() {
        return skippedChatIds;
    }

    public int ticketsSkippedLegalHold() {
        return ticketsSkippedLegalHold;
    }

    public List<String> skippedTicketIds() {
        return skippedTicketIds;
    }

    public String deletedIdsDigest() {
        return deletedIdsDigest;
    }

    public String authorisedBy() {
        return authorisedBy;
    }

    public Instant authorisedAt() {
        return authorisedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
