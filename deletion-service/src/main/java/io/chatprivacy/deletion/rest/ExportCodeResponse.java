package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.ExportService.IssuedCode;
import java.time.Instant;
import java.util.UUID;

/**
 * A code was mailed for an export: its number (1 for the first), how many more may be sent, until when it is
 * valid, and how many wrong codes the export still allows. Never the code, nor where it went.
 */
public record ExportCodeResponse(UUID exportId, int codeNumber, int codesLeft, Instant expiresAt, int attemptsLeft) {

    static ExportCodeResponse of(IssuedCode code) {
        return new ExportCodeResponse(
                code.exportId(), code.codeNumber(), code.codesLeft(), code.expiresAt(), code.attemptsLeft());
    }
}
