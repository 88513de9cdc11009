package io.chatprivacy.notification.service.reports;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The records the consumers read events onto: which addresses they accept and where a letter goes. */
class ReportsTest {

    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    private static final Instant DUE = Instant.parse("2027-01-13T10:20:00Z");

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void theReceiptOfAnEmailCorrectionGoesToTheCorrectedAddress() {
        RequestOpened opened =
                opened("CORRECT", "old@example.com", new RequestOpened.Correction("EMAIL", " new@example.com "));

        assertThat(opened.receiptAddress()).isEqualTo("new@example.com");
        assertThat(violations(opened)).isEmpty();
    }

    @Test
    void aCorrectedAddressThatIsAListIsRefused() {
        RequestOpened opened =
                opened("CORRECT", null, new RequestOpened.Correction("EMAIL", "a@example.com, b@example.com"));

        assertThat(violations(opened)).containsExactly("receiptAddressSingle");
    }

    @Test
    void aNameCorrectionIsToldAtTheConsumersAddressWhateverTheName() {
        RequestOpened opened =
                opened("CORRECT", "jo@example.com", new RequestOpened.Correction("NAME", "Jo, \"the\" <Consumer>"));

        assertThat(opened.receiptAddress()).isEqualTo("jo@example.com");
        assertThat(violations(opened)).isEmpty();
    }

    @Test
    void aRequestWithoutAnAddressHasNoReceiptAndIsValid() {
        RequestOpened opened = opened("DELETE", "  ", null);

        assertThat(opened.receiptAddress()).isNull();
        assertThat(violations(opened)).isEmpty();
    }

    @Test
    void anAddressWithAHeaderInjectionIsRefusedWhereverItIsCarried() {
        String injected = "a@b.example\r\nBcc: everyone@example.com";

        assertThat(violations(new RequestDeclined(UUID.randomUUID(), null, "ACCESS", null, injected, "R", null, null)))
                .containsExactly("subjectEmail");
        assertThat(violations(opened("ACCESS", injected, null))).containsExactly("receiptAddressSingle");
    }

    @Test
    void anAccessCopyNeedsAnAddressAndItsSealedToken() {
        ExportReady export =
                new ExportReady(UUID.randomUUID(), UUID.randomUUID(), null, " ", 1, 0, null, null, DUE, null);

        assertThat(violations(export)).contains("subjectEmail", "sealedToken");
    }

    @Test
    void aConsumersCodeNeedsOneAddressItsSealedCodeAndExpiry() {
        assertThat(violations(new ConsumerVerificationIssued(null, null, "ACCESS", " ", null, null, 1)))
                .containsExactlyInAnyOrder("intakeId", "subjectEmail", "sealedCode", "expiresAt");
        assertThat(violations(new ConsumerVerificationIssued(
                        UUID.randomUUID(),
                        null,
                        "ACCESS",
                        "a@b.example\r\nBcc: everyone@example.com",
                        "sealed",
                        DUE,
                        1)))
                .containsExactly("subjectEmail");
        assertThat(violations(new ConsumerVerificationIssued(
                        UUID.randomUUID(), null, "DELETE", " jo@example.com ", "sealed", DUE, null)))
                .isEmpty();
    }

    @Test
    void anAppealDecisionIsUpheldOrReversedAndAnUpheldOneCarriesTheAttorneyGeneralsWords() {
        assertThat(violations(decided("UPHELD", "Contact the Attorney General: coag.gov.")))
                .isEmpty();
        assertThat(violations(decided("REVERSED", null))).isEmpty();
        assertThat(violations(decided("UPHELD", null))).containsExactly("attorneyGeneralContactGiven");
        assertThat(violations(decided("UPHELD", "  "))).containsExactly("attorneyGeneralContactGiven");
        assertThat(violations(decided("MAYBE", "Contact the Attorney General: coag.gov.")))
                .containsExactly("decision");
        assertThat(violations(new AppealDecided(null, null, "ACCESS", "CO", null, null, null, null, null, null, null)))
                .containsExactlyInAnyOrder("requestId", "decision", "explanation", "dueAt");
    }

    @Test
    void anAppealsLettersGoToOneAddressOrNone() {
        String injected = "a@b.example\r\nBcc: everyone@example.com";
        AppealReceived received =
                new AppealReceived(UUID.randomUUID(), null, "ACCESS", "CO", " jo@example.com ", DUE, DUE);

        assertThat(received.subjectAddress()).isEqualTo("jo@example.com");
        assertThat(violations(received)).isEmpty();
        assertThat(new AppealReceived(UUID.randomUUID(), null, "DELETE", "CO", null, DUE, DUE).subjectAddress())
                .isNull();
        assertThat(violations(new AppealReceived(UUID.randomUUID(), null, "ACCESS", "CO", injected, DUE, DUE)))
                .containsExactly("subjectEmail");
        assertThat(violations(new AppealReceived(null, null, "ACCESS", "CO", null, DUE, null)))
                .containsExactlyInAnyOrder("requestId", "dueAt");
        assertThat(received.toString()).doesNotContain("jo@example.com");
        assertThat(decided("UPHELD", "AG").toString()).doesNotContain("jo@example.com");
    }

    @Test
    void whatARecordPrintsNamesNoAddressNoCodeNoToken() {
        ExportReady export = new ExportReady(
                UUID.randomUUID(), UUID.randomUUID(), null, "jo@example.com", 1, 0, "sealed-token", null, DUE, null);
        VerificationIssued issued =
                new VerificationIssued(UUID.randomUUID(), UUID.randomUUID(), null, "Delete", 1, 1, "sealed-code", DUE);

        ConsumerVerificationIssued consumerCode = new ConsumerVerificationIssued(
                UUID.randomUUID(), null, "ACCESS", "jo@example.com", "sealed-consumer-code", DUE, 2);
        RequestOpened withToken = new RequestOpened(
                UUID.randomUUID(), null, "ACCESS", "jo@example.com", null, DUE, null, "sealed-status-token");

        assertThat(export.toString()).doesNotContain("jo@example.com", "sealed-token");
        assertThat(issued.toString()).doesNotContain("sealed-code");
        assertThat(opened("ACCESS", "jo@example.com", null).toString()).doesNotContain("jo@example.com");
        assertThat(consumerCode.toString()).doesNotContain("jo@example.com", "sealed-consumer-code");
        assertThat(withToken.toString()).doesNotContain("jo@example.com", "sealed-status-token");
    }

    private static AppealDecided decided(String decision, String attorneyGeneralContact) {
        return new AppealDecided(
                UUID.randomUUID(),
                null,
                "ACCESS",
                "CO",
                "jo@example.com",
                decision,
                "Nothing is left to copy.",
                attorneyGeneralContact,
                "C.R.S. §6-1-1306",
                DUE,
                DUE);
    }

    private static RequestOpened opened(String type, String subjectEmail, RequestOpened.Correction correction) {
        return new RequestOpened(UUID.randomUUID(), null, type, subjectEmail, null, DUE, correction, null);
    }

    private static <T> Set<String> violations(T value) {
        return validator.validate(value).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }
}
