package io.chatprivacy.console.pages;

import io.chatprivacy.console.clients.DeletionService;
import io.chatprivacy.console.clients.RequestService;
import io.chatprivacy.console.clients.RightsRequest;
import io.chatprivacy.console.clients.ServiceProblem;
import io.chatprivacy.console.view.DeletedIds;
import io.chatprivacy.console.view.PurgeProgress;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Deletion by tag, the way an agent and the owner walk through it: what a tag would delete now (and what
 * legal holds keep), the tagged chats and tickets with their holds, opening the deletion request, the owner
 * entering the code mailed to the account's address, the purge's progress and its receipt. Every change is
 * a form posted back here (with its CSRF token) and answered with a redirect; a refusal is shown with the
 * service's own words. Only the owner sees the code and hold forms: deletion-service refuses agents anyway.
 */
@Path("/deletion")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DeletionPage {

    /** The tag the chat platform's agents use for "delete this". */
    static final String DEFAULT_TAG = "Delete";
    /** Chats and tickets the preview lists (the first page of each). */
    static final int LIST_LIMIT = 100;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance start(Viewer viewer, String tag, ServiceProblem problem);

        static native TemplateInstance preview(Viewer viewer, Preview preview, ServiceProblem problem);

        static native TemplateInstance job(Viewer viewer, JobView view, ServiceProblem problem);
    }

    /** What a deletion by the tag would do now, and the tagged chats and tickets (first pages). */
    public record Preview(
            String tag,
            DeletionService.TagPreview counts,
            List<DeletionService.ChatSummary> chats,
            boolean moreChats,
            List<DeletionService.TicketSummary> tickets,
            boolean moreTickets) {

        /** The tag as it stands in a URL's query. */
        public String tagQuery() {
            return encode(tag);
        }
    }

    /**
     * A deletion request as the page shows it: the request (null if request-service did not answer), its
     * newest job (null while deletion-service has not prepared it), the progress, and the receipt once done.
     */
    public record JobView(
            UUID requestId,
            RightsRequest request,
            DeletionService.Job job,
            PurgeProgress progress,
            DeletionService.Receipt receipt,
            DeletedIds deletedIds) {

        /**
         * Reload while the purge runs, and while an open DELETE request's job is not there yet (deletion-service
         * takes the request in moments after it opens); never for another type of request, which has no job.
         */
        public boolean refresh() {
            if (job == null) {
                return request != null && "DELETE".equals(request.type()) && request.isOpen();
            }
            return progress.refresh();
        }
    }

    private final DeletionService deletion;
    private final RequestService requests;
    private final Viewer viewer;
    private final Clock clock;

    DeletionPage(@RestClient DeletionService deletion, @RestClient RequestService requests, Viewer viewer) {
        this.deletion = deletion;
        this.requests = requests;
        this.viewer = viewer;
        this.clock = Clock.systemUTC();
    }

    @GET
    public TemplateInstance start(@QueryParam("tag") @DefaultValue(DEFAULT_TAG) String tag) {
        return Templates.start(viewer, tag, null);
    }

    @GET
    @Path("/preview")
    public Response preview(@QueryParam("tag") String tag) {
        if (blank(tag)) {
            return noTag(tag);
        }
        return showPreview(tag.strip(), null);
    }

    /** Opens the deletion request for the tag (request-service), then shows its deletion job. */
    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(@FormParam("tag") String tag) {
        if (blank(tag)) {
            return noTag(tag);
        }
        String shown = tag.strip();
        try {
            RightsRequest opened = requests.open(
                    viewer.accountId(),
                    new RightsRequest.Opening("DELETE", "CHAT", shown, null, null, null, null, null));
            return Response.seeOther(URI.create("/deletion/" + opened.requestId()))
                    .build();
        } catch (WebApplicationException failure) {
            return showPreview(shown, ServiceProblem.of(failure));
        }
    }

    /** Sets or lifts a chat's or a ticket's legal hold (owners), then shows the tag's preview again. */
    @POST
    @Path("/holds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response hold(
            @FormParam("tag") String tag,
            @FormParam("kind") String kind,
            @FormParam("id") String id,
            @FormParam("hold") String hold) {
        if (blank(tag)) {
            return noTag(tag);
        }
        String shown = tag.strip();
        boolean set = "true".equals(hold);
        if (blank(id) || !("chat".equals(kind) || "ticket".equals(kind)) || !(set || "false".equals(hold))) {
            return showPreview(
                    shown,
                    new ServiceProblem(400, "Nothing to hold.", "Choose a chat or a ticket from the list.", List.of()));
        }
        UUID account = viewer.accountId();
        try {
            if ("chat".equals(kind)) {
                if (set) {
                    deletion.holdChat(account, id);
                } else {
                    deletion.releaseChat(account, id);
                }
            } else if (set) {
                deletion.holdTicket(account, id);
            } else {
                deletion.releaseTicket(account, id);
            }
            return Response.seeOther(URI.create("/deletion/preview?tag=" + encode(shown)))
                    .build();
        } catch (WebApplicationException failure) {
            return showPreview(shown, ServiceProblem.of(failure));
        }
    }

    @GET
    @Path("/{requestId}")
    public Response job(@PathParam("requestId") UUID requestId) {
        return showJob(requestId, null);
    }

    /** The owner presents the code mailed to the account's address: the right one starts the purge. */
    @POST
    @Path("/{requestId}/verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@PathParam("requestId") UUID requestId, @FormParam("code") String code) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        return change(
                requestId, () -> deletion.verify(viewer.accountId(), requestId, new DeletionService.Code(digits)));
    }

    /** The owner asks for a new code (the old one stops working); also the way on after a lock or expiry. */
    @POST
    @Path("/{requestId}/verification-code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response newCode(@PathParam("requestId") UUID requestId) {
        return change(requestId, () -> deletion.newCode(viewer.accountId(), requestId));
    }

    private Response change(UUID requestId, Runnable call) {
        try {
            call.run();
            return Response.seeOther(URI.create("/deletion/" + requestId)).build();
        } catch (WebApplicationException failure) {
            return showJob(requestId, ServiceProblem.of(failure));
        }
    }

    private Response showPreview(String tag, ServiceProblem refused) {
        UUID account = viewer.accountId();
        try {
            DeletionService.TagPreview counts = deletion.preview(account, tag);
            DeletionService.Page<DeletionService.ChatSummary> chats = deletion.chats(account, tag, LIST_LIMIT);
            DeletionService.Page<DeletionService.TicketSummary> tickets = deletion.tickets(account, tag, LIST_LIMIT);
            Preview preview = new Preview(
                    tag,
                    counts,
                    orEmpty(chats.items()),
                    chats.next() != null,
                    orEmpty(tickets.items()),
                    tickets.next() != null);
            return Response.status(refused == null ? 200 : refused.status())
                    .entity(Templates.preview(viewer, preview, refused))
                    .build();
        } catch (WebApplicationException failure) {
            ServiceProblem problem = refused != null ? refused : ServiceProblem.of(failure);
            return Response.status(problem.status())
                    .entity(Templates.start(viewer, tag, problem))
                    .build();
        }
    }

    private Response showJob(UUID requestId, ServiceProblem refused) {
        UUID account = viewer.accountId();
        ServiceProblem problem = refused;
        RightsRequest request = null;
        try {
            request = requests.get(account, requestId);
        } catch (WebApplicationException failure) {
            problem = problem != null ? problem : ServiceProblem.of(failure);
        }
        DeletionService.Job job = null;
        try {
            job = deletion.job(account, requestId);
        } catch (WebApplicationException failure) {
            // a 404 right after opening: deletion-service has not taken the request in yet
            if (failure.getResponse() == null || failure.getResponse().getStatus() != 404) {
                problem = problem != null ? problem : ServiceProblem.of(failure);
            }
        }
        PurgeProgress progress = progress(job, Instant.now(clock));
        DeletionService.Receipt receipt = null;
        DeletedIds deletedIds = null;
        if (progress != null && progress.completed()) {
            try {
                receipt = deletion.receipt(account, requestId);
                deletedIds = DeletedIds.of(receipt.deletedChatIdHashes(), receipt.deletedTicketIdHashes());
            } catch (WebApplicationException failure) {
                problem = problem != null ? problem : ServiceProblem.of(failure);
            }
        }
        int status = refused != null
                ? refused.status()
                : request == null && job == null && problem != null ? problem.status() : 200;
        return Response.status(status)
                .entity(Templates.job(
                        viewer, new JobView(requestId, request, job, progress, receipt, deletedIds), problem))
                .build();
    }

    private Response noTag(String tag) {
        return Response.status(400)
                .entity(Templates.start(
                        viewer,
                        tag == null ? DEFAULT_TAG : tag,
                        new ServiceProblem(400, "Which tag?", "Enter the tag the chats and tickets carry.", List.of())))
                .build();
    }

    private static <T> List<T> orEmpty(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** What the page shows of a job's progress at {@code now}; none before deletion-service has the job. */
    static PurgeProgress progress(DeletionService.Job job, Instant now) {
        return job == null
                ? null
                : PurgeProgress.of(
                        job.status(),
                        job.chatCount(),
                        job.ticketCount(),
                        job.chatsDeleted(),
                        job.ticketsDeleted(),
                        job.codeExpiresAt(),
                        now);
    }
}
