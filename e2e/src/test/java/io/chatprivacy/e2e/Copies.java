package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.Service;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access copies as the consumer gets them: the access mail carries no content, only a link to the privacy center's
 * copy page with the export's token; the page asks deletion-service for a one-time code, which is mailed to the
 * consumer, and token and code together open the copy. Here the link is read from the mail at the SMTP server and
 * followed through deletion-service's API, exactly the calls the console's page makes server side.
 */
final class Copies {

    static final String ACCESS_SUBJECT = "Your chat data from ";
    static final String CODE_SUBJECT = "Your code to open your chat data from ";
    private static final Pattern LINK = Pattern.compile(
            "(https?://[^\\s\"<>]+/privacy/([0-9a-f-]{36})/copies/([0-9a-f-]{36}))\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CODE = Pattern.compile("Your code: (\\d{8})");
    private static final Duration WAIT = Duration.ofSeconds(120);

    private Copies() {}

    /** The link of an access mail: the page, the account, the export and the token. */
    record Link(String page, String accountId, String exportId, String token) {

        String url() {
            return page + "?token=" + token;
        }
    }

    static boolean isAccessMail(MimeMessage message) {
        return Mails.subject(message).startsWith(ACCESS_SUBJECT);
    }

    /** The link in an access mail (the text part's, which the HTML part repeats). */
    static Link link(MimeMessage accessMail) {
        Matcher found = LINK.matcher(Mails.decoded(accessMail));
        assertThat(found.find()).as("a copy link in the access mail").isTrue();
        return new Link(found.group(1), found.group(2), found.group(3), found.group(4));
    }

    /** The access mails to this address so far. */
    static List<MimeMessage> accessMails(MailServer mail, String address) {
        return mail.messagesTo(address).stream().filter(Copies::isAccessMail).toList();
    }

    /** Waits for the access mails to this address to reach a count, and returns them. */
    static List<MimeMessage> awaitAccessMails(MailServer mail, String address, int count) {
        return await().atMost(WAIT).until(() -> accessMails(mail, address), found -> found.size() >= count);
    }

    /** "Email me a code": 202, then the code read from the consumer's mail about this copy. */
    static String askForCode(RunningSystem system, MailServer mail, String address, Link link) {
        int before = codeMails(mail, address, link).size();
        RunningSystem.Response asked = system.callWithHeaders(
                "POST", Service.DELETION, "/exports/" + link.exportId() + "/codes", token(link), null);
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        return awaitCode(mail, address, link, before + 1);
    }

    /** The code of the n-th code mail (1 for the first) about this copy, once it arrived. */
    static String awaitCode(MailServer mail, String address, Link link, int nth) {
        MimeMessage codeMail = await().atMost(WAIT)
                .until(() -> codeMails(mail, address, link), found -> found.size() >= nth)
                .get(nth - 1);
        assertThat(Mails.recipients(codeMail)).containsExactly(address);
        Matcher code = CODE.matcher(Mails.decoded(codeMail));
        assertThat(code.find()).as("a code in the code mail").isTrue();
        return code.group(1);
    }

    /** Token and code: the copy deletion-service answers with (200), as JSON. */
    static JsonNode open(RunningSystem system, Link link, String code) {
        RunningSystem.Response opened = system.callWithHeaders(
                "POST", Service.DELETION, "/exports/" + link.exportId() + "/open", token(link), Map.of("code", code));
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        JsonNode copy = opened.json();
        assertThat(copy.get("exportId").asText()).isEqualTo(link.exportId());
        assertThat(copy.get("accountId").asText()).isEqualTo(link.accountId());
        return copy;
    }

    /** Follows the link as the consumer does: a code to their address, then the copy. */
    static JsonNode follow(RunningSystem system, MailServer mail, String address, MimeMessage accessMail) {
        Link link = link(accessMail);
        // the token alone opens nothing: without the code there is no copy
        RunningSystem.Response withoutCode = system.callWithHeaders(
                "POST", Service.DELETION, "/exports/" + link.exportId() + "/open", token(link), Map.of());
        assertThat(withoutCode.status()).as(withoutCode.body()).isEqualTo(400);
        return open(system, link, askForCode(system, mail, address, link));
    }

    private static List<MimeMessage> codeMails(MailServer mail, String address, Link link) {
        return mail.messagesTo(address).stream()
                .filter(m -> Mails.subject(m).startsWith(CODE_SUBJECT))
                .filter(m -> Mails.decoded(m).contains(link.exportId()))
                .toList();
    }

    private static Map<String, String> token(Link link) {
        return Map.of("X-Export-Token", link.token());
    }
}
