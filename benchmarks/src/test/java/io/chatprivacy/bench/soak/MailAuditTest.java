package io.chatprivacy.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailAuditTest {

    private static final String OWNER = "owner@demo.example";

    @Test
    void aDeletionExpectsItsCodeAndItsConfirmationAnAccessItsCopy() {
        List<RightsFlows.Cycle> cycles = List.of(
                new RightsFlows.Cycle("DELETE", 1, "r-1", OWNER, null, true, 3),
                new RightsFlows.Cycle("ACCESS", 1, "r-2", "v@visitors.example", "c-9", true, 2));
        List<MailAudit.Mail> mailbox = List.of(
                mail("1", OWNER, "Confirm the deletion", "Verification code: 123456789012 Request: r-1"),
                mail(
                        "2",
                        OWNER,
                        "Deletion completed for Demo Shop (receipt 5abc0175-5e46-4a4e-958a-fd4caffa2966)",
                        "Chats deleted: 50 Request: r-1"),
                mail("3", "v@visitors.example", "We received your request", "Request: r-2"),
                mail("4", "v@visitors.example", "Your data", "Chat c-9 ... Request: r-2"),
                mail("5", OWNER, "Something else", "Request: r-other"));
        MailAudit.Result result = MailAudit.audit(cycles, mailbox);
        assertThat(result.requests()).isEqualTo(2);
        assertThat(result.expected()).isEqualTo(3);
        assertThat(result.missing()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.mails()).isEqualTo(4);
        assertThat(result.bySubject())
                .containsEntry("delete: Confirm the deletion", 1L)
                .containsEntry("delete: Deletion completed for Demo Shop (receipt <id>)", 1L)
                .containsEntry("access: We received your request", 1L);
    }

    @Test
    void aMissingConfirmationAndARepeatedCopyAreCounted() {
        List<RightsFlows.Cycle> cycles = List.of(
                new RightsFlows.Cycle("DELETE", 1, "r-1", OWNER, null, false, 3),
                new RightsFlows.Cycle("ACCESS", 1, "r-2", "v@visitors.example", "c-9", true, 2),
                new RightsFlows.Cycle("ACCESS", 2, null, "w@visitors.example", "c-10", false, 2));
        List<MailAudit.Mail> mailbox = List.of(
                mail("1", OWNER, "Confirm the deletion", "Verification code: 123456789012 Request: r-1"),
                mail("4", "v@visitors.example", "Your data", "Chat c-9 Request: r-2"),
                mail("5", "V@visitors.example", "Your data", "Chat c-9 Request: r-2"),
                // the request id in a mail to someone else is not the request's mail
                mail("6", "x@visitors.example", "Your data", "Chat c-9 Request: r-2"));
        MailAudit.Result result = MailAudit.audit(cycles, mailbox);
        assertThat(result.requests()).isEqualTo(2); // no request was opened in the third cycle
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
    }

    private static MailAudit.Mail mail(String id, String to, String subject, String text) {
        return new MailAudit.Mail(id, List.of(to), subject, text);
    }
}
