package io.chatprivacy.deletion.service;

import static io.chatprivacy.deletion.Fixtures.chat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Fixtures;
import io.chatprivacy.deletion.Requests;
import io.chatprivacy.deletion.Requests.IssuedCode;
import io.chatprivacy.deletion.Sql;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.crypto.UnreadableException;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding: copies of purged chats taken before the purge (a database dump, a backup) can no
 * longer be decrypted afterwards, because their keys are gone; everything else still decrypts.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class CryptoShreddingTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountRepository accounts;

    @Inject
    CodeSealer sealer;

    @Inject
    Vault vault;

    @Test
    void aDumpTakenBeforeThePurgeCannotBeDecryptedAfterIt() {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@shred.example");
        // ann: one purged chat, one kept; bob: his only chat is purged; cy: untouched
        Fixtures.ingestChats(
                account,
                List.of(
                        chat("ann-1", "v-ann", "ann@example.com", List.of("Delete")),
                        chat("ann-2", "v-ann", "ann@example.com", List.of()),
                        chat("bob-1", "v-bob", "bob@example.com", List.of("Delete")),
                        chat("cy-1", "v-cy", "cy@example.com", List.of())));
        Sql sql = new Sql(dataSource);

        // the "dump": content rows, data-key rows, subject-key rows, as they are before the purge
        Map<String, Map<String, Object>> dump = new HashMap<>();
        for (Map<String, Object> row : sql.rows(
                "select c.external_id, c.id, c.content, d.subject_key_id, d.wrapped_key from chat c"
                        + " join data_key d on d.id = c.id where c.account_id = ?",
                account)) {
            dump.put((String) row.get("external_id"), row);
        }
        assertThat(dump).hasSize(4);
        for (String chat : dump.keySet()) {
            assertThat(open(dump.get(chat))).contains("Secret message one of " + chat);
            assertThat(openWithCopiedKey(dump.get(chat))).contains("Secret message one of " + chat);
        }
        long subjectKeys = sql.count("select count(*) from subject_key where account_id = ?", account);
        assertThat(subjectKeys).isEqualTo(3);

        purge(account);

        // the purged chats' ciphertext survives in the dump, but their data keys are destroyed
        assertThatThrownBy(() -> open(dump.get("ann-1"))).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> open(dump.get("bob-1"))).isInstanceOf(UnreadableException.class);
        // bob has nothing left: his subject key is destroyed too, so even a dumped copy of his data key is useless
        assertThatThrownBy(() -> openWithCopiedKey(dump.get("bob-1"))).isInstanceOf(UnreadableException.class);
        assertThat(sql.count("select count(*) from subject_key where account_id = ?", account))
                .isEqualTo(2);
        // what was not purged still decrypts, from the dump and from the vault
        assertThat(open(dump.get("ann-2"))).contains("Secret message one of ann-2");
        assertThat(open(dump.get("cy-1"))).contains("Secret message one of cy-1");
        given().auth()
                .oauth2(Fixtures.agent(account))
                .get("/accounts/{a}/chats/ann-2", account)
                .then()
                .statusCode(200);
        // and the purged rows themselves are gone from the live tables
        assertThat(sql.count(
                        "select count(*) from chat where account_id = ? and external_id in ('ann-1', 'bob-1')",
                        account))
                .isZero();
    }

    private String open(Map<String, Object> row) {
        return QuarkusTransaction.requiringNew()
                .call(() -> vault.open(ItemType.CHAT, (UUID) row.get("id"), (byte[]) row.get("content")));
    }

    private String openWithCopiedKey(Map<String, Object> row) {
        return QuarkusTransaction.requiringNew()
                .call(() -> vault.openWithCopiedKey(
                        ItemType.CHAT,
                        (UUID) row.get("id"),
                        (UUID) row.get("subject_key_id"),
                        (byte[]) row.get("wrapped_key"),
                        (byte[]) row.get("content")));
    }

    private void purge(UUID account) {
        try (Fixtures.DeletionEvents events = new Fixtures.DeletionEvents(kafka)) {
            UUID request = UUID.randomUUID();
            Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
            IssuedCode code = Requests.code(events, sealer, account, 1);
            given().auth()
                    .oauth2(Fixtures.owner(account))
                    .contentType(ContentType.JSON)
                    .body(Map.of("code", code.code()))
                    .post("/accounts/{a}/deletion-requests/{r}/verification", account, request)
                    .then()
                    .statusCode(200);
        }
    }
}
