package io.chatprivacy.console.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Where the sign-in provider's refusal lands (a denied consent, a broken flow): a page that says sign-in failed
 * and offers to try again. The provider's own error text is not echoed: it is not the visitor's to read.
 */
@Path("/signin-error")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInErrorPage {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance signinError();
    }

    @GET
    public Response show() {
        return Response.status(401).entity(Templates.signinError()).build();
    }
}
