package io.chatprivacy.request.rest;

import io.chatprivacy.request.domain.Account;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPack;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An account's privacy center: whose it is, the rights consumers can ask for under the default jurisdiction
 * ({@code rights}, each saying whether a code is needed) and, per jurisdiction a consumer may choose, the rights
 * its law grants.
 */
public record PrivacyCenterResponse(
        UUID accountId,
        String accountName,
        List<Right> rights,
        String defaultJurisdiction,
        List<Jurisdiction> jurisdictions) {

    /** A right a consumer may ask for here, and whether they prove their address with a code first. */
    public record Right(RequestType type, boolean verification) {}

    /** A jurisdiction a consumer may ask under: its code, name, law and the rights it grants. */
    public record Jurisdiction(String code, String name, String law, List<Right> rights) {}

    static PrivacyCenterResponse of(Account account, JurisdictionPacks packs) {
        return new PrivacyCenterResponse(
                account.id(),
                account.name(),
                rights(packs.defaultPack()),
                packs.defaultPack().code(),
                packs.all().stream()
                        .map(p -> new Jurisdiction(p.code(), p.name(), p.law(), rights(p)))
                        .toList());
    }

    private static List<Right> rights(JurisdictionPack pack) {
        return Arrays.stream(RequestType.values())
                .filter(pack::grants)
                .map(t -> new Right(t, pack.needsVerification(t)))
                .toList();
    }
}
