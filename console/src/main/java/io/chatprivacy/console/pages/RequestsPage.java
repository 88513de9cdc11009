package io.chatprivacy.console.pages;

import io.chatprivacy.console.clients.RequestService;
import io.chatprivacy.console.clients.RightsRequest;
import io.chatprivacy.console.clients.ServiceProblem;
import io.chatprivacy.console.view.DueDate;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The rights requests of the signed-in person's account: the open ones by due date with the days left,
 * overdue and due-this-week highlighted; one request with its timeline; opening, extending, declining and
 * a fresh access copy. Every change is a form posted back here (with its CSRF token) and answered with a
 * redirect to the request; a refusal is shown with the service's own words.
 */
@Path("/requests")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RequestsPage {

    /** The requests a list shows at most (request-service's own ceiling is 500). */
    static final int LIST_LIMIT = 200;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance requests(Viewer viewer, List<Row> rows, ServiceProblem problem);

        static native TemplateInstance request(
                Viewer viewer, RightsRequest request, DueDate due, ServiceProblem problem);

        static native TemplateInstance open(Viewer viewer, Form form, ServiceProblem problem);
    }

    /** One line of the list. */
    public record Row(RightsRequest request, DueDate due) {}

    /** The opening form as it was filled in, to show it again after a refusal. */
    public record Form(
            String type,
            String channel,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            String agentName,
            boolean signedPermission,
            String correctionField,
            String correctionValue) {

        /** The request types request-service knows. */
        public List<String> types() {
            return List.of("ACCESS", "DELETE", "CORRECT", "OPT_OUT", "LIMIT");
        }

        /** The channels a request may arrive through. */
        public List<String> channels() {
            return List.of("EMAIL", "CHAT", "WEB_FORM", "AUTHORIZED_AGENT");
        }

        static Form empty() {
            return new Form("ACCESS", "EMAIL", "", "", "", "", false, "", "");
        }

        RightsRequest.Opening opening() {
            boolean agent = "AUTHORIZED_AGENT".equals(channel);
            RightsRequest.Correction correction = "CORRECT".equals(type) && !blank(correctionField)
                    ? new RightsRequest.Correction(correctionField, orNull(correctionValue))
                    : null;
            return new RightsRequest.Opening(
                    type,
                    channel,
                    orNull(tag),
                    orNull(subjectEmail),
                    orNull(subjectVisitorId),
                    agent ? orNull(agentName) : null,
                    agent ? signedPermission : null,
                    correction);
        }
    }

    private final RequestService requests;
    private final Viewer viewer;

    RequestsPage(@RestClient RequestService requests, Viewer viewer) {
        this.requests = requests;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance list() {
        try {
            List<Row> rows = requests.list(viewer.accountId(), "due", LIST_LIMIT).stream()
                    .map(r -> new Row(r, due(r)))
                    .toList();
            return Templates.requests(viewer, rows, null);
        } catch (WebApplicationException failure) {
            return Templates.requests(viewer, List.of(), ServiceProblem.of(failure));
        }
    }

    @GET
    @Path("/new")
    public TemplateInstance openForm() {
        return Templates.open(viewer, Form.empty(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(
            @FormParam("type") String type,
            @FormParam("channel") String channel,
            @FormParam("tag") String tag,
            @FormParam("subjectEmail") String subjectEmail,
            @FormParam("subjectVisitorId") String subjectVisitorId,
            @FormParam("agentName") String agentName,
            @FormParam("signedPermission") String signedPermission,
            @FormParam("correctionField") String correctionField,
            @FormParam("correctionValue") String correctionValue) {
        Form form = new Form(
                type,
                channel,
                tag,
                subjectEmail,
                subjectVisitorId,
                agentName,
                "on".equals(signedPermission),
                correctionField,
                correctionValue);
        try {
            RightsRequest opened = requests.open(viewer.accountId(), form.opening());
            return seeOther(opened.requestId());
        } catch (WebApplicationException failure) {
            ServiceProblem problem = ServiceProblem.of(failure);
            return Response.status(problem.status())
                    .entity(Templates.open(viewer, form, problem))
                    .build();
        }
    }

    @GET
    @Path("/{requestId}")
    public Response detail(@PathParam("requestId") UUID requestId) {
        return show(requestId, null);
    }

    @POST
    @Path("/{requestId}/extension")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("requestId") UUID requestId, @FormParam("reason") String reason) {
        return change(
                requestId, () -> requests.extend(viewer.accountId(), requestId, new RightsRequest.Extending(reason)));
    }

    @POST
    @Path("/{requestId}/decline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decline(
            @PathParam("requestId") UUID requestId,
            @FormParam("reason") String reason,
            @FormParam("note") String note) {
        return change(
                requestId,
                () -> requests.decline(viewer.accountId(), requestId, new RightsRequest.Declining(reason, note)));
    }

    @POST
    @Path("/{requestId}/export")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response export(@PathParam("requestId") UUID requestId) {
        return change(requestId, () -> requests.export(viewer.accountId(), requestId));
    }

    private Response change(UUID requestId, Runnable call) {
        try {
            call.run();
            return seeOther(requestId);
        } catch (WebApplicationException failure) {
            return show(requestId, ServiceProblem.of(failure));
        }
    }

    private Response show(UUID requestId, ServiceProblem refused) {
        try {
            RightsRequest request = requests.get(viewer.accountId(), requestId);
            return Response.status(refused == null ? 200 : refused.status())
                    .entity(Templates.request(viewer, request, due(request), refused))
                    .build();
        } catch (WebApplicationException failure) {
            ServiceProblem problem = ServiceProblem.of(failure);
            return Response.status(problem.status())
                    .entity(Templates.requests(viewer, List.of(), problem))
                    .build();
        }
    }

    private static DueDate due(RightsRequest r) {
        return DueDate.of(r.isOpen(), r.daysLeft(), r.businessDaysLeft(), r.overdue());
    }

    private static Response seeOther(UUID requestId) {
        return Response.seeOther(URI.create("/requests/" + requestId)).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orNull(String value) {
        return blank(value) ? null : value.strip();
    }
}
