package io.chatprivacy.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Counts the mails each cycle's request produced, from the mailbox at the end of the run: for every
 * request, the mails to its recipient that name it, by subject (ids in a subject shown as {@code <id>}). Expected: a deletion's code mail and
 * confirmation mail to the owner, an access request's copy to the visitor (whatever else names the
 * request, such as the receipt letter, is counted by subject); a subject seen twice for one request is
 * a duplicate.
 */
final class MailAudit {

    /** A mail as the mail API lists it. */
    record Mail(String id, List<String> to, String subject, String text) {}

    /** The audit: expected mails missing, repeats, and every mail of the run's requests by subject. */
    record Result(
            long requests, long expected, long missing, long duplicates, long mails, Map<String, Long> bySubject) {}

    /** Ids in subjects (a confirmation names its receipt) are left out of the totals by subject. */
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern CODE = Pattern.compile("(?i)verification code:?\\s*([0-9]{8,18})");

    private MailAudit() {}

    static Result audit(List<RightsFlows.Cycle> cycles, List<Mail> mailbox) {
        long requests = 0;
        long expected = 0;
        long missing = 0;
        long duplicates = 0;
        long mails = 0;
        Map<String, Long> bySubject = new TreeMap<>();
        for (RightsFlows.Cycle cycle : cycles) {
            if (cycle.requestId() == null) {
                continue; // no request was opened: nothing to mail
            }
            requests++;
            List<Mail> ours = new ArrayList<>();
            for (Mail mail : mailbox) {
                if (mail.text().contains(cycle.requestId())
                        && mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(cycle.recipient()))) {
                    ours.add(mail);
                }
            }
            mails += ours.size();
            Map<String, Long> subjects = new TreeMap<>();
            ours.forEach(m -> subjects.merge(m.subject(), 1L, Long::sum));
            subjects.forEach((subject, count) -> bySubject.merge(
                    cycle.kind().toLowerCase(Locale.ROOT) + ": "
                            + UUID.matcher(subject).replaceAll("<id>"),
                    count,
                    Long::sum));
            duplicates += subjects.values().stream().mapToLong(c -> c - 1).sum();
            if (cycle.kind().equals("DELETE")) {
                expected += 2;
                boolean code =
                        ours.stream().anyMatch(m -> CODE.matcher(m.text()).find());
                boolean confirmation =
                        ours.stream().anyMatch(m -> !CODE.matcher(m.text()).find());
                missing += (code ? 0 : 1) + (confirmation ? 0 : 1);
            } else {
                expected += 1;
                boolean copy = ours.stream().anyMatch(m -> m.text().contains("Chat " + cycle.chatId()));
                missing += copy ? 0 : 1;
            }
        }
        return new Result(requests, expected, missing, duplicates, mails, bySubject);
    }
}
