package io.chatprivacy.deletion.rest;

import java.util.List;

/** One page of a listing; {@code next} is the cursor ({@code after=}) of the following page, null at the end. */
public record PageResponse<T>(List<T> items, String next) {}
