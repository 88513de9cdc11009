package io.chatprivacy.console.pages;

import io.chatprivacy.console.clients.ConsentService;
import io.chatprivacy.console.clients.ConsentService.FormVersion;
import io.chatprivacy.console.clients.ServiceProblem;
import io.chatprivacy.console.view.FormDiff;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The pre-chat form and the consent ledger: every published version, newest first, each with what changed
 * from the one before (word by word); the editor that publishes a new version (owners); and a visitor's or an
 * address's consent history with the exact texts agreed to.
 */
@Path("/consent")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsentPage {

    /** Blank rows the editor offers for new consents and fields. */
    static final int NEW_CONSENT_ROWS = 2;

    static final int NEW_FIELD_ROWS = 1;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance versions(Viewer viewer, List<FormVersion> versions, ServiceProblem problem);

        static native TemplateInstance version(
                Viewer viewer, FormVersion version, FormDiff diff, ServiceProblem problem);

        static native TemplateInstance editor(Viewer viewer, Draft draft, ServiceProblem problem);

        static native TemplateInstance history(
                Viewer viewer, String visitorId, String email, ConsentService.History history, ServiceProblem problem);
    }

    /** The editor's rows: the current version's, then blank ones. */
    public record Draft(List<ConsentService.NewField> fields, List<ConsentService.NewConsent> consents) {

        public List<String> kinds() {
            return List.of("NAME", "EMAIL", "TEXT");
        }

        static Draft of(FormVersion current) {
            List<ConsentService.NewField> fields = new ArrayList<>();
            List<ConsentService.NewConsent> consents = new ArrayList<>();
            if (current != null) {
                current.fields()
                        .forEach(f ->
                                fields.add(new ConsentService.NewField(f.id(), f.kind(), f.label(), f.required())));
                current.consents()
                        .forEach(c -> consents.add(new ConsentService.NewConsent(c.id(), c.label(), c.required())));
            }
            for (int i = 0; i < NEW_FIELD_ROWS; i++) {
                fields.add(new ConsentService.NewField("", "NAME", "", false));
            }
            for (int i = 0; i < NEW_CONSENT_ROWS; i++) {
                consents.add(new ConsentService.NewConsent("", "", false));
            }
            return new Draft(fields, consents);
        }
    }

    private final ConsentService consent;
    private final Viewer viewer;

    ConsentPage(@RestClient ConsentService consent, Viewer viewer) {
        this.consent = consent;
        this.viewer = viewer;
    }

    @GET
    public Response versions() {
        try {
            return Response.ok(Templates.versions(viewer, consent.versions(viewer.accountId()), null))
                    .build();
        } catch (WebApplicationException failure) {
            return failed(failure, problem -> Templates.versions(viewer, List.of(), problem));
        }
    }

    @GET
    @Path("/versions/{version}")
    public Response version(@PathParam("version") int version) {
        try {
            FormVersion shown = consent.version(viewer.accountId(), version);
            FormDiff diff =
                    version > 1 ? FormDiff.between(consent.version(viewer.accountId(), version - 1), shown) : null;
            return Response.ok(Templates.version(viewer, shown, diff, null)).build();
        } catch (WebApplicationException failure) {
            return failed(failure, problem -> Templates.versions(viewer, List.of(), problem));
        }
    }

    @GET
    @Path("/editor")
    public Response editor() {
        try {
            List<FormVersion> versions = consent.versions(viewer.accountId());
            return Response.ok(Templates.editor(viewer, Draft.of(versions.isEmpty() ? null : versions.get(0)), null))
                    .build();
        } catch (WebApplicationException failure) {
            return failed(failure, problem -> Templates.editor(viewer, Draft.of(null), problem));
        }
    }

    @POST
    @Path("/editor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(
            @FormParam("fieldId") List<String> fieldIds,
            @FormParam("fieldKind") List<String> fieldKinds,
            @FormParam("fieldLabel") List<String> fieldLabels,
            @FormParam("fieldRequired") Set<String> fieldRequired,
            @FormParam("consentId") List<String> consentIds,
            @FormParam("consentLabel") List<String> consentLabels,
            @FormParam("consentRequired") Set<String> consentRequired) {
        List<ConsentService.NewField> fields = new ArrayList<>();
        for (int i = 0; i < fieldIds.size(); i++) {
            String id = fieldIds.get(i).strip();
            if (!id.isEmpty()) {
                fields.add(new ConsentService.NewField(
                        id, at(fieldKinds, i), at(fieldLabels, i).strip(), fieldRequired.contains(String.valueOf(i))));
            }
        }
        List<ConsentService.NewConsent> consents = new ArrayList<>();
        for (int i = 0; i < consentIds.size(); i++) {
            String id = consentIds.get(i).strip();
            if (!id.isEmpty()) {
                consents.add(new ConsentService.NewConsent(
                        id, at(consentLabels, i).strip(), consentRequired.contains(String.valueOf(i))));
            }
        }
        try {
            FormVersion published =
                    consent.publish(viewer.accountId(), new ConsentService.Publishing(fields, consents));
            return Response.seeOther(URI.create("/consent/versions/" + published.version()))
                    .build();
        } catch (WebApplicationException failure) {
            Draft draft = new Draft(fields, consents);
            return failed(failure, problem -> Templates.editor(viewer, draft, problem));
        }
    }

    @GET
    @Path("/history")
    public TemplateInstance historyForm() {
        return Templates.history(viewer, "", "", null, null);
    }

    /** A POST, so that an address never stands in a URL or an access log. */
    @POST
    @Path("/history")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response history(@FormParam("visitorId") String visitorId, @FormParam("email") String email) {
        String visitor = blank(visitorId) ? null : visitorId.strip();
        String address = blank(email) ? null : email.strip();
        try {
            ConsentService.History history =
                    consent.history(viewer.accountId(), new ConsentService.Lookup(visitor, address));
            return Response.ok(Templates.history(viewer, visitorId, email, history, null))
                    .build();
        } catch (WebApplicationException failure) {
            return failed(failure, problem -> Templates.history(viewer, visitorId, email, null, problem));
        }
    }

    private static Response failed(
            WebApplicationException failure, java.util.function.Function<ServiceProblem, TemplateInstance> page) {
        ServiceProblem problem = ServiceProblem.of(failure);
        return Response.status(problem.status()).entity(page.apply(problem)).build();
    }

    private static String at(List<String> values, int index) {
        return index < values.size() && values.get(index) != null ? values.get(index) : "";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
