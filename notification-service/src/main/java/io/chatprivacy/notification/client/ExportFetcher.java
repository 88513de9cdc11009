package io.chatprivacy.notification.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches an access export from deletion-service at send time and sorts what can go wrong into what is
 * worth retrying ({@link UnavailableException}: unreachable, timed out, 5xx, a malformed answer or one
 * about another export) and what is not ({@link GoneException}: 404/410, the export expired or never
 * matched the token). Errors describe the failure without the token, an address or any content.
 */
@ApplicationScoped
public class ExportFetcher {

    private final ExportClient client;
    private final ObjectMapper json;

    ExportFetcher(@RestClient ExportClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * The export with the given id, checked to be the one asked for.
     *
     * @throws UnavailableException if it could not be fetched just now
     * @throws GoneException if it does not exist (any more) for this token
     */
    public FetchedExport fetch(UUID exportId, UUID requestId, UUID accountId, String token) {
        byte[] body;
        try {
            body = client.fetch(exportId, token);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404 || status == 410) {
                throw new GoneException("deletion-service answered " + status + " for export " + exportId);
            }
            throw new UnavailableException("deletion-service answered " + status + " for export " + exportId);
        } catch (ProcessingException e) {
            throw new UnavailableException("deletion-service not reached for export " + exportId + ": " + kind(e));
        } catch (RuntimeException e) {
            // whatever else the client throws (a timeout surfacing unwrapped): a transient failure
            throw new UnavailableException("deletion-service not reached for export " + exportId + ": " + kind(e));
        }
        ExportDocument document;
        try {
            document = body == null ? null : json.readValue(body, ExportDocument.class);
        } catch (IOException e) {
            // the parser's message could quote the body: only its kind is kept
            throw new UnavailableException(
                    "deletion-service's answer for export " + exportId + " is not an export: " + kind(e));
        }
        if (document == null
                || !exportId.equals(document.exportId())
                || !Objects.equals(requestId, document.requestId())
                || !Objects.equals(accountId, document.accountId())) {
            // never mail data that may be someone else's; retrying lets a fixed deletion-service answer right
            throw new UnavailableException(
                    "deletion-service's answer for export " + exportId + " is about another export or account");
        }
        return new FetchedExport(body, document);
    }

    /** The failure's class names down to its root cause (a timeout, a refused connection), no messages. */
    private static String kind(Throwable error) {
        StringBuilder kind = new StringBuilder(error.getClass().getSimpleName());
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 5; depth++) {
            kind.append(" < ").append(cause.getClass().getSimpleName());
            error = cause;
            cause = cause.getCause();
        }
        return kind.toString();
    }

    /** An export as received (the attachment) and as read (the mail's body). Never printed. */
    public record FetchedExport(byte[] json, ExportDocument document) {

        @Override
        public String toString() {
            return "FetchedExport[" + document + ", " + json.length + " bytes]";
        }
    }

    /** The export could not be fetched just now; worth trying again later. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /** The export does not exist (any more) for the token; trying again cannot help. */
    public static final class GoneException extends RuntimeException {
        GoneException(String message) {
            super(message, null, false, false);
        }
    }
}
