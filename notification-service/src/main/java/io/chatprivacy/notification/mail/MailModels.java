package io.chatprivacy.notification.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores and reads back the models of the mails whose final text is made only at send time (a verification
 * code, an access export, a receipt with a status link): queued as JSON with the mail, rendered from it when
 * the mail goes out.
 */
@ApplicationScoped
public class MailModels {

    private final ObjectMapper json;

    MailModels(ObjectMapper json) {
        this.json = json;
    }

    /** The model as stored with the queued mail. */
    public String write(Object model) {
        try {
            return json.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail model is not serialisable", e);
        }
    }

    /** Reads back the stored model of a verification mail. */
    public VerificationCodeMail verification(String model) {
        return read(model, VerificationCodeMail.class, "verification");
    }

    /** Reads back the stored model of a consumer's verification mail (privacy center). */
    public ConsumerCodeMail consumerCode(String model) {
        return read(model, ConsumerCodeMail.class, "consumer verification");
    }

    /** Reads back the stored model of a receipt confirmation that carries a status link. */
    public ReceiptConfirmationMail receipt(String model) {
        return read(model, ReceiptConfirmationMail.class, "receipt");
    }

    /** Reads back the stored model of an access mail. */
    public AccessExportMail accessExport(String model) {
        return read(model, AccessExportMail.class, "access");
    }

    /** Reads back the stored model of the mail with the code that opens an access copy. */
    public ExportCodeMail exportCode(String model) {
        return read(model, ExportCodeMail.class, "access copy code");
    }

    private <T> T read(String model, Class<T> type, String what) {
        try {
            return json.readValue(model, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " mail model is unreadable", e);
        }
    }
}
