package io.chatprivacy.deletion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.deletion.config.DeletionConfig;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.crypto.ExportTokens;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.crypto.VerificationCodes;
import io.chatprivacy.deletion.domain.ChatContent;
import io.chatprivacy.deletion.domain.ConsumerMatch;
import io.chatprivacy.deletion.domain.DataExport;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.TicketContent;
import io.chatprivacy.deletion.events.ExportCodeIssuedEvent;
import io.chatprivacy.deletion.events.ExportReadyEvent;
import io.chatprivacy.deletion.persistence.ConsumerDataStore;
import io.chatprivacy.deletion.persistence.DataExportRepository;
import io.chatprivacy.deletion.persistence.VaultStore;
import io.chatprivacy.deletion.persistence.VaultStore.ItemRecord;
import io.chatprivacy.deletion.service.ArchiveService.Opened;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * ACCESS requests: snapshots which items belong to the consumer into an export (ids only, collected since the
 * configured start of the right to know) with a random access token kept only as a keyed hash, and announces
 * it with the token sealed for notification-service, which mails the consumer a link. The token alone opens
 * nothing: its holder asks for a one-time code, which goes to the address the copy was asked for, and the
 * export's content, decrypted through the live vault, is served to whoever presents token and code together
 * before the export expires.
 *
 * <p>Logs carry export ids and counts only: never content, addresses, tokens or codes.
 */
@ApplicationScoped
public class ExportService {

    private static final Logger LOG = Logger.getLogger(ExportService.class);
    private static final UUID NO_EXPORT = new UUID(0, 0);
    private static final int SWEEP_BATCH = 1000;

    /** An export's content, decrypted, in its stable order. */
    public record Contents(DataExport export, List<Opened<ChatContent>> chats, List<Opened<TicketContent>> tickets) {}

    /** A code issued for an export: its number, how many more may be, until when it is valid. */
    public record IssuedCode(UUID exportId, int codeNumber, int codesLeft, Instant expiresAt, int attemptsLeft) {}

    /** What presenting a code did; the contents only when it opened the export. */
    public record Presented(DataExport.Opening outcome, int attemptsLeft, Contents contents) {}

    private final DataExportRepository exports;
    private final ConsumerDataStore data;
    private final VaultStore vaultStore;
    private final Vault vault;
    private final VaultKeys keys;
    private final CodeSealer sealer;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Duration ttl;
    private final DeletionConfig.Export settings;
    private final Instant coversFrom;
    private final Clock clock;

    ExportService(
            DataExportRepository exports,
            ConsumerDataStore data,
            VaultStore vaultStore,
            Vault vault,
            VaultKeys keys,
            CodeSealer sealer,
            Outbox outbox,
            ObjectMapper mapper,
            MeterRegistry meters,
            DeletionConfig config,
            Clock clock) {
        this.exports = exports;
        this.data = data;
        this.vaultStore = vaultStore;
        this.vault = vault;
        this.keys = keys;
        this.sealer = sealer;
        this.outbox = outbox;
        this.mapper = mapper;
        this.meters = meters;
        this.ttl = config.export().ttl();
        this.settings = config.export();
        this.coversFrom =
                config.export().coversFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
        this.clock = clock;
    }

