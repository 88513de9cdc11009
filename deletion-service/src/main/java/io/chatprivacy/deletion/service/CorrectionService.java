package io.chatprivacy.deletion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.domain.ChatContent;
import io.chatprivacy.deletion.domain.ConsumerMatch;
import io.chatprivacy.deletion.domain.Correction;
import io.chatprivacy.deletion.domain.CorrectionField;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.TicketContent;
import io.chatprivacy.deletion.events.CorrectionAppliedEvent;
import io.chatprivacy.deletion.events.CorrectionRejectedEvent;
import io.chatprivacy.deletion.persistence.ConsumerDataStore;
import io.chatprivacy.deletion.persistence.ConsumerDataStore.CorrectedItem;
import io.chatprivacy.deletion.persistence.ConsumerDataStore.MatchedItem;
import io.chatprivacy.deletion.persistence.CorrectionRepository;
import io.chatprivacy.deletion.persistence.VaultStore;
import io.chatprivacy.deletion.persistence.VaultStore.DataKeyRow;
import io.chatprivacy.deletion.service.Vault.LiveDataKey;
import io.chatprivacy.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * CORRECT requests carried out in the vault, once per request, with the event that tells request-service
 * in the same transaction.
 *
 * <p>NAME: the consumer's items (as for ACCESS: their email, plus the visitor id's items without email)
 * get the corrected name; the content is re-sealed under the same data key. EMAIL: the visitor id's items
 * (with the address being replaced, or none) get the corrected address and its blind index, and move to
 * the corrected address's subject key: their data keys are re-wrapped under it (content stays sealed under
 * the same data key), and a subject key left protecting nothing is destroyed. Items already holding the
 * value are matched and left as they are. Nothing matched: the correction is rejected.
 *
 * <p>Neither the old nor the new value is logged or recorded.
 */
@ApplicationScoped
public class CorrectionService {

    private static final Logger LOG = Logger.getLogger(CorrectionService.class);
    private static final HexFormat HEX = HexFormat.of();

    private final CorrectionRepository corrections;
    private final ConsumerDataStore data;
    private final VaultStore vaultStore;
    private final Vault vault;
    private final VaultKeys keys;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Clock clock;

