package io.chatprivacy.request.domain.jurisdiction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.ClockRules;
import io.chatprivacy.request.domain.ClockRules.DayCount;
import io.chatprivacy.request.domain.RequestType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One jurisdiction's rules for rights requests, read from {@code jurisdictions/<code>.json}: which rights it
 * grants and which need the consumer verified, its clocks (acknowledgement, response, per-type response,
 * extension), its appeal of a denial (absent where the law has none), the universal opt-out signals honoured,
 * each rule with the statute section it rests on ({@code citation}) and, where the law leaves a number to the
 * business or a detail is unconfirmed, a {@code note} saying so.
 *
 * @param code two upper-case letters, the file's name (CA, VA, ...)
 * @param name the jurisdiction's name
 * @param law the statute, by name and where it is codified
 * @param rights the rights granted; a type missing here is refused in this jurisdiction
 * @param acknowledgement the period to confirm receipt within
 * @param response the period to answer within
 * @param responseByType types with a response period of their own
 * @param extension the one extension of the response period
 * @param appeal the consumer's appeal of a denial; null where the law grants none
 * @param optOutSignals universal opt-out signals honoured, each from a date
 * @param notes what else a reader should know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JurisdictionPack(
        String code,
        String name,
        String law,
        Map<RequestType, Right> rights,
        Deadline acknowledgement,
        Deadline response,
        Map<RequestType, Deadline> responseByType,
        ExtensionRule extension,
        AppealRule appeal,
        List<OptOutSignal> optOutSignals,
        List<String> notes) {

    /** A right the jurisdiction grants: whether the consumer must be verified first, and where the law says so. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Right(Boolean verification, String citation, String note) {}

    /** A period: its days, how they count, and the statute section that sets it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deadline(Integer days, DayCount count, String citation, String note) {

        ClockRules.Period period() {
            return new ClockRules.Period(days, count);
        }
    }

    /**
     * The one extension: its days, how they count, the types it is not for, whether it needs a reason and must be
     * taken (and the consumer told) before the original due date, and what the notice tells the consumer.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExtensionRule(
            Integer days,
            DayCount count,
            Boolean reasonRequired,
            Boolean noticeBeforeDueDate,
            Set<RequestType> notFor,
            String notice,
            String citation,
            String note) {}

    /**
     * The consumer's appeal of a denial: within {@code windowDays} calendar days of the decline, decided within
     * {@code decision} (which {@code decisionExtension} may lengthen where the law allows), and, when the appeal is
     * denied, the consumer told how to reach the attorney general ({@code attorneyGeneralContact}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppealRule(
            Integer windowDays,
            Deadline decision,
            Deadline decisionExtension,
            String attorneyGeneralContact,
            String citation,
            String note) {}

    /** A universal opt-out signal (GPC) the jurisdiction requires honouring, from a date (null: since the law). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptOutSignal(String signal, LocalDate honouredFrom, String citation, String note) {}

    /** Whether the jurisdiction grants a right of {@code type}. */
    public boolean grants(RequestType type) {
        return rights != null && rights.containsKey(type);
    }

    /** Whether a request of {@code type} needs the consumer verified (false for a right not granted). */
    public boolean needsVerification(RequestType type) {
        return grants(type) && Boolean.TRUE.equals(rights.get(type).verification());
    }

    /** Whether a denial may be appealed. */
    public boolean hasAppeal() {
        return appeal != null;
    }

    /** The numbers the statutory clock counts with. */
    @JsonIgnore
    public ClockRules clockRules() {
        Map<RequestType, ClockRules.Period> byType = new EnumMap<>(RequestType.class);
        if (responseByType != null) {
            responseByType.forEach((type, deadline) -> byType.put(type, deadline.period()));
        }
        return new ClockRules(
                acknowledgement.period(),
                response.period(),
                byType,
                new ClockRules.Period(extension.days(), extension.count()),
                extension.notFor());
    }

    /**
     * What is wrong with this pack, read from {@code file}; empty when nothing is. Every rule must carry its
     * citation; opt-outs and limits are never verified (the system applies them at once); periods are positive.
     */
    public List<String> problems(String fileCode) {
        List<String> problems = new ArrayList<>();
        if (code == null || !code.matches("[A-Z]{2}")) {
            problems.add("code must be two upper-case letters");
        } else if (!code.equals(fileCode)) {
            problems.add("code " + code + " does not match the file's name " + fileCode);
        }
        blank(problems, "name", name);
        blank(problems, "law", law);
        if (rights == null || rights.isEmpty()) {
            problems.add("rights must name at least one right");
        } else {
            rights.forEach((type, right) -> {
                if (type == null || right == null) {
                    problems.add("rights must map a request type to a rule");
                    return;
                }
                blank(problems, "rights." + type + ".citation", right.citation());
                if (right.verification() == null) {
                    problems.add("rights." + type + ".verification must be true or false");
                } else if (right.verification() && (type == RequestType.OPT_OUT || type == RequestType.LIMIT)) {
                    problems.add("rights." + type + ".verification must be false: opt-outs are applied at once");
                }
            });
        }
        deadline(problems, "acknowledgement", acknowledgement);
        deadline(problems, "response", response);
        if (responseByType != null) {
            responseByType.forEach((type, deadline) -> {
                deadline(problems, "responseByType." + type, deadline);
                if (!grants(type)) {
                    problems.add("responseByType." + type + " names a right the pack does not grant");
                }
            });
        }
        if (extension == null) {
            problems.add("extension is required");
        } else {
            if (extension.days() == null || extension.days() <= 0) {
                problems.add("extension.days must be positive");
            }
            if (extension.count() == null) {
                problems.add("extension.count must be BUSINESS or CALENDAR");
            }
            blank(problems, "extension.citation", extension.citation());
            blank(problems, "extension.notice", extension.notice());
            if (!Boolean.TRUE.equals(extension.reasonRequired())
                    || !Boolean.TRUE.equals(extension.noticeBeforeDueDate())) {
                problems.add("extension.reasonRequired and extension.noticeBeforeDueDate must be true: the service"
                        + " always tells the consumer why before the due date");
            }
        }
        if (appeal != null) {
            if (appeal.windowDays() == null || appeal.windowDays() <= 0) {
                problems.add("appeal.windowDays must be positive");
            }
            deadline(problems, "appeal.decision", appeal.decision());
            if (appeal.decisionExtension() != null) {
                deadline(problems, "appeal.decisionExtension", appeal.decisionExtension());
            }
            blank(problems, "appeal.attorneyGeneralContact", appeal.attorneyGeneralContact());
            blank(problems, "appeal.citation", appeal.citation());
        }
        if (optOutSignals != null) {
            for (int i = 0; i < optOutSignals.size(); i++) {
                OptOutSignal signal = optOutSignals.get(i);
                if (signal == null) {
                    problems.add("optOutSignals[" + i + "] must not be null");
                    continue;
                }
                blank(problems, "optOutSignals[" + i + "].signal", signal.signal());
                blank(problems, "optOutSignals[" + i + "].citation", signal.citation());
            }
        }
        return problems;
    }

    private static void deadline(List<String> problems, String field, Deadline deadline) {
        if (deadline == null) {
            problems.add(field + " is required");
            return;
        }
        if (deadline.days() == null || deadline.days() <= 0) {
            problems.add(field + ".days must be positive");
        }
        if (deadline.count() == null) {
            problems.add(field + ".count must be BUSINESS or CALENDAR");
        }
        blank(problems, field + ".citation", deadline.citation());
    }

    private static void blank(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " must not be blank");
        }
    }
}
