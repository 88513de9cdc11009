package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the timeline names the mails notification-service reports, by the template on its events. */
class TimelineEntriesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "-",
            value = {
                "VERIFICATION_CODE, Verification code email to the account owner",
                "PURGE_CONFIRMATION, Deletion confirmation email to the account owner",
                "DECLINE_NOTICE, Decline notice email",
                "RECEIPT_CONFIRMATION, Receipt confirmation email to the consumer",
                "EXTENSION_NOTICE, Extension notice email",
                "COMPLETION_NOTICE, Completion notice email to the consumer",
                "ACCESS_EXPORT, Email with the link to the consumer's copy",
                "DEADLINE_REMINDER, Deadline reminder email to the account owner",
                "DEADLINE_ALERT, Overdue alert email to the account owner",
                "JOB_LOCKED_NOTICE, Lock notice email to the account owner",
                "APPEAL_RECEIVED_NOTICE, Appeal receipt email to the consumer",
                "APPEAL_DECISION_NOTICE, Appeal decision email to the consumer",
                "ACCESS_EXPORT_CODE, Email with the code that opens the consumer's copy",
                // a template added to notification-service later is named as it is
                "NEW_TEMPLATE, Notification NEW_TEMPLATE",
                "-, A notification",
            })
    void namesEachMailByItsTemplate(String template, String mail) {
        assertThat(TimelineEntries.notificationSent(UUID.randomUUID(), template, 1)
                        .summary())
                .isEqualTo(mail + " delivered.");
        assertThat(TimelineEntries.notificationFailed(UUID.randomUUID(), template, 2, "SMTP_UNAVAILABLE", false)
                        .summary())
                .isEqualTo(mail + " not delivered (attempt 2, SMTP_UNAVAILABLE); given up.");
    }
}
