package io.chatprivacy.notification.service;

import io.chatprivacy.notification.domain.Account;
import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.domain.RenderedMail;
import io.chatprivacy.notification.mail.SelfTestAlertMail;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.chatprivacy.notification.service.reports.SelfTestFailed;
import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.TransientEventException;
import io.chatprivacy.platform.text.TextRules;
import io.chatprivacy.platform.tx.AfterCommit;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Alerts an account's owner (registered address) that the account's opt-out self-test failed
 * ({@code consent.opt-out-self-test-failed.v1}): queued in the delivery log like every mail, sent by {@link
 * MailDispatcher} after commit.
 */
@ApplicationScoped
public class SelfTestAlerts {

    private static final Logger LOG = Logger.getLogger(SelfTestAlerts.class);
    private static final String WAKE_KEY = SelfTestAlerts.class.getName() + ".wake";

    private final AccountRepository accounts;
    private final OutgoingMailRepository mails;
    private final MailDispatcher dispatcher;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final Template text;
    private final Template html;

    SelfTestAlerts(
            AccountRepository accounts,
            OutgoingMailRepository mails,
            MailDispatcher dispatcher,
            AfterCommit afterCommit,
            Clock clock,
            @Location("mail/opt-out-self-test-alert.txt") Template text,
            @Location("mail/opt-out-self-test-alert.html") Template html) {
        this.accounts = accounts;
        this.mails = mails;
        this.dispatcher = dispatcher;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.text = text;
        this.html = html;
    }

    /**
     * Queues the alert for the account's owner.
     *
     * @throws TransientEventException if the account is not known here yet
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingMail queue(UUID accountId, SelfTestFailed failed, EventOrigin origin) {
        Account account = accounts.findByIdOptional(accountId)
                .orElseThrow(() -> new TransientEventException(
                        "account " + accountId + " is not known here yet; its owner address is needed"));
        SelfTestAlertMail model = new SelfTestAlertMail(
                account.name(), accountId, failed.runId(), failed.failedCheck(), failed.startedAt(), failed.failedAt());
        String subject = "Opt-out self-test FAILED for " + account.name() + ": " + failed.failedCheck();
        RenderedMail rendered = new RenderedMail(
                TextRules.withoutControls(subject).replaceAll("[\\t\\n\\r\\u2028\\u2029]", " "),
                TextRules.withoutControls(text.data("mail", model).render()),
                TextRules.withoutControls(html.data("mail", model).render()));
        OutgoingMail mail = OutgoingMail.queue(
                accountId,
                null,
                null,
                MailTemplate.OPT_OUT_SELF_TEST_ALERT,
                account.ownerEmail(),
                rendered,
                origin.eventId(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        mails.persist(mail);
        afterCommit.run(WAKE_KEY, dispatcher::wakeUp);
        LOG.infof(
                "Queued mail %s (%s) about self-test run %s of account %s",
                mail.id(), mail.template(), failed.runId(), accountId);
        return mail;
    }
}
