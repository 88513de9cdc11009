package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * deletion-service's access copies, for the privacy center's copy page: called without any credentials (no
 * {@link SignedInCaller}: a consumer is nobody's signed-in person), with the export's token from the consumer's
 * mail in {@link #TOKEN}, which never stands in a log. The token alone opens nothing: it asks for a one-time code,
 * mailed to the consumer, and token and code together return the copy. Refusals are problems, thrown as {@link
 * jakarta.ws.rs.WebApplicationException} like every other call.
 */
@RegisterRestClient(configKey = "deletion-service")
@Path("/exports/{exportId}")
@Produces(MediaType.APPLICATION_JSON)
public interface CopyService {

    /** The header that carries an export's token. */
    String TOKEN = "X-Export-Token";

    /** 202 with a {@link CodeSent}: a code is mailed to the address the copy was asked for. */
    @POST
    @Path("/codes")
    CodeSent askForCode(@PathParam("exportId") UUID exportId, @HeaderParam(TOKEN) String token);

    /** 200 with the copy as JSON ({@link Copy}); the code is used up. */
    @POST
    @Path("/open")
    @Consumes(MediaType.APPLICATION_JSON)
    Response open(@PathParam("exportId") UUID exportId, @HeaderParam(TOKEN) String token, Code code);

    /** The code from the consumer's mail. */
    record Code(String code) {}

    /** A code was mailed: its number, how many more may be, until when it works. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CodeSent(UUID exportId, int codeNumber, int codesLeft, Instant expiresAt, int attemptsLeft) {}

    /** The consumer's copy (contract {@code deletion-service.export.v1}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Copy(
            UUID exportId,
            UUID requestId,
            UUID accountId,
            Instant preparedAt,
            Instant expiresAt,
            Instant coversFrom,
            List<Chat> chats,
            List<Ticket> tickets) {}

    /** One chat of the copy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Chat(
            String chatId,
            Instant startedAt,
            Instant endedAt,
            String visitorId,
            String visitorName,
            String visitorEmail,
            List<Message> messages) {}

    /** One ticket of the copy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ticket(
            String ticketId,
            String subject,
            String status,
            Instant createdAt,
            String visitorId,
            String requesterName,
            String requesterEmail,
            List<Message> messages) {}

    /** One message: who wrote it (VISITOR, AGENT, BOT, SYSTEM), what, when. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String authorType, String text, Instant sentAt) {

        /** The author in the consumer's words: the visitor is them. */
        public String author() {
            return switch (authorType == null ? "" : authorType) {
                case "VISITOR" -> "You";
                case "AGENT" -> "Agent";
                case "BOT" -> "Bot";
                case "SYSTEM" -> "System";
                default -> "Someone";
            };
        }
    }
}
