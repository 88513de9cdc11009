package io.chatprivacy.bench.soak;

import io.chatprivacy.bench.purge.ChatLoader;
import io.chatprivacy.bench.purge.DeletionEventWatcher;
import io.chatprivacy.bench.purge.StackClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The steady mix beside the consents, each cycle as its users would do it:
 *
 * <ul>
 *   <li><b>deletion by tag</b>: the chat platform archives N chats with a tag of the cycle's own (to
 *       {@code chat-transcripts}); once the vault holds them an agent opens a DELETE request for the tag;
 *       the owner reads the code from the mail, presents it; the cycle ends with
 *       {@code deletion.purge-completed.v1} (N chats deleted) and the confirmation mail;
 *   <li><b>access</b>: one chat of a visitor of the cycle's own is archived; an agent opens an ACCESS
 *       request for the visitor's address; the cycle ends when the copy (a mail to that address naming the
 *       chat) has arrived and request-service shows the request COMPLETED.
 * </ul>
 *
 * Each cycle's outcome is recorded; a failed step ends the cycle with an error of its kind.
 */
final class RightsFlows {

    static final String PURGE_COMPLETED = "deletion.purge-completed.v1";

    /** A cycle that was started: its kind, request id (null if none was opened), and how it ended. */
    record Cycle(String kind, int n, String requestId, String recipient, String chatId, boolean ok, double seconds) {}

    private final StackClient stack;
    private final ChatLoader loader;
    private final DeletionEventWatcher events;
    private final String accountId;
    private final String ownerToken;
    private final String agentToken;
    private final String ownerEmail;
    private final String run;
    private final int chatsPerDeletion;
    private final long stepMillis;
    private final List<Cycle> cycles = new CopyOnWriteArrayList<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final AtomicLong deletionsDone = new AtomicLong();
    private final AtomicLong accessesDone = new AtomicLong();
    private final AtomicLong flowMails = new AtomicLong();

    RightsFlows(
            StackClient stack,
            ChatLoader loader,
            DeletionEventWatcher events,
            String accountId,
            String ownerToken,
            String agentToken,
            String ownerEmail,
            String run,
            int chatsPerDeletion,
            long stepMillis) {
        this.stack = stack;
        this.loader = loader;
        this.events = events;
        this.accountId = accountId;
        this.ownerToken = ownerToken;
        this.agentToken = agentToken;
        this.ownerEmail = ownerEmail;
        this.run = run;
        this.chatsPerDeletion = chatsPerDeletion;
        this.stepMillis = stepMillis;
    }

    /** One deletion by tag, start to confirmation mail. */
    void deletion(int n) {
        long start = System.nanoTime();
        String tag = "soak-" + run + "-d" + n;
        String requestId = null;
        boolean ok = false;
        try {
            loader.send(accountId, run, tag, chatsPerDeletion, 4);
            if (!loader.awaitStored(accountId, tag, chatsPerDeletion, stepMillis, () -> Double.NaN, soFar -> {})) {
                error("deletion: chats not in the vault in time");
                return;
            }
            requestId = stack.openDeleteRequest(agentToken, tag);
            if (requestId == null) {
                error("deletion: request not opened");
                return;
            }
            StackClient.Mail code = stack.awaitMail(ownerEmail, requestId, true, stepMillis);
            if (code == null || StackClient.code(code) == null) {
                error("deletion: no code mail");
                return;
            }
            flowMails.incrementAndGet();
            HttpResponse<String> presented = stack.presentCode(ownerToken, requestId, StackClient.code(code));
            if (presented.statusCode() != 200 && presented.statusCode() != 202) {
                error("deletion: code refused (" + presented.statusCode() + ")");
                return;
            }
            DeletionEventWatcher.Seen completed = events.await(requestId, PURGE_COMPLETED, stepMillis);
            if (completed == null) {
                error("deletion: no purge-completed");
                return;
            }
            if (completed.data().path("chatsDeleted").asInt() != chatsPerDeletion) {
                error("deletion: chatsDeleted "
                        + completed.data().path("chatsDeleted").asInt() + " != " + chatsPerDeletion);
                return;
            }
            if (stack.awaitMail(ownerEmail, requestId, false, stepMillis) == null) {
                error("deletion: no confirmation mail");
                return;
            }
            flowMails.incrementAndGet();
            deletionsDone.incrementAndGet();
            ok = true;
        } catch (Exception e) {
            error("deletion: " + e.getClass().getSimpleName());
        } finally {
            cycles.add(new Cycle("DELETE", n, requestId, ownerEmail, null, ok, (System.nanoTime() - start) / 1e9));
        }
    }

    /** One access request, start to copy mailed and request completed. */
    void access(int n) {
        long start = System.nanoTime();
        String tag = "soak-" + run + "-a" + n;
        String chatId = ChatLoader.chatId(run, tag, 0);
        String email = ChatLoader.visitorEmail(chatId);
        String requestId = null;
        boolean ok = false;
        try {
            loader.send(accountId, run, tag, 1, 4);
            if (!loader.awaitStored(accountId, tag, 1, stepMillis, () -> Double.NaN, soFar -> {})) {
                error("access: chat not in the vault in time");
                return;
            }
            requestId = stack.openRightsRequest(
                    agentToken, "{\"type\":\"ACCESS\",\"subjectEmail\":\"" + email + "\",\"channel\":\"EMAIL\"}");
            if (requestId == null) {
                error("access: request not opened");
                return;
            }
            if (stack.awaitMail(email, requestId, text -> text.contains("Chat " + chatId), stepMillis) == null) {
                error("access: no copy mailed");
                return;
            }
            flowMails.incrementAndGet();
            long deadline = System.currentTimeMillis() + stepMillis;
            String status = null;
            while (System.currentTimeMillis() < deadline
                    && !"COMPLETED".equals(status = stack.requestStatus(agentToken, requestId))) {
                Thread.sleep(250);
            }
            if (!"COMPLETED".equals(status)) {
                error("access: request " + status + ", not COMPLETED");
                return;
            }
            accessesDone.incrementAndGet();
            ok = true;
        } catch (Exception e) {
            error("access: " + e.getClass().getSimpleName());
        } finally {
            cycles.add(new Cycle("ACCESS", n, requestId, email, chatId, ok, (System.nanoTime() - start) / 1e9));
        }
    }

    private synchronized void error(String kind) {
        errors.merge(kind, 1L, Long::sum);
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    long deletionsDone() {
        return deletionsDone.get();
    }

    long accessesDone() {
        return accessesDone.get();
    }

    /** Mails the cycles waited for and got (codes, confirmations, copies). */
    long flowMails() {
        return flowMails.get();
    }

    List<Cycle> cycles() {
        return List.copyOf(cycles);
    }
}
