package io.chatprivacy.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event data's constraints hold through nested records and lists, with every property reachable. */
class EventDataTest {

    record Line(@NotBlank @Pattern(regexp = "[a-z]+") String word) {}

    record Letter(@NotBlank String title, @NotEmpty List<@Valid Line> lines) {}

    private static ValidatorFactory validators;
    private static EventData eventData;

    @BeforeAll
    static void start() {
        validators = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        eventData = new EventData(validators);
    }

    @AfterAll
    static void stop() {
        validators.close();
    }

    @Test
    void readsValidDataOntoItsRecord() {
        Letter letter = eventData.read(event("{\"title\":\"t\",\"lines\":[{\"word\":\"ab\"}]}"), Letter.class);

        assertThat(letter.lines()).extracting(Line::word).containsExactly("ab");
    }

    @Test
    void aNestedElementThatBreaksItsConstraintMakesThePoisonNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> eventData.read(
                        event("{\"title\":\"t\",\"lines\":[{\"word\":\"ab\"},{\"word\":\"SECRET1\"}]}"), Letter.class))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("lines[1].word")
                .hasMessageNotContaining("SECRET1");
    }

    @Test
    void theTopLevelConstraintsHoldToo() {
        assertThatThrownBy(() -> eventData.read(event("{\"title\":\" \",\"lines\":[]}"), Letter.class))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("title")
                .hasMessageContaining("lines");
    }

    private static IncomingEvent event(String data) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("letters", 0, 7L, "key", data);
        record.headers()
                .add(CloudEventHeaders.ID, "e-1".getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.TYPE, "letter.v1".getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.SOURCE, "/tests".getBytes(StandardCharsets.UTF_8));
        return IncomingEvent.from(record);
    }
}
