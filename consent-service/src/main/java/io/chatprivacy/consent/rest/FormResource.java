package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.FormDefinition;
import io.chatprivacy.consent.service.FormService;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Caller;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account's pre-chat form: the owner publishes versions; agents and the owner read any version. */
@Path("/accounts/{accountId}/form-versions")
@Tag(name = "Pre-chat form")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class FormResource {

    /** Markdown-style links in a label; only web links may be offered to visitors. */
    private static final java.util.regex.Pattern LINK =
            java.util.regex.Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]*)\\)");

    private final FormService forms;
    private final Caller caller;

    FormResource(FormService forms, Caller caller) {
        this.forms = forms;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish the form: 201 with a new version, or 200 with the current one if unchanged")
    public Response publish(
            @PathParam("accountId") UUID accountId, @Valid @NotNull PublishFormRequest request, UriInfo uri) {
        FormService.Publication publication = forms.publish(accountId, definition(request), caller.userId());
        FormVersionResponse body = FormVersionResponse.of(publication.form());
        if (!publication.created()) {
            return Response.ok(body).build();
        }
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Integer.toString(body.version()))
                        .build())
                .entity(body)
                .build();
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Every published version, newest first")
    public List<FormVersionResponse> list(@PathParam("accountId") UUID accountId) {
        return forms.all(accountId).stream().map(FormVersionResponse::of).toList();
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "One version, exactly as published (old versions stay readable: they are proof)")
    public FormVersionResponse get(@PathParam("accountId") UUID accountId, @PathParam("version") int version) {
        return forms.version(accountId, version)
                .map(FormVersionResponse::of)
                .orElseThrow(() -> ProblemException.notFound("No form version " + version + "."));
    }

    private static FormDefinition definition(PublishFormRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < request.fields().size(); i++) {
            if (!ids.add(request.fields().get(i).id())) {
                violations.add(new Problem.Violation("fields[" + i + "].id", "duplicate id"));
            }
        }
        for (int i = 0; i < request.consents().size(); i++) {
            PublishFormRequest.Consent consent = request.consents().get(i);
            if (!ids.add(consent.id())) {
                violations.add(new Problem.Violation("consents[" + i + "].id", "duplicate id"));
            }
            Matcher links = LINK.matcher(consent.label());
            while (links.find()) {
                String target = links.group(1);
                if (!target.startsWith("https://") && !target.startsWith("http://")) {
                    violations.add(new Problem.Violation("consents[" + i + "].label", "links must be http(s) URLs"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable(
                    "invalid-form",
                    "The form cannot be published as it is.",
                    violations.toArray(Problem.Violation[]::new));
        }
        return FormDefinition.of(
                request.fields().stream()
                        .map(f -> new FormDefinition.Field(f.id(), f.kind(), f.label(), f.required()))
                        .toList(),
                request.consents().stream()
                        .map(c -> new FormDefinition.ConsentText(c.id(), c.label(), c.required()))
                        .toList());
    }
}
