package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.config.DeletionConfig;
import io.chatprivacy.deletion.service.DeletionJobService;
import io.chatprivacy.deletion.service.DeletionJobService.Presented;
import io.chatprivacy.deletion.service.PurgeRunner;
import io.chatprivacy.deletion.service.PurgeService;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Caller;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * A DELETE request as deletion-service sees it: its job's state, the owner presenting the emailed code
 * (which carries out the purge), asking for a new code, and the purge receipt.
 */
@Path("/accounts/{accountId}/deletion-requests/{requestId}")
@Tag(name = "Deletion requests")
@SecurityRequirement(name = "bearer")
public class DeletionRequestResource {

    private static final Logger LOG = Logger.getLogger(DeletionRequestResource.class);

    private final DeletionJobService jobs;
    private final PurgeService purges;
    private final PurgeRunner runner;
    private final Caller caller;
    private final DeletionConfig config;

    DeletionRequestResource(
            DeletionJobService jobs, PurgeService purges, PurgeRunner runner, Caller caller, DeletionConfig config) {
        this.jobs = jobs;
        this.purges = purges;
        this.runner = runner;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Where the request's deletion job stands")
    public DeletionJobResponse get(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId) {
        return DeletionJobResponse.of(jobs.latest(accountId, requestId), maxAttempts());
    }

    @POST
    @Path("/verification")
    @RolesAllowed(Roles.OWNER)
    @Operation(
            summary = "Present the emailed code (owner only): the right code purges everything the request names",
            description = "200 with the receipt summary when the purge finished in time, 202 while it still"
                    + " runs (it completes on its own); 422 wrong code; 409 locked, expired, used or declined.")
    public Response verify(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @Valid @NotNull PresentCodeRequest request) {
        Presented presented = jobs.present(accountId, requestId, request.code(), caller.userId());
        return switch (presented.outcome()) {
            case ACCEPTED -> purge(accountId, requestId, presented.jobId());
            case WRONG_CODE ->
                throw ProblemException.unprocessable(
                        "wrong-code",
                        "The code is wrong; " + presented.remainingAttempts()
                                + " more attempt(s) before the job locks.",
                        new Problem.Violation("code", "wrong code"));
            case LOCKED_NOW ->
                throw ProblemException.unprocessable(
                        "wrong-code",
                        "The code is wrong and the job is now locked; ask for a new code.",
                        new Problem.Violation("code", "wrong code"));
            case LOCKED ->
                throw ProblemException.conflict(
                        "job-locked", "Too many wrong codes: this job is locked; ask for a new code.");
            case EXPIRED_NOW, EXPIRED ->
                throw ProblemException.conflict("code-expired", "The code has expired; ask for a new code.");
            case USED ->
                throw ProblemException.conflict(
                        "code-used", "This deletion was already authorised; the code cannot be used again.");
            case CANCELLED ->
                throw ProblemException.conflict(
                        "request-declined", "This request was declined; nothing will be deleted.");
            case SUPERSEDED ->
                throw ProblemException.conflict("code-superseded", "A newer code was issued; present that one.");
        };
    }

    @POST
    @Path("/verification-code")
    @RolesAllowed(Roles.OWNER)
    @Operation(
            summary = "Send a new code (owner only), at most once a minute; the previous code stops working",
            description = "Also the way on after a job locked or expired: the new code belongs to a new job.")
    public Response newCode(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId) {
        return Response.accepted(DeletionJobResponse.of(jobs.newCode(accountId, requestId), maxAttempts()))
                .build();
    }

    @GET
    @Path("/receipt")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "The purge receipt: ids, counts, hashes of the deleted ids; no personal data")
    public PurgeReceiptResponse receipt(
            @PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId) {
        PurgeService.Receipt receipt = purges.receipt(accountId, requestId, true);
        return PurgeReceiptResponse.of(receipt.receipt(), receipt.chatIdHashes(), receipt.ticketIdHashes());
    }

    private Response purge(UUID accountId, UUID requestId, UUID jobId) {
        try {
            runner.run(jobId).get(config.purge().respondWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return stillRunning(accountId, requestId);
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "Purge of deletion job %s interrupted; it resumes on its own", jobId);
            return stillRunning(accountId, requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stillRunning(accountId, requestId);
        }
        PurgeService.Receipt receipt = purges.receipt(accountId, requestId, false);
        return Response.ok(PurgeReceiptResponse.of(receipt.receipt(), null, null))
                .build();
    }

    private Response stillRunning(UUID accountId, UUID requestId) {
        return Response.accepted(DeletionJobResponse.of(jobs.latest(accountId, requestId), maxAttempts()))
                .build();
    }

    private int maxAttempts() {
        return config.verification().maxAttempts();
    }
}
