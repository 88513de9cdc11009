package io.chatprivacy.request.domain.jurisdiction;

import java.util.List;

/** A jurisdiction pack is missing or broken; the service does not start with it. */
public class InvalidJurisdictionPackException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public InvalidJurisdictionPackException(String file, List<String> problems) {
        super("Jurisdiction pack " + file + " is invalid: " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The pack's file (or the setting) at fault. */
    public String file() {
        return file;
    }

    /** Every fault found. */
    public List<String> problems() {
        return problems;
    }
}
