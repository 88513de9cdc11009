package io.chatprivacy.request.rest;

import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPack;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The jurisdiction packs, read-only and public: what the law of each jurisdiction grants and by when, with the
 * statute section of each rule, for the console and a privacy center to show. Nothing here is about an account.
 */
@Path("/jurisdictions")
@Tag(name = "Jurisdictions")
@PermitAll
public class JurisdictionResource {

    private final JurisdictionPacks packs;

    JurisdictionResource(JurisdictionPacks packs) {
        this.packs = packs;
    }

    @GET
    @Operation(
            summary =
                    "Every jurisdiction's rule pack: rights, verification, clocks, extension, appeal, opt-out signals")
    public List<JurisdictionPack> list() {
        return packs.all();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One jurisdiction's rule pack by its two-letter code (CA, VA, CO, CT, OR, TX)")
    public JurisdictionPack get(@PathParam("code") String code) {
        return packs.find(code.strip())
                .orElseThrow(() -> ProblemException.notFound("No rule pack for jurisdiction \"" + shorten(code)
                        + "\"; known: "
                        + packs.all().stream().map(JurisdictionPack::code).toList() + "."));
    }

    private static String shorten(String code) {
        String visible = code.replaceAll("[^A-Za-z0-9]", "?");
        return visible.length() > 8 ? visible.substring(0, 8) + "…" : visible;
    }
}
