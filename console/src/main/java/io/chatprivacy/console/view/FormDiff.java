package io.chatprivacy.console.view;

import io.chatprivacy.console.clients.ConsentService.Consent;
import io.chatprivacy.console.clients.ConsentService.Field;
import io.chatprivacy.console.clients.ConsentService.FormVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one version of a pre-chat form to another: each consent by its id (added, removed, its
 * wording word by word, whether it is required) and each field. The newer version's order first, then what
 * it dropped.
 */
public record FormDiff(int from, int to, List<ConsentChange> consents, List<FieldChange> fields) {

    /** How an element changed. */
    public enum Status {
        ADDED,
        REMOVED,
        CHANGED,
        SAME;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A consent's change: its wording as runs of kept, removed and added words. */
    public record ConsentChange(
            String id, Status status, Boolean requiredBefore, Boolean requiredAfter, List<WordDiff.Run> wording) {}

    /** A field's change (name, email or free text asked before the chat). */
    public record FieldChange(String id, Status status, Field before, Field after) {}

    public static FormDiff between(FormVersion older, FormVersion newer) {
        Map<String, Consent> before = new LinkedHashMap<>();
        older.consents().forEach(c -> before.put(c.id(), c));
        List<ConsentChange> consents = new ArrayList<>();
        for (Consent after : newer.consents()) {
            Consent was = before.remove(after.id());
            if (was == null) {
                consents.add(new ConsentChange(
                        after.id(), Status.ADDED, null, after.required(), WordDiff.between("", after.label())));
            } else {
                List<WordDiff.Run> wording = WordDiff.between(was.label(), after.label());
                boolean same = !WordDiff.changed(wording) && was.required() == after.required();
                consents.add(new ConsentChange(
                        after.id(), same ? Status.SAME : Status.CHANGED, was.required(), after.required(), wording));
            }
        }
        before.values()
                .forEach(was -> consents.add(new ConsentChange(
                        was.id(), Status.REMOVED, was.required(), null, WordDiff.between(was.label(), ""))));

        Map<String, Field> fieldsBefore = new LinkedHashMap<>();
        older.fields().forEach(f -> fieldsBefore.put(f.id(), f));
        List<FieldChange> fields = new ArrayList<>();
        for (Field after : newer.fields()) {
            Field was = fieldsBefore.remove(after.id());
            Status status = was == null ? Status.ADDED : Objects.equals(was, after) ? Status.SAME : Status.CHANGED;
            fields.add(new FieldChange(after.id(), status, was, after));
        }
        fieldsBefore.values().forEach(was -> fields.add(new FieldChange(was.id(), Status.REMOVED, was, null)));
        return new FormDiff(older.version(), newer.version(), consents, fields);
    }

    /** Whether anything a visitor sees differs. */
    public boolean changed() {
        return consents.stream().anyMatch(c -> c.status() != Status.SAME)
                || fields.stream().anyMatch(f -> f.status() != Status.SAME);
    }
}
