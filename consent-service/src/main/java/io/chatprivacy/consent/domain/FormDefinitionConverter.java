package io.chatprivacy.consent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link FormDefinition} as JSON text; versions are read whole and never queried inside. */
@Converter
public class FormDefinitionConverter implements AttributeConverter<FormDefinition, String> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(FormDefinition definition) {
        try {
            return JSON.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("form definition is not serialisable", e);
        }
    }

    @Override
    public FormDefinition convertToEntityAttribute(String json) {
        try {
            return JSON.readValue(json, FormDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form definition is not readable", e);
        }
    }
}