    CorrectionService(
            CorrectionRepository corrections,
            ConsumerDataStore data,
            VaultStore vaultStore,
            Vault vault,
            VaultKeys keys,
            Outbox outbox,
            ObjectMapper mapper,
            MeterRegistry meters,
            Clock clock) {
        this.corrections = corrections;
        this.data = data;
        this.vaultStore = vaultStore;
        this.vault = vault;
        this.keys = keys;
        this.outbox = outbox;
        this.mapper = mapper;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Applies (or rejects) the correction of a CORRECT request. A request already decided changes nothing.
     *
     * @param value the corrected name or email address
     * @param subjectEmail NAME: the consumer's address (required); EMAIL: the address being replaced (optional)
     * @param subjectVisitorId NAME: optional; EMAIL: required
     * @return the record of what was done, or null if the request had been decided before
     */
    @Transactional
    public Correction correct(
            UUID accountId,
            UUID requestId,
            CorrectionField field,
            String value,
            String subjectEmail,
            String subjectVisitorId) {
        // ingest and purges of the account wait: no item or key changes under the correction, and a second
        // delivery of the request waits here and then finds this correction
        vaultStore.lockAccount(accountId);
        if (corrections.existsForRequest(requestId)) {
            LOG.infof("Request %s was corrected (or rejected) before; nothing to do", requestId);
            return null;
        }
        Instant now = now();
        byte[] emailIndex = subjectEmail == null ? null : keys.emailIndex(subjectEmail);
        byte[] visitorIndex = subjectVisitorId == null ? null : keys.visitorIndex(subjectVisitorId);
        byte[] valueIndex = field == CorrectionField.EMAIL ? keys.emailIndex(value) : null;
        ConsumerMatch match = field == CorrectionField.NAME
                ? ConsumerMatch.byEmail(emailIndex, visitorIndex)
                : ConsumerMatch.byVisitor(visitorIndex, emailIndex, valueIndex);
        List<MatchedItem> chats = data.matching(accountId, ItemType.CHAT, match);
        List<MatchedItem> tickets = data.matching(accountId, ItemType.TICKET, match);
        if (chats.isEmpty() && tickets.isEmpty()) {
            return reject(accountId, requestId, field, subjectEmail != null, subjectVisitorId != null, now);
        }

        Map<UUID, LiveDataKey> dataKeys = vault.liveDataKeys(Stream.concat(chats.stream(), tickets.stream())
                .map(MatchedItem::id)
                .toList());
        Vault.SubjectKey target = null;
        if (valueIndex != null) {
            String ref = HEX.formatHex(valueIndex);
            target = vault.subjectKeys(accountId, List.of(ref), now).get(ref);
        }
        Change change = new Change(field, value, valueIndex, target, dataKeys);
        int chatsCorrected = apply(ItemType.CHAT, chats, change, now);
        int ticketsCorrected = apply(ItemType.TICKET, tickets, change, now);
        int keysDestroyed = data.destroyUnusedSubjectKeys(change.formerSubjectKeys);

        Correction correction = Correction.applied(
                UUID.randomUUID(),
                accountId,
                requestId,
                field,
                chats.size(),
                tickets.size(),
                chatsCorrected,
                ticketsCorrected,
                now);
        corrections.persist(correction);
        outbox.publish(new CorrectionAppliedEvent(
                correction.id(),
                requestId,
                accountId,
                field,
                chats.size(),
                tickets.size(),
                chatsCorrected,
                ticketsCorrected,
                now));
        count(field, "applied");
        LOG.infof(
                "Correction %s (%s) for request %s of account %s: %d chats and %d tickets matched, %d and %d"
                        + " changed, %d data keys moved, %d subject keys destroyed",
                correction.id(),
                field,
                requestId,
                accountId,
                chats.size(),
                tickets.size(),
                chatsCorrected,
                ticketsCorrected,
                change.moved,
                keysDestroyed);
        return correction;
    }

    private Correction reject(
            UUID accountId, UUID requestId, CorrectionField field, boolean email, boolean visitor, Instant now) {
        Correction correction = Correction.rejected(UUID.randomUUID(), accountId, requestId, field, now);
        corrections.persist(correction);
        outbox.publish(new CorrectionRejectedEvent(
                requestId,
                accountId,
                field,
                CorrectionRejectedEvent.NO_MATCHING_DATA,
                detail(field, email, visitor),
                now));
        count(field, "rejected");
        LOG.infof(
                "Correction (%s) for request %s of account %s rejected: nothing matches", field, requestId, accountId);
        return correction;
    }

    /** Corrects the matched items of one type; returns how many changed. */
    private int apply(ItemType type, List<MatchedItem> items, Change change, Instant now) {
        List<CorrectedItem> written = new ArrayList<>();
        List<DataKeyRow> moved = new ArrayList<>();
        int corrected = 0;
        for (MatchedItem item : items) {
            LiveDataKey key = change.dataKeys.get(item.id());
            if (key == null) {
                throw new IllegalStateException(type + " " + item.id() + " has no data key");
            }
            Object content = corrected(type, vault.open(type, item.id(), key.key(), item.content()), change);
            boolean email = change.field == CorrectionField.EMAIL;
            boolean indexChanges = email && !Arrays.equals(item.emailIndex(), change.valueIndex);
            if (content != null || indexChanges) {
                written.add(new CorrectedItem(
                        item.id(),
                        email ? change.valueIndex : item.emailIndex(),
                        content == null ? item.content() : vault.seal(type, item.id(), key.key(), json(content))));
            }
            if (content != null) {
                corrected++;
            }
            if (change.target != null && !change.target.id().equals(key.subjectKeyId())) {
                moved.add(vault.rewrap(item.id(), key.key(), change.target));
                change.formerSubjectKeys.add(key.subjectKeyId());
            }
        }
        data.correct(type, written, now);
        data.moveDataKeys(moved);
        change.moved += moved.size();
        return corrected;
    }

    /** The item's content with the value in place, or null if it already holds it. */
    private Object corrected(ItemType type, String json, Change change) {
        String value = change.value;
        boolean email = change.field == CorrectionField.EMAIL;
        if (type == ItemType.CHAT) {
            ChatContent chat = read(json, ChatContent.class);
            if (value.equals(email ? chat.visitorEmail() : chat.visitorName())) {
                return null;
            }
            return email ? chat.withVisitorEmail(value) : chat.withVisitorName(value);
        }
        TicketContent ticket = read(json, TicketContent.class);
        if (value.equals(email ? ticket.requesterEmail() : ticket.requesterName())) {
            return null;
        }
        return email ? ticket.withRequesterEmail(value) : ticket.withRequesterName(value);
    }

    private static String detail(CorrectionField field, boolean email, boolean visitor) {
        if (field == CorrectionField.NAME) {
            return visitor
                    ? "No chat or ticket of this account matches the consumer's email address and visitor id."
                    : "No chat or ticket of this account matches the consumer's email address.";
        }
        return email
                ? "No chat or ticket of this account matches the consumer's visitor id together with the email"
                        + " address to be replaced."
                : "No chat or ticket of this account matches the consumer's visitor id.";
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content is not readable as " + type.getSimpleName(), e);
        }
    }

    private String json(Object content) {
        try {
            return mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise corrected content", e);
        }
    }

    private void count(CorrectionField field, String outcome) {
        meters.counter("vault.corrections", "field", field.name().toLowerCase(Locale.ROOT), "outcome", outcome)
                .increment();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** One correction's inputs and what it has done so far. */
    private static final class Change {

        final CorrectionField field;
        final String value;
        final byte[] valueIndex;
        final Vault.SubjectKey target;
        final Map<UUID, LiveDataKey> dataKeys;
        final Set<UUID> formerSubjectKeys = new LinkedHashSet<>();
        int moved;

        Change(
                CorrectionField field,
                String value,
                byte[] valueIndex,
                Vault.SubjectKey target,
                Map<UUID, LiveDataKey> dataKeys) {
            this.field = field;
            this.value = value;
            this.valueIndex = valueIndex;
            this.target = target;
            this.dataKeys = dataKeys;
        }
    }
}
