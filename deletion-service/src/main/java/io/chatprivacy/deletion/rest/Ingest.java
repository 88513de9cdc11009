package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.service.IngestService.ItemResult;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** How the HTTP ingest endpoints check the account and answer. */
final class Ingest {

    private Ingest() {}

    /** A body that names an account must name the path's. */
    static void requireAccount(UUID pathAccount, UUID bodyAccount) {
        if (bodyAccount != null && !bodyAccount.equals(pathAccount)) {
            throw ProblemException.badRequest(
                    "The body names another account than the path.",
                    new Problem.Violation("accountId", "must be the account of the path"));
        }
    }

    static <T> void requireAccounts(
            UUID pathAccount, String field, List<T> items, java.util.function.Function<T, UUID> account) {
        for (int i = 0; i < items.size(); i++) {
            UUID bodyAccount = account.apply(items.get(i));
            if (bodyAccount != null && !bodyAccount.equals(pathAccount)) {
                throw ProblemException.badRequest(
                        "An item names another account than the path.",
                        new Problem.Violation(field + "[" + i + "].accountId", "must be the account of the path"));
            }
        }
    }

    /** 201 for a new item, 200 otherwise; 410 for an item that was purged and will not be stored again. */
    static Response answer(ItemType type, String id, ItemResult result, UriInfo uri) {
        String noun = type == ItemType.CHAT ? "chat" : "ticket";
        if (result == ItemResult.PURGED) {
            throw new ProblemException(Problem.of(
                    "purged", "Gone", 410, "This " + noun + " was purged; it is not stored again.", List.of()));
        }
        IngestResponse body = new IngestResponse(id, result);
        if (result == ItemResult.CREATED) {
            return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                    .entity(body)
                    .build();
        }
        return Response.ok(body).build();
    }
}
