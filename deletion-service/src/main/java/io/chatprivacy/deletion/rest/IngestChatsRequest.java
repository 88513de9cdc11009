package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ArchivedChat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A batch of archived chats of one account, stored in one transaction. */
public record IngestChatsRequest(
        @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid ArchivedChat> chats) {}
