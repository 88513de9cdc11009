package io.chatprivacy.console.pages;

import io.chatprivacy.console.clients.MailLog;
import io.chatprivacy.console.clients.RecordsService;
import io.chatprivacy.console.clients.ServiceProblem;
import io.chatprivacy.console.view.BarChart;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The records a business keeps and publishes: a year's request figures (CCPA regs §7102: received, complied
 * with in whole or part, denied, and the median days to respond, per request type) as a table and a chart;
 * and the mail log.
 */
@Path("/records")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RecordsPage {

    static final List<String> SERIES = List.of("received", "complied with", "denied", "pending");
    /** Mails the log page shows, newest first. */
    static final int MAIL_LIMIT = 100;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance metrics(
                Viewer viewer, int year, RecordsService.YearMetrics metrics, BarChart chart, ServiceProblem problem);

        static native TemplateInstance mail(Viewer viewer, List<MailLog.Mail> mails, ServiceProblem problem);
    }

    private final RecordsService records;
    private final MailLog mailLog;
    private final Viewer viewer;

    RecordsPage(@RestClient RecordsService records, @RestClient MailLog mailLog, Viewer viewer) {
        this.records = records;
        this.mailLog = mailLog;
        this.viewer = viewer;
    }

    @GET
    public Response metrics(@QueryParam("year") Integer year) {
        int shown = year == null ? Year.now(Clock.systemUTC()).getValue() : year;
        if (shown < 2020 || shown > 9999) {
            return Response.status(400)
                    .entity(Templates.metrics(
                            viewer,
                            Year.now(Clock.systemUTC()).getValue(),
                            null,
                            null,
                            new ServiceProblem(400, "No such year.", "Choose a year from 2020 on.", List.of())))
                    .build();
        }
        try {
            RecordsService.YearMetrics metrics = records.metrics(viewer.accountId(), shown);
            return Response.ok(Templates.metrics(viewer, shown, metrics, chart(metrics), null))
                    .build();
        } catch (WebApplicationException failure) {
            ServiceProblem problem = ServiceProblem.of(failure);
            return Response.status(problem.status())
                    .entity(Templates.metrics(viewer, shown, null, null, problem))
                    .build();
        }
    }

    @GET
    @Path("/mail")
    public Response mail() {
        try {
            return Response.ok(Templates.mail(viewer, mailLog.recent(viewer.accountId(), null, MAIL_LIMIT), null))
                    .build();
        } catch (WebApplicationException failure) {
            ServiceProblem problem = ServiceProblem.of(failure);
            return Response.status(problem.status())
                    .entity(Templates.mail(viewer, List.of(), problem))
                    .build();
        }
    }

    static BarChart chart(RecordsService.YearMetrics metrics) {
        List<RecordsService.TypeMetrics> types = metrics.types();
        long[][] values = new long[types.size()][];
        for (int i = 0; i < types.size(); i++) {
            RecordsService.TypeMetrics t = types.get(i);
            values[i] = new long[] {t.received(), t.compliedWith(), t.denied(), t.pending()};
        }
        return BarChart.of(
                720, 260, types.stream().map(RecordsService.TypeMetrics::type).toList(), SERIES, values);
    }
}
