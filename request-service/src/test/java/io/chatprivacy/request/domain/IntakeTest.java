package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a request records beyond its scope: a correction is complete, and erasure keeps no one's name. */
class IntakeTest {

    @Test
    void aCorrectionNamesTheFieldAndItsNewValue() {
        assertThatThrownBy(() -> Intake.NONE.checkFor(RequestType.CORRECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a correction names the field and its new value");
        assertThatThrownBy(() -> new Intake(null, null, CorrectionField.NAME, null).checkFor(RequestType.CORRECT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new Intake(null, null, CorrectionField.NAME, "Ann").checkFor(RequestType.CORRECT))
                .doesNotThrowAnyException();
        assertThatCode(() -> Intake.NONE.checkFor(RequestType.ACCESS)).doesNotThrowAnyException();
    }

    @Test
    void onlyAnEmailCorrectionNamesANewAddress() {
        assertThat(new Intake(null, null, CorrectionField.EMAIL, "new@example.com").correctedEmail())
                .isEqualTo("new@example.com");
        assertThat(new Intake(null, null, CorrectionField.NAME, "Ann Smith").correctedEmail())
                .isNull();
        assertThat(Intake.NONE.correctedEmail()).isNull();
    }

    @Test
    void erasureDropsTheAgentAndTheNewValueButKeepsWhatWasAsked() {
        assertThat(new Intake("Agents Inc", true, CorrectionField.EMAIL, "new@example.com").erased())
                .isEqualTo(new Intake(null, true, CorrectionField.EMAIL, null));
        assertThat(Intake.NONE.erased()).isEqualTo(Intake.NONE);
    }
}
