package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ArchivedTicket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A batch of archived tickets of one account, stored in one transaction. */
public record IngestTicketsRequest(
        @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid ArchivedTicket> tickets) {}
