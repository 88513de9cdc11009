package io.chatprivacy.notification.rest;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.chatprivacy.infra.testing.InjectMailServer;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.notification.Fixtures;
import io.chatprivacy.notification.Fixtures.Owner;
import io.chatprivacy.notification.Seals;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The delivery log over HTTP: what was sent, to whom, when and how — for the account's own users only. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class NotificationResourceTest {

    @Inject
    AccountRepository accounts;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @InjectMailServer
    io.chatprivacy.infra.MailServer mail;

    @Test
    void showsTheDeliveryLogOfARequestToItsAccountOnly() {
        Owner owner = Fixtures.registerAccount(kafka, accounts);
        UUID requestId = UUID.randomUUID();
        String code = Seals.code(8);
        Fixtures.send(
                kafka,
                Fixtures.verificationIssued(owner.accountId(), requestId, UUID.randomUUID(), code)
                        .toRecord());
        String agent = TestTokens.token(owner.accountId(), "agent");

        await().atMost(WAIT)
                .until(() -> "SENT"
                        .equals(given().auth()
                                .oauth2(agent)
                                .get("/accounts/{a}/notifications?requestId={r}", owner.accountId(), requestId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("[0].status")));
        given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/notifications?requestId={r}", owner.accountId(), requestId)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].template", equalTo("VERIFICATION_CODE"))
                .body("[0].recipient", equalTo(owner.email()))
                .body("[0].attempts", equalTo(1))
                .body("[0].sentAt", not(nullValue()))
                .body("[0].nextAttemptAt", nullValue())
                .body("[0].textBody", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(code)));
        given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/notifications?requestId={r}", owner.accountId(), UUID.randomUUID())
                .then()
                .statusCode(200)
                .body("$", hasSize(0));

        given().auth()
                .oauth2(TestTokens.token(UUID.randomUUID(), "owner"))
                .get("/accounts/{a}/notifications", owner.accountId())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().get("/accounts/{a}/notifications", owner.accountId()).then().statusCode(401);
        given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/notifications?requestId=nope", owner.accountId())
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("requestId"));
    }
}
