package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.OptOutSelfTest;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The owner's view of the account's opt-out self-test: the latest runs, and a run started now. */
@Path("/accounts/{accountId}/opt-out-self-tests")
@Tag(name = "Opt-out self-test")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class OptOutSelfTestResource {

    /** How many runs the list shows. */
    static final int LATEST = 20;

    private final OptOutSelfTest selfTest;

    OptOutSelfTestResource(OptOutSelfTest selfTest) {
        this.selfTest = selfTest;
    }

    @GET
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "The account's latest opt-out self-test runs, newest first (at most 20)")
    public List<SelfTestRunResponse> latest(@PathParam("accountId") UUID accountId) {
        return selfTest.latest(accountId, LATEST).stream()
                .map(SelfTestRunResponse::of)
                .toList();
    }

    @POST
    @RolesAllowed(Roles.OWNER)
    @Operation(
            summary = "Run the opt-out self-test now: 202 with the run (RUNNING), followed at its Location;"
                    + " 409 while one runs")
    public Response runNow(@PathParam("accountId") UUID accountId, @jakarta.ws.rs.core.Context UriInfo uri) {
        UUID runId = selfTest.runNow(accountId)
                .orElseThrow(() -> ProblemException.conflict(
                        "self-test-running", "An opt-out self-test of this account is running already."));
        return Response.accepted(SelfTestRunResponse.of(selfTest.find(runId).orElseThrow()))
                .location(uri.getAbsolutePathBuilder().path(runId.toString()).build())
                .build();
    }

    @GET
    @Path("/{runId}")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "One opt-out self-test run")
    public SelfTestRunResponse one(@PathParam("accountId") UUID accountId, @PathParam("runId") UUID runId) {
        return selfTest.find(runId)
                .filter(run -> run.accountId().equals(accountId))
                .map(SelfTestRunResponse::of)
                .orElseThrow(() -> ProblemException.notFound("No such self-test run."));
    }
}
