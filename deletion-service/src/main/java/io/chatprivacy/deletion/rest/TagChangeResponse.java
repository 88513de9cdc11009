package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.IngestService.TagResult;

/** What a tag change did. */
public record TagChangeResponse(TagResult result) {}