    /**
     * Prepares the export of an ACCESS request: every item whose email is {@code subjectEmail}, plus the
     * items of {@code subjectVisitorId} that carry no email when the vault links that visitor id to the
     * address (see {@link ConsumerMatch}), of this account only (items under a legal hold included), collected
     * (a chat started, a ticket created) at or after {@code deletion.export.covers-from}. The
     * request's first export is {@link DataExport#FIRST_ATTEMPT}; a fresh copy asked for later is the
     * next attempt and is prepared the same way, from the vault as it is then, with its own token and
     * expiry (earlier exports stay readable until their own expiry). An attempt that already has its
     * export changes nothing.
     *
     * @param attempt 1 for the export made when the request opened, 2, 3, ... for each fresh copy
     * @param subjectEmail where the copy goes (copied into the event), and who the consumer is
     * @param subjectVisitorId optional
     * @return the new export, or null if this attempt of the request already had one
     */
    @Transactional
    public DataExport prepare(
            UUID accountId, UUID requestId, int attempt, String subjectEmail, String subjectVisitorId) {
        // one consistent cut: no ingest or purge of the account runs while the snapshot is taken, and a
        // second delivery of the same attempt waits here and then finds this export
        vaultStore.lockAccount(accountId);
        if (exports.existsFor(requestId, attempt)) {
            LOG.infof("Request %s already has its export of attempt %d; nothing to do", requestId, attempt);
            return null;
        }
        Instant now = now();
        UUID exportId = UUID.randomUUID();
        String token = ExportTokens.newToken();
        DataExport export = DataExport.prepare(
                        exportId, accountId, requestId, attempt, keys.exportTokenHash(exportId, token), now, ttl)
                .coveringFrom(coversFrom, keys.sealExportAddress(exportId, subjectEmail.strip()));
        exports.persist(export);
        exports.flush(); // the snapshot's rows refer to it
        ConsumerMatch match = ConsumerMatch.byEmail(
                keys.emailIndex(subjectEmail), subjectVisitorId == null ? null : keys.visitorIndex(subjectVisitorId));
        int chats = data.snapshot(exportId, accountId, ItemType.CHAT, match, coversFrom);
        int tickets = data.snapshot(exportId, accountId, ItemType.TICKET, match, coversFrom);
        export.recordCounts(chats, tickets);
        outbox.publish(new ExportReadyEvent(
                exportId,
                requestId,
                accountId,
                subjectEmail.strip(),
                chats,
                tickets,
                sealer.sealExportToken(token, exportId),
                export.preparedAt(),
                export.expiresAt(),
                export.coversFrom()));
        count("prepared");
        LOG.infof(
                "Export %s (attempt %d) prepared for request %s of account %s: %d chats, %d tickets",
                exportId, attempt, requestId, accountId, chats, tickets);
        return export;
    }

    /**
     * Sends a one-time code that opens the export to the address the copy was asked for ({@code
     * deletion.export-code-issued.v1}): only for the holder of the export's token, while the export lives and is
     * not locked, and at most {@code deletion.export.max-codes} times. A new code replaces the live one.
     *
     * @param exportId null when the caller's id was not even a UUID
     */
    @Transactional
    public IssuedCode issueCode(UUID exportId, String token) {
        DataExport export = live(exportId, token);
        if (export.isLocked()) {
            count("code-refused-locked");
            throw locked();
        }
        if (export.subjectAddress() == null) {
            // made before copies were sent by link: its copy went out in the mail
            throw ProblemException.conflict(
                    "export-mailed", "This copy was sent by mail; no code can open it here. Ask for a fresh copy.");
        }
        if (!export.hasCodesLeft(settings.maxCodes())) {
            count("code-refused-exhausted");
            throw ProblemException.conflict(
                    "no-codes-left",
                    settings.maxCodes() + " codes were already sent for this copy; no more can be. Ask for a"
                            + " fresh copy.");
        }
        Instant now = now();
        String code = VerificationCodes.newCode(settings.codeDigits());
        int number = export.issueCode(keys.exportCodeHash(export.id(), code), now, settings.codeValidity());
        outbox.publish(new ExportCodeIssuedEvent(
                export.id(),
                export.requestId(),
                export.accountId(),
                keys.openExportAddress(export.id(), export.subjectAddress()),
                sealer.sealExportCode(code, export.id()),
                number,
                export.codeExpiresAt()));
        count("code-issued");
        LOG.infof("Code %d of %d issued for export %s", number, settings.maxCodes(), export.id());
        return new IssuedCode(
                export.id(),
                number,
                settings.maxCodes() - export.codesIssued(),
                export.codeExpiresAt(),
                export.remainingAttempts(settings.maxAttempts()));
    }

