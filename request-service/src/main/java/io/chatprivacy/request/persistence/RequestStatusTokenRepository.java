package io.chatprivacy.request.persistence;

import io.chatprivacy.request.domain.RequestStatusToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The status pages' tokens, by the hex SHA-256 of the token. */
@ApplicationScoped
public class RequestStatusTokenRepository implements PanacheRepositoryBase<RequestStatusToken, String> {}
