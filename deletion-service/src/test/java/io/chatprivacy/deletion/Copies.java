package io.chatprivacy.deletion;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens an ACCESS export as the privacy center does: asks for a code with the export's token, reads the code
 * from {@code deletion.export-code-issued.v1} (as notification-service would, opening its seal) and presents
 * token and code together.
 */
public final class Copies {

    public static final String CODE_ISSUED = "deletion.export-code-issued.v1";

    private Copies() {}

    /** {@code POST /exports/{id}/codes}; no header at all for a null token. */
    public static Response askForCode(Object exportId, String token) {
        var request = given();
        if (token != null) {
            request = request.header("X-Export-Token", token);
        }
        return request.post("/exports/{id}/codes", exportId);
    }

    /** {@code POST /exports/{id}/open}; no header at all for a null token. */
    public static Response open(Object exportId, String token, String code) {
        var request = given().contentType(ContentType.JSON).body(Map.of("code", code));
        if (token != null) {
            request = request.header("X-Export-Token", token);
        }
        return request.post("/exports/{id}/open", exportId);
    }

    /** The code event of an export's n-th code, once published. */
    public static JsonNode codeEvent(Fixtures.DeletionEvents events, UUID exportId, int number) {
        org.awaitility.Awaitility.await()
                .atMost(Fixtures.WAIT)
                .until(() -> find(events, exportId, number).isPresent());
        return find(events, exportId, number).orElseThrow();
    }

    /** Asks for a code (202) and returns it, opened from its event. */
    public static String code(Fixtures.DeletionEvents events, CodeSealer sealer, UUID exportId, String token) {
        Response asked = askForCode(exportId, token);
        asked.then().statusCode(202);
        JsonNode event = codeEvent(events, exportId, asked.jsonPath().getInt("codeNumber"));
        return sealer.openExportCode(event.get("sealedCode").asText(), exportId);
    }

    /**
     * The copy for the token's holder who proves the address: asks for a code and presents it. A refusal of the
     * code request (404, 409, 410) is returned as it is.
     */
    public static Response read(Fixtures.DeletionEvents events, CodeSealer sealer, UUID exportId, String token) {
        Response asked = askForCode(exportId, token);
        if (asked.statusCode() != 202) {
            return asked;
        }
        JsonNode event = codeEvent(events, exportId, asked.jsonPath().getInt("codeNumber"));
        return open(
                exportId, token, sealer.openExportCode(event.get("sealedCode").asText(), exportId));
    }

    /** How many codes were published for the export so far. */
    public static long codeEventCount(Fixtures.DeletionEvents events, UUID exportId) {
        return events.ofType(CODE_ISSUED).stream()
                .map(Requests::data)
                .filter(d -> exportId.toString().equals(d.path("exportId").asText()))
                .count();
    }

    private static Optional<JsonNode> find(Fixtures.DeletionEvents events, UUID exportId, int number) {
        return events.ofType(CODE_ISSUED).stream()
                .map(Requests::data)
                .filter(d -> exportId.toString().equals(d.path("exportId").asText())
                        && d.path("codeNumber").asInt() == number)
                .findFirst();
    }
}