    /**
     * Presents a code with the export's token: the right one (live, within its window) opens the export once and
     * returns its content; a wrong one counts against the export, which locks for good after {@code
     * deletion.export.max-attempts}. An unknown export and a wrong or missing token get the same answer (404),
     * so the endpoint tells nothing to someone without the token; an expired export is 410 to the token's
     * holder. Outcomes other than {@link DataExport.Opening#OPENED} are returned (and committed), not thrown.
     *
     * @param exportId null when the caller's id was not even a UUID
     */
    @Transactional
    public Presented open(UUID exportId, String token, String code) {
        DataExport export = live(exportId, token);
        DataExport.Opening outcome = export.present(code, keys::exportCodeMatches, now(), settings.maxAttempts());
        int attemptsLeft = export.remainingAttempts(settings.maxAttempts());
        switch (outcome) {
            case OPENED -> {
                Contents contents = contents(export);
                count("read");
                LOG.infof(
                        "Export %s opened: %d chats, %d tickets",
                        export.id(), contents.chats().size(), contents.tickets().size());
                return new Presented(outcome, attemptsLeft, contents);
            }
            case WRONG_CODE ->
                LOG.infof(
                        "Wrong code for export %s (%d of %d tries)",
                        export.id(), export.failedAttempts(), settings.maxAttempts());
            case LOCKED_NOW ->
                LOG.warnf("Export %s locked for good after %d wrong codes", export.id(), export.failedAttempts());
            default -> {}
        }
        count(
                switch (outcome) {
                    case WRONG_CODE -> "code-wrong";
                    case LOCKED_NOW -> "locked";
                    case LOCKED -> "refused-locked";
                    case NO_CODE -> "code-missing";
                    case CODE_EXPIRED -> "code-expired";
                    case OPENED -> "read";
                });
        return new Presented(outcome, attemptsLeft, null);
    }

    /** The refusal of a locked export. */
    public static ProblemException locked() {
        return ProblemException.conflict(
                "export-locked", "Too many wrong codes: this copy is locked for good. Ask for a fresh copy.");
    }

    /** The export for the holder of its token, locked for the transaction; 404 otherwise, 410 once expired. */
    private DataExport live(UUID exportId, String token) {
        DataExport export = exportId == null ? null : exports.findById(exportId, LockModeType.PESSIMISTIC_WRITE);
        String presented = token == null || token.length() > ExportTokens.MAX_LENGTH ? null : token;
        // hashed even for an unknown export, so that both refusals take the same time
        boolean matches = keys.exportTokenMatches(
                exportId == null ? NO_EXPORT : exportId, presented, export == null ? null : export.tokenHash());
        if (export == null || !matches) {
            count("refused");
            throw ProblemException.notFound("There is no export with this id and token.");
        }
        if (export.isExpiredAt(now())) {
            count("gone");
            throw new ProblemException(Problem.of(
                    "export-expired",
                    "Gone",
                    410,
                    "This export expired at " + export.expiresAt() + "; it can no longer be read.",
                    List.of()));
        }
        return export;
    }

    private Contents contents(DataExport export) {
        List<ItemRecord> chats = data.exported(export.id(), export.accountId(), ItemType.CHAT);
        List<ItemRecord> tickets = data.exported(export.id(), export.accountId(), ItemType.TICKET);
        Map<UUID, byte[]> dataKeys = vault.dataKeys(Stream.concat(chats.stream(), tickets.stream())
                .map(ItemRecord::id)
                .toList());
        return new Contents(
                export,
                open(ItemType.CHAT, chats, dataKeys, ChatContent.class),
                open(ItemType.TICKET, tickets, dataKeys, TicketContent.class));
    }

    /** Makes every export past its expiry unreadable for good; returns how many. */
    @Transactional
    public int sweepExpired() {
        int swept = data.sweepExpiredExports(now(), SWEEP_BATCH);
        if (swept > 0) {
            LOG.infof("%d expired export(s) swept", swept);
        }
        return swept;
    }

    private <T> List<Opened<T>> open(
            ItemType type, List<ItemRecord> items, Map<UUID, byte[]> dataKeys, Class<T> contentType) {
        List<Opened<T>> opened = new ArrayList<>(items.size());
        for (ItemRecord item : items) {
            byte[] dataKey = dataKeys.get(item.id());
            if (dataKey == null) {
                // its key was destroyed (a purge's crypto-erasure) since the items were read: as good as purged
                LOG.warnf("%s %s of an export has no data key; left out", type, item.id());
                continue;
            }
            String json = vault.open(type, item.id(), dataKey, item.content());
            try {
                opened.add(new Opened<>(item, mapper.readValue(json, contentType)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored content of " + type + " " + item.id() + " is not readable", e);
            }
        }
        return opened;
    }

    private void count(String outcome) {
        meters.counter("vault.exports", "outcome", outcome).increment();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
