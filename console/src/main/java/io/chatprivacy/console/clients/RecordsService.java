package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** request-service's yearly figures of the requests (CCPA regs §7102), as the signed-in person. */
@RegisterRestClient(configKey = "request-service")
@RegisterProvider(SignedInCaller.class)
@Path("/accounts/{accountId}/rights-requests/metrics")
@Produces(MediaType.APPLICATION_JSON)
public interface RecordsService {

    @GET
    YearMetrics metrics(@PathParam("accountId") UUID accountId, @QueryParam("year") int year);

    /** One calendar year's figures, per request type. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record YearMetrics(int year, List<TypeMetrics> types) {}

    /** The figures of one request type. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TypeMetrics(
            String type,
            long received,
            long compliedWith,
            long denied,
            long pending,
            Double medianDaysToRespond,
            Double meanDaysToRespond) {}
}
