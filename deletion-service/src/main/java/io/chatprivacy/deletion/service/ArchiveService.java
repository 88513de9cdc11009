package io.chatprivacy.deletion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.deletion.domain.ChatContent;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.TicketContent;
import io.chatprivacy.deletion.persistence.VaultStore;
import io.chatprivacy.deletion.persistence.VaultStore.ItemRecord;
import io.chatprivacy.deletion.persistence.VaultStore.ItemSummary;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/** What agents and owners read from the vault (listings by tag, decrypted transcripts) and legal holds. */
@ApplicationScoped
public class ArchiveService {

    private static final Logger LOG = Logger.getLogger(ArchiveService.class);

    /** A decrypted item with its plain columns. */
    public record Opened<T>(ItemRecord item, T content) {}

    private final VaultStore store;
    private final Vault vault;
    private final ObjectMapper mapper;
    private final Clock clock;

    ArchiveService(VaultStore store, Vault vault, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public List<ItemSummary> list(UUID accountId, ItemType type, String tag, String after, int limit) {
        return store.list(accountId, type, tag, after, limit);
    }

    @Transactional
    public Opened<ChatContent> chat(UUID accountId, String chatId) {
        ItemRecord item = store.find(accountId, ItemType.CHAT, chatId)
                .orElseThrow(() -> ProblemException.notFound("This account has no chat " + chatId + "."));
        return new Opened<>(item, read(ItemType.CHAT, item, chatId, ChatContent.class));
    }

    @Transactional
    public Opened<TicketContent> ticket(UUID accountId, String ticketId) {
        ItemRecord item = store.find(accountId, ItemType.TICKET, ticketId)
                .orElseThrow(() -> ProblemException.notFound("This account has no ticket " + ticketId + "."));
        return new Opened<>(item, read(ItemType.TICKET, item, ticketId, TicketContent.class));
    }

    /**
     * What a deletion of everything carrying {@code tag} would remove now, and what it would skip for a legal
     * hold: counts only, no personal data.
     */
    public TagPreview preview(UUID accountId, String tag) {
        VaultStore.TagCount chats = store.countTagged(accountId, ItemType.CHAT, tag);
        VaultStore.TagCount tickets = store.countTagged(accountId, ItemType.TICKET, tag);
        return new TagPreview(tag, chats.deletable(), tickets.deletable(), chats.held(), tickets.held());
    }

    /** The counts of {@link #preview}. */
    public record TagPreview(String tag, long chats, long tickets, long chatsOnLegalHold, long ticketsOnLegalHold) {}

    /**
     * Puts a chat or ticket under a legal hold (a purge skips it and lists it in its receipt) or lifts the
     * hold. Taken under the account's lock, so a purge chunk sees the item either held or not, never both.
     */
    @Transactional
    public void setLegalHold(UUID accountId, ItemType type, String externalId, boolean hold) {
        store.lockAccount(accountId);
        if (!store.setLegalHold(
                accountId, type, externalId, hold, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            throw ProblemException.notFound(
                    "This account has no " + type.name().toLowerCase(Locale.ROOT) + " " + externalId + ".");
        }
        LOG.infof(
                "Legal hold %s %s %s of account %s",
                hold ? "set on" : "lifted from", type.name().toLowerCase(Locale.ROOT), externalId, accountId);
    }

    private <T> T read(ItemType type, ItemRecord item, String externalId, Class<T> contentType) {
        byte[] dataKey = vault.dataKeys(List.of(item.id())).get(item.id());
        if (dataKey == null) {
            // its key was destroyed after the item was found (a purge's crypto-erasure): as good as purged
            throw ProblemException.notFound(
                    "This account has no " + type.name().toLowerCase(Locale.ROOT) + " " + externalId + ".");
        }
        String json = vault.open(type, item.id(), dataKey, item.content());
        try {
            return mapper.readValue(json, contentType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content of " + type + " " + item.id() + " is not readable", e);
        }
    }
}
