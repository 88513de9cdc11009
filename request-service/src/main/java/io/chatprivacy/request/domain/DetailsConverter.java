package io.chatprivacy.request.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stores a timeline entry's details (ids and counts, never personal data) as a JSON object in a text column. */
@Converter
class DetailsConverter implements AttributeConverter<Map<String, Object>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("timeline details are not serialisable", e);
        }
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(column, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored timeline details are not JSON", e);
        }
    }
}
