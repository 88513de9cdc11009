package io.chatprivacy.e2e;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading mail the way a recipient does: subject, recipients, decoded parts and attachments. */
final class Mails {

    private Mails() {}

    static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> recipients(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (var address : message.getAllRecipients()) {
                to.add(address.toString());
            }
            return to;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw message, all parts, with quoted-printable soft line breaks joined. */
    static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return raw.toString(StandardCharsets.UTF_8).replace("=\r\n", "").replace("=\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every leaf part's content, decoded from its transfer encoding, joined by new lines. */
    static String decoded(MimeMessage message) {
        StringBuilder all = new StringBuilder();
        leaves(message).forEach(part -> all.append(content(part)).append('\n'));
        return all.toString();
    }

    /** The decoded content of the attachment with this file name, if the message has one. */
    static Optional<String> attachment(MimeMessage message, String fileName) {
        return leaves(message).stream()
                .filter(part -> fileName.equals(fileName(part)))
                .findFirst()
                .map(Mails::content);
    }

    private static List<Part> leaves(Part part) {
        List<Part> leaves = new ArrayList<>();
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    leaves.addAll(leaves(child));
                }
            } else {
                leaves.add(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return leaves;
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String content(Part part) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
