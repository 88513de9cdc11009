package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.persistence.SelfTestRepository;
import java.time.Instant;
import java.util.UUID;

/**
 * One opt-out self-test run: who started it ({@code SCHEDULED} or {@code OWNER}), when, and its outcome ({@code
 * RUNNING}, {@code PASSED}, {@code FAILED}); for a failure the first check not honoured and what was seen.
 */
public record SelfTestRunResponse(
        UUID runId,
        String startedBy,
        Instant startedAt,
        Instant finishedAt,
        String outcome,
        String failedCheck,
        String detail) {

    static SelfTestRunResponse of(SelfTestRepository.Run run) {
        return new SelfTestRunResponse(
                run.id(),
                run.startedBy(),
                run.startedAt(),
                run.finishedAt(),
                run.outcome(),
                run.failedCheck(),
                run.detail());
    }
}
