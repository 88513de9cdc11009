package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.IngestService.ItemResult;

/** What ingesting one item did: {@code CREATED}, {@code UPDATED} or {@code UNCHANGED} (an older version). */
public record IngestResponse(String id, ItemResult result) {}
