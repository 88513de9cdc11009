package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** consent-service's agents' API (forms and the consent ledger), as the signed-in person. */
@RegisterRestClient(configKey = "consent-service")
@RegisterProvider(SignedInCaller.class)
@Path("/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConsentService {

    @GET
    @Path("/form-versions")
    List<FormVersion> versions(@PathParam("accountId") UUID accountId);

    @GET
    @Path("/form-versions/{version}")
    FormVersion version(@PathParam("accountId") UUID accountId, @PathParam("version") int version);

    @POST
    @Path("/form-versions")
    FormVersion publish(@PathParam("accountId") UUID accountId, Publishing form);

    @POST
    @Path("/consent-history/lookups")
    History history(@PathParam("accountId") UUID accountId, Lookup lookup);

    /** A published pre-chat form, exactly as the visitor saw it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FormVersion(
            int version, List<Field> fields, List<Consent> consents, String contentSha256, Instant publishedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Field(String id, String kind, String label, boolean required) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Consent(String id, String label, boolean required, String textSha256) {}

    /** A new version to publish: its fields and its consents' texts. */
    record Publishing(List<NewField> fields, List<NewConsent> consents) {}

    record NewField(String id, String kind, String label, boolean required) {}

    record NewConsent(String id, String label, boolean required) {}

    /** Whose history: a visitor id, an email address, or both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Lookup(String visitorId, String email) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record History(List<Entry> entries) {}

    /** One ledger entry: a grant with the exact texts agreed to, a revocation or an opt-out. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(
            UUID entryId,
            String kind,
            Instant recordedAt,
            String visitorId,
            Integer formVersion,
            List<Consent> consents,
            UUID revokes,
            String revokedBy,
            String reason,
            String scope,
            String source,
            UUID requestId,
            boolean gpc) {}
}
