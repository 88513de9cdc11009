package io.chatprivacy.console.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.console.clients.CopyService;
import io.chatprivacy.console.clients.PrivacyCenterService;
import io.chatprivacy.console.clients.PrivacyCenterService.Center;
import io.chatprivacy.console.clients.PrivacyCenterService.Intake;
import io.chatprivacy.console.clients.PrivacyProblem;
import io.chatprivacy.console.view.ConsumerWords;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The account's privacy center: consumers make their own rights requests here, without signing in. The form
 * (a right, the consumer's address or visitor id, a correction), the page where they type the code mailed to
 * them, the page that shows where their request stands to whoever holds its status token, and the page of an
 * access copy, which opens it (deletion-service decides, called server side) after a code mailed to the consumer. request-service
 * decides everything (it is called without credentials); these pages ask, show its refusals in its own words
 * beside the fields they concern, and never log the consumer's address or a token. Every form carries its CSRF
 * token and is answered by a redirect (post/redirect/get) or the form again with what went wrong.
 */
@Path("/privacy/{accountId}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PrivacyCenterPage {

    private static final Pattern CODE = Pattern.compile("\\d{8}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    /** Where each field's message stands on the form: request-service's field names. */
    static final List<String> FORM_FIELDS =
            List.of("type", "email", "visitorId", "correction", "correction.field", "correction.value", "jurisdiction");

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance form(
                Center center, List<Right> rights, List<Place> places, Form form, Errors errors);

        static native TemplateInstance code(Center center, CodeView view);

        static native TemplateInstance status(Center center, StatusView view);

        static native TemplateInstance copy(Center center, CopyView view);

        static native TemplateInstance trouble(String heading, String text);
    }

    /** A jurisdiction on the form: its code, name and law, and whether it is chosen. */
    public record Place(String code, String name, String law, boolean selected) {}

    /** A right on the form: its code, its name and line, whether a code confirms it, whether it is chosen. */
    public record Right(String type, String name, String line, boolean verification, boolean checked) {}

    /** The form as the consumer filled it in, to show it again with what went wrong. */
    public record Form(
            String type,
            String email,
            String visitorId,
            String correctionField,
            String correctionValue,
            String jurisdiction) {

        /** A form without a chosen jurisdiction (request-service's default applies). */
        public Form(String type, String email, String visitorId, String correctionField, String correctionValue) {
            this(type, email, visitorId, correctionField, correctionValue, "");
        }

        static Form empty() {
            return new Form("", "", "", "", "");
        }

        /** The jurisdictions to choose from, the chosen one (or else the default) selected. */
        List<Place> places(Center center) {
            String chosen = blank(jurisdiction) ? center.defaultJurisdiction() : jurisdiction;
            return center.jurisdictions() == null
                    ? List.of()
                    : center.jurisdictions().stream()
                            .map(j -> new Place(
                                    j.code(), j.name(), j.law(), j.code().equals(chosen)))
                            .toList();
        }

        /** The account's rights (all five when request-service names none), the chosen one checked. */
        List<Right> rights(Center center) {
            List<PrivacyCenterService.Right> offered = center.rights() == null
                            || center.rights().isEmpty()
                    ? ConsumerWords.RIGHTS.stream()
                            .map(t -> new PrivacyCenterService.Right(t, !t.equals("OPT_OUT") && !t.equals("LIMIT")))
                            .toList()
                    : center.rights();
            return offered.stream()
                    .map(r -> new Right(
                            r.type(),
                            ConsumerWords.rightName(r.type()),
                            ConsumerWords.rightLine(r.type()),
                            r.verification(),
                            r.type().equals(type)))
                    .toList();
        }

        boolean correcting() {
            return "CORRECT".equals(type);
        }

        /** What the console itself can tell before asking: what HTML cannot require of one right only. */
        Errors check() {
            String typeError = ConsumerWords.RIGHTS.contains(type) ? null : "Choose the request you want to make.";
            String emailError = null;
            if ("ACCESS".equals(type) || "DELETE".equals(type) || "CORRECT".equals(type)) {
                if (blank(email)) {
                    emailError = "Enter your email address: we send a code there to confirm the request is yours.";
                }
            } else if (typeError == null && blank(email) && blank(visitorId)) {
                emailError = "Enter your email address or your visitor id.";
            }
            String fieldError = null;
            String valueError = null;
            if (correcting()) {
                if (!"NAME".equals(correctionField) && !"EMAIL".equals(correctionField)) {
                    fieldError = "Choose what to correct: your name or your email address.";
                }
                if (blank(correctionValue)) {
                    valueError = "Enter the correct value.";
                }
            }
            if (typeError == null && emailError == null && fieldError == null && valueError == null) {
                return null;
            }
            return new Errors(
                    "Please check the form.", "", typeError, emailError, null, fieldError, valueError, null, List.of());
        }

        PrivacyCenterService.Submission submission() {
            PrivacyCenterService.Correction correction =
                    correcting() ? new PrivacyCenterService.Correction(correctionField, correctionValue.strip()) : null;
            return new PrivacyCenterService.Submission(
                    type, orNull(email), orNull(visitorId), correction, orNull(jurisdiction));
        }
    }

    /**
     * What went wrong with the form: a summary (title and detail) and each field's message, in request-service's
     * words when it refused; {@code others} are messages for fields the form has no place for.
     */
    public record Errors(
            String title,
            String detail,
            String type,
            String email,
            String visitorId,
            String correctionField,
            String correctionValue,
            String jurisdiction,
            List<String> others) {

        /** A form with nothing wrong (yet). */
        static Errors none() {
            return new Errors(null, null, null, null, null, null, null, null, List.of());
        }

        static Errors of(PrivacyProblem problem) {
            String correction = problem.fields().get("correction");
            String field = problem.fields().get("correction.field");
            return new Errors(
                    problem.title().isEmpty() ? "Your request was not accepted." : problem.title(),
                    problem.detail(),
                    problem.fields().get("type"),
                    problem.fields().get("email"),
                    problem.fields().get("visitorId"),
                    field != null ? field : correction,
                    problem.fields().get("correction.value"),
                    problem.fields().get("jurisdiction"),
                    problem.otherFields(FORM_FIELDS));
        }
    }

    /**
     * The code page: the intake, what happened last (a notice, or a refusal in plain words with the service's own
     * detail and the attempts left), the message beside the code field, and which forms it offers.
     */
    public record CodeView(
            UUID intakeId,
            String notice,
            String problemTitle,
            String problemDetail,
            String codeError,
            Integer attemptsLeft,
            boolean codeForm,
            boolean newCodeForm) {

        /** How many wrong codes the consumer may still type, in words; none unless request-service said. */
        public String attemptsText() {
            if (attemptsLeft == null) {
                return null;
            }
            return attemptsLeft == 1 ? "You have 1 attempt left." : "You have " + attemptsLeft + " attempts left.";
        }

        static CodeView fresh(UUID intakeId, String sent) {
            String notice = "new".equals(sent)
                    ? "We emailed you a new code. The code before it no longer works."
                    : "We emailed an 8-digit code to the address you gave. Enter it here within an hour to confirm"
                            + " the request is yours.";
            return new CodeView(intakeId, notice, null, null, null, null, true, true);
        }

        static CodeView badCode(UUID intakeId) {
            return new CodeView(
                    intakeId, null, null, null, "Enter the 8 digits of the code from the email.", null, true, true);
        }

        /** request-service's refusal, told plainly: a wrong code, a lock, an expired code, too many new codes. */
        static CodeView refused(UUID intakeId, PrivacyProblem problem) {
            String detail = problem.detail();
            return switch (problem.kind()) {
                case "wrong-code" ->
                    new CodeView(
                            intakeId,
                            null,
                            null,
                            null,
                            detail.isEmpty() ? "That code is not right." : detail,
                            problem.attemptsLeft(),
                            true,
                            true);
                case "verification-locked" ->
                    new CodeView(
                            intakeId,
                            null,
                            "Too many wrong codes: this code can no longer be used.",
                            detail,
                            null,
                            null,
                            false,
                            true);
                case "request-withdrawn" ->
                    new CodeView(
                            intakeId,
                            null,
                            "This request was withdrawn.",
                            "The agent who made it for you withdrew it, so it will not be carried out. You may"
                                    + " submit it again.",
                            null,
                            null,
                            false,
                            false);
                case "already-verified" ->
                    new CodeView(
                            intakeId,
                            null,
                            "This request is already confirmed.",
                            "The email we sent you has the link to follow it.",
                            null,
                            null,
                            false,
                            false);
                case "code-expired" ->
                    new CodeView(
                            intakeId,
                            null,
                            "This code has expired: a code works for one hour. Ask for a new one.",
                            detail,
                            null,
                            null,
                            false,
                            true);
                default ->
                    problem.status() == 429
                            ? new CodeView(
                                    intakeId,
                                    null,
                                    "You cannot ask for another new code.",
                                    detail,
                                    null,
                                    null,
                                    true,
                                    false)
                            : new CodeView(
                                    intakeId,
                                    null,
                                    problem.title().isEmpty() ? "Your code was not accepted." : problem.title(),
                                    detail,
                                    null,
                                    null,
                                    true,
                                    problem.status() != 409);
            };
        }
    }

    /** The status page: the request as request-service tells it, with the consumer's words for its codes. */
    public record StatusView(PrivacyCenterService.Status request) {

        public String typeName() {
            return ConsumerWords.rightName(request.type());
        }

        public String statusWords() {
            return ConsumerWords.status(request.status());
        }

        public String declineWords() {
            return ConsumerWords.declineReason(request.declineReason());
        }

        public boolean open() {
            return request.closedAt() == null && ConsumerWords.open(request.status());
        }

        public List<PrivacyCenterService.HistoryEntry> history() {
            return request.history() == null ? List.of() : request.history();
        }
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PrivacyCenterService center;
    private final CopyService copies;

    PrivacyCenterPage(@RestClient PrivacyCenterService center, @RestClient CopyService copies) {
        this.center = center;
        this.copies = copies;
    }

    @GET
    public Response form(@PathParam("accountId") String accountId) {
        UUID account = uuid(accountId);
        if (account == null) {
            return notFound();
        }
        return withCenter(
                account,
                c -> page(
                        200,
                        Templates.form(
                                c, Form.empty().rights(c), Form.empty().places(c), Form.empty(), Errors.none())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(
            @PathParam("accountId") String accountId,
            @FormParam("type") String type,
            @FormParam("email") String email,
            @FormParam("visitorId") String visitorId,
            @FormParam("correctionField") String correctionField,
            @FormParam("correctionValue") String correctionValue,
            @FormParam("jurisdiction") String jurisdiction) {
        UUID account = uuid(accountId);
        if (account == null) {
            return notFound();
        }
        Form form = new Form(
                orEmpty(type),
                orEmpty(email),
                orEmpty(visitorId),
                orEmpty(correctionField),
                orEmpty(correctionValue),
                orEmpty(jurisdiction));
        Errors invalid = form.check();
        if (invalid != null) {
            return withCenter(
                    account, c -> page(400, Templates.form(c, form.rights(c), form.places(c), form, invalid)));
        }
        try (Response answer = center.submit(account, form.submission())) {
            Intake intake = answer.readEntity(Intake.class);
            if (answer.getStatus() == 201 && intake.requestId() != null && intake.statusToken() != null) {
                return statusRedirect(account, intake);
            }
            if (answer.getStatus() == 202 && intake.intakeId() != null) {
                return Response.seeOther(URI.create(codePath(account, intake.intakeId())))
                        .build();
            }
            return unavailable(502);
        } catch (WebApplicationException failure) {
            PrivacyProblem problem = PrivacyProblem.of(failure);
            if (problem.status() == 404) {
                return notFound();
            }
            return withCenter(
                    account,
                    c -> page(
                            problem.status(),
                            Templates.form(c, form.rights(c), form.places(c), form, Errors.of(problem))));
        } catch (ProcessingException unreachable) {
            return unavailable(503);
        }
    }

    @GET
    @Path("/intakes/{intakeId}")
    public Response code(
            @PathParam("accountId") String accountId,
            @PathParam("intakeId") String intakeId,
            @QueryParam("sent") String sent) {
        UUID account = uuid(accountId);
        UUID intake = uuid(intakeId);
        if (account == null || intake == null) {
            return notFound();
        }
        return withCenter(account, c -> page(200, Templates.code(c, CodeView.fresh(intake, sent))));
    }

    @POST
    @Path("/intakes/{intakeId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(
            @PathParam("accountId") String accountId,
            @PathParam("intakeId") String intakeId,
            @FormParam("code") String code) {
        UUID account = uuid(accountId);
        UUID intake = uuid(intakeId);
        if (account == null || intake == null) {
            return notFound();
        }
        String digits = code == null ? "" : code.replaceAll("[\\s-]", "");
        if (!CODE.matcher(digits).matches()) {
            return withCenter(account, c -> page(400, Templates.code(c, CodeView.badCode(intake))));
        }
        try (Response answer = center.verify(account, intake, new PrivacyCenterService.Code(digits))) {
            Intake opened = answer.readEntity(Intake.class);
            if (opened.requestId() == null || opened.statusToken() == null) {
                return unavailable(502);
            }
            return statusRedirect(account, opened);
        } catch (WebApplicationException failure) {
            return codeRefused(account, intake, PrivacyProblem.of(failure));
        } catch (ProcessingException unreachable) {
            return unavailable(503);
        }
    }

    /** "Send me a new code": the previous code stops working; back to the code page, which says so. */
    @POST
    @Path("/intakes/{intakeId}/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response newCode(@PathParam("accountId") String accountId, @PathParam("intakeId") String intakeId) {
        UUID account = uuid(accountId);
        UUID intake = uuid(intakeId);
        if (account == null || intake == null) {
            return notFound();
        }
        try (Response ignored = center.newCode(account, intake)) {
            return Response.seeOther(URI.create(codePath(account, intake) + "?sent=new"))
                    .build();
        } catch (WebApplicationException failure) {
            PrivacyProblem problem = PrivacyProblem.of(failure);
            PrivacyProblem told = problem.status() == 409 && problem.kind().isEmpty()
                    ? new PrivacyProblem(409, "already-verified", "", "", problem.fields(), null)
                    : problem;
            return codeRefused(account, intake, told);
        } catch (ProcessingException unreachable) {
            return unavailable(503);
        }
    }

    @GET
    @Path("/requests/{requestId}")
    public Response status(
            @PathParam("accountId") String accountId,
            @PathParam("requestId") String requestId,
            @QueryParam("token") String token) {
        UUID account = uuid(accountId);
        UUID request = uuid(requestId);
        if (account == null || request == null || token == null || token.isBlank()) {
            return notFound();
        }
        return withCenter(account, c -> {
            try {
                return page(200, Templates.status(c, new StatusView(center.status(account, request, token.strip()))));
            } catch (WebApplicationException failure) {
                int status = failure.getResponse() == null
                        ? 502
                        : failure.getResponse().getStatus();
                return status == 404 ? notFound() : unavailable(502);
            } catch (ProcessingException unreachable) {
                return unavailable(503);
            }
        });
    }

    /**
     * The link of an access copy from the consumer's mail: what happens, and "Email me a code"; after a code was
     * sent ({@code sent} = its number) the field for it. The token stays in the page's forms.
     */
    @GET
    @Path("/copies/{exportId}")
    public Response copy(
            @PathParam("accountId") String accountId,
            @PathParam("exportId") String exportId,
            @QueryParam("token") String token,
            @QueryParam("sent") Integer sent) {
        UUID account = uuid(accountId);
        UUID export = uuid(exportId);
        if (account == null || export == null || !isToken(token)) {
            return notFound();
        }
        return withCenter(account, c -> page(200, Templates.copy(c, CopyView.fresh(export, token, sent))));
    }

    /** "Email me a code": deletion-service mails one to the address the copy was asked for. */
    @POST
    @Path("/copies/{exportId}/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response askForCopyCode(
            @PathParam("accountId") String accountId,
            @PathParam("exportId") String exportId,
            @FormParam("token") String token) {
        UUID account = uuid(accountId);
        UUID export = uuid(exportId);
        if (account == null || export == null || !isToken(token)) {
            return notFound();
        }
        try {
            CopyService.CodeSent sent = copies.askForCode(export, token);
            return Response.seeOther(URI.create(copyPath(account, export) + "?token="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&sent=" + sent.codeNumber()))
                    .build();
        } catch (WebApplicationException failure) {
            return copyRefused(account, export, token, PrivacyProblem.of(failure));
        } catch (ProcessingException unreachable) {
            return unavailable(503);
        }
    }

    /** Token and code: the copy, shown once, with its JSON to download. */
    @POST
    @Path("/copies/{exportId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response openCopy(
            @PathParam("accountId") String accountId,
            @PathParam("exportId") String exportId,
            @FormParam("token") String token,
            @FormParam("code") String code) {
        UUID account = uuid(accountId);
        UUID export = uuid(exportId);
        if (account == null || export == null || !isToken(token)) {
            return notFound();
        }
        String digits = code == null ? "" : code.replaceAll("[\\s-]", "");
        if (!CODE.matcher(digits).matches()) {
            return withCenter(account, c -> page(400, Templates.copy(c, CopyView.badCode(export, token))));
        }
        String json;
        CopyService.Copy copy;
        try (Response answer = copies.open(export, token, new CopyService.Code(digits))) {
            json = answer.readEntity(String.class);
            copy = JSON.readValue(json, CopyService.Copy.class);
        } catch (WebApplicationException failure) {
            return copyRefused(account, export, token, PrivacyProblem.of(failure));
        } catch (ProcessingException unreachable) {
            return unavailable(503);
        } catch (JsonProcessingException | RuntimeException unreadable) {
            return unavailable(502);
        }
        if (copy == null || !export.equals(copy.exportId()) || !account.equals(copy.accountId())) {
            // not the copy this page is about: show nothing of it
            return unavailable(502);
        }
        return withCenter(account, c -> page(200, Templates.copy(c, CopyView.opened(export, copy, json))));
    }

    private Response copyRefused(UUID account, UUID export, String token, PrivacyProblem problem) {
        if (problem.status() == 404) {
            return notFound();
        }
        int status = problem.status() >= 500 ? 502 : problem.status();
        return withCenter(account, c -> page(status, Templates.copy(c, CopyView.refused(export, token, problem))));
    }

    static String copyPath(UUID account, UUID export) {
        return "/privacy/" + account + "/copies/" + export;
    }

    /** An export token is base64url of 32 bytes: anything else is no link of ours. */
    private static boolean isToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    private Response codeRefused(UUID account, UUID intake, PrivacyProblem problem) {
        if (problem.status() == 404) {
            return notFound();
        }
        return withCenter(account, c -> page(problem.status(), Templates.code(c, CodeView.refused(intake, problem))));
    }

    /** Renders with the account's privacy center; an unknown or inactive account is a 404 page. */
    private Response withCenter(UUID account, java.util.function.Function<Center, Response> render) {
        Center found;
        try {
            found = center.center(account);
        } catch (WebApplicationException failure) {
            int status =
                    failure.getResponse() == null ? 502 : failure.getResponse().getStatus();
            return status == 404 ? notFound() : unavailable(502);
        } catch (ProcessingException unreachable) {
            return unavailable(503);
        }
        return render.apply(found);
    }

    private static Response statusRedirect(UUID account, Intake opened) {
        return Response.seeOther(URI.create("/privacy/" + account + "/requests/" + opened.requestId() + "?token="
                        + URLEncoder.encode(opened.statusToken(), StandardCharsets.UTF_8)))
                .build();
    }

    static String codePath(UUID account, UUID intake) {
        return "/privacy/" + account + "/intakes/" + intake;
    }

    static Response notFound() {
        return page(
                404,
                Templates.trouble(
                        "Page not found",
                        "There is no privacy center or request at this address. Check the link: if it came in an"
                                + " email, open it from the email again."));
    }

    static Response unavailable(int status) {
        return page(
                status,
                Templates.trouble("The privacy center cannot answer right now", "Please try again in a few minutes."));
    }

    /** Every privacy-center page: not kept by the browser or a proxy (it may show a request's status). */
    private static Response page(int status, TemplateInstance page) {
        return Response.status(status)
                .entity(page)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return blank(value) ? null : value.strip();
    }
}
