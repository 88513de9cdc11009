package io.chatprivacy.request.rest;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import io.chatprivacy.request.service.PrivacyCenterService;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An account's public privacy center: consumers submit their own requests, prove their address with the code
 * mailed to it (access, deletion, correction; never an opt-out or a limit) and follow a request with the
 * status token they were given. No credentials: what a caller can reach is bounded by the code and the token.
 */
@Path("/privacy-center/{accountId}")
@Tag(name = "Privacy center (public)")
@PermitAll
public class PrivacyCenterResource {

    /** The header that carries a status token (kept out of URLs the service logs). */
    public static final String STATUS_TOKEN_HEADER = "X-Status-Token";

    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>,;\"]{1,64}@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+");

    private final PrivacyCenterService center;
    private final JurisdictionPacks packs;

    PrivacyCenterResource(PrivacyCenterService center, JurisdictionPacks packs) {
        this.center = center;
        this.packs = packs;
    }

    @GET
    @Operation(summary = "The account's privacy center: its name and the rights consumers can ask for here")
    public PrivacyCenterResponse get(@PathParam("accountId") UUID accountId) {
        return PrivacyCenterResponse.of(center.account(accountId), packs);
    }

    @POST
    @Path("/requests")
    @Operation(
            summary = "Submit a consumer's request: an opt-out or limit opens at once (201); access, deletion and"
                    + " correction mail a code to the address given (202)")
    public Response submit(@PathParam("accountId") UUID accountId, @Valid @NotNull SubmitConsumerRequestRequest body) {
        check(body);
        PrivacyCenterService.Submitted submitted = center.submit(
                accountId,
                new PrivacyCenterService.Submission(
                        body.type(),
                        body.email(),
                        body.visitorId(),
                        body.correction() == null ? null : body.correction().field(),
                        body.correction() == null ? null : body.correction().value(),
                        null,
                        body.jurisdiction()));
        ConsumerIntake intake = submitted.intake();
        if (submitted.requestId() == null) {
            return Response.accepted(
                            new IntakeResponse(intake.id(), intake.status(), true, intake.codeExpiresAt(), null, null))
                    .build();
        }
        return Response.status(Response.Status.CREATED)
                .entity(new IntakeResponse(
                        intake.id(), intake.status(), false, null, submitted.requestId(), submitted.statusToken()))
                .build();
    }

    @POST
    @Path("/intakes/{intakeId}/verification")
    @Operation(summary = "Present the code mailed to the consumer; the right one opens the request (201)")
    public Response verify(
            @PathParam("accountId") UUID accountId,
            @PathParam("intakeId") UUID intakeId,
            @Valid @NotNull PresentCodeRequest body) {
        PrivacyCenterService.Verification result = center.verify(accountId, intakeId, body.code());
        return switch (result.outcome()) {
            case VERIFIED ->
                Response.status(Response.Status.CREATED)
                        .entity(new IntakeResponse(
                                intakeId,
                                ConsumerIntake.Status.OPENED,
                                true,
                                null,
                                result.requestId(),
                                result.statusToken()))
                        .build();
            case WRONG_CODE -> wrongCode(result.attemptsLeft());
            case LOCKED ->
                throw ProblemException.conflict(
                        "verification-locked",
                        "Too many wrong codes: this request is locked. Please submit it again, or write to the"
                                + " business.");
            case EXPIRED ->
                throw new ProblemException(Problem.of(
                        "code-expired", "Code expired", 410, "The code has expired. Ask for a new one.", List.of()));
            case ALREADY_OPENED ->
                throw ProblemException.conflict(
                        "already-verified", "This request was verified already; follow it with your status link.");
            case WITHDRAWN -> throw withdrawn();
        };
    }

    @POST
    @Path("/intakes/{intakeId}/verification-code")
    @Operation(summary = "Mail a new code for a waiting request; it replaces the previous one (202)")
    public Response newCode(@PathParam("accountId") UUID accountId, @PathParam("intakeId") UUID intakeId) {
        PrivacyCenterService.NewCode result = center.newCode(accountId, intakeId);
        if (result.refusal() == null) {
            return Response.accepted(Map.of("codeExpiresAt", result.expiresAt()))
                    .build();
        }
        throw switch (result.refusal()) {
            case TOO_MANY_CODES ->
                ProblemException.tooManyRequests(
                        "We have sent the codes this request may have. Please submit it again later.");
            case ALREADY_OPENED ->
                ProblemException.conflict(
                        "already-verified", "This request was verified already; follow it with your status link.");
            case LOCKED ->
                ProblemException.conflict(
                        "verification-locked",
                        "Too many wrong codes: this request is locked. Please submit it again, or write to the"
                                + " business.");
            case WITHDRAWN -> withdrawn();
        };
    }

    private static ProblemException withdrawn() {
        return ProblemException.conflict(
                "request-withdrawn",
                "This request was withdrawn by the agent who made it for you; it will not be carried out. You may"
                        + " submit it again.");
    }

    @GET
    @Path("/requests/{requestId}")
    @Operation(summary = "A request as its consumer sees it, for the status token they were given (X-Status-Token)")
    public ConsumerStatusResponse status(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @HeaderParam(STATUS_TOKEN_HEADER) String token) {
        return ConsumerStatusResponse.of(center.status(accountId, requestId, token));
    }

    private static Response wrongCode(int attemptsLeft) {
        Problem problem = Problem.of(
                        "wrong-code",
                        "Wrong code",
                        422,
                        "The code is not right; " + attemptsLeft + (attemptsLeft == 1 ? " attempt" : " attempts")
                                + " left.",
                        List.of(new Problem.Violation("code", "is not the code we mailed")))
                .with("attemptsLeft", attemptsLeft);
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * Access, deletion and correction name the address the code goes to; an opt-out or limit names an address
     * and/or the widget's visitor id; an email correction also names the visitor id (the address being
     * corrected cannot identify the consumer's chats alone) and a new address that is one.
     */
    private static void check(SubmitConsumerRequestRequest body) {
        List<Problem.Violation> violations = new ArrayList<>();
        boolean optOut = body.type() == RequestType.OPT_OUT || body.type() == RequestType.LIMIT;
        if (optOut) {
            if (body.email() == null && body.visitorId() == null) {
                violations.add(new Problem.Violation("email", "give your email address and/or your visitor id"));
                violations.add(new Problem.Violation("visitorId", "give your email address and/or your visitor id"));
            }
        } else if (body.email() == null) {
            violations.add(new Problem.Violation("email", "we mail a code to this address to confirm it is yours"));
        }
        if (body.type() == RequestType.CORRECT) {
            if (body.correction() == null) {
                violations.add(new Problem.Violation("correction", "say what to correct and its right value"));
            } else if (body.correction().field() == CorrectionField.EMAIL) {
                if (!EMAIL.matcher(body.correction().value().strip()).matches()) {
                    violations.add(new Problem.Violation("correction.value", "must be an email address"));
                }
                if (body.visitorId() == null) {
                    violations.add(new Problem.Violation(
                            "visitorId", "an address correction needs your visitor id to find your chats"));
                }
            }
        } else if (body.correction() != null) {
            violations.add(new Problem.Violation("correction", "only a correction names what to correct"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest(
                    "The request is incomplete or inconsistent.", violations.toArray(Problem.Violation[]::new));
        }
    }
}
