package io.chatprivacy.notification;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.ServiceSurfaceChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** What operators rely on: readiness with the real dependencies (SMTP too), OpenAPI, Swagger UI, metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class ServiceSurfaceTest extends ServiceSurfaceChecks {

    @Override
    protected List<String> moreReadinessChecks() {
        return List.of("SMTP relay");
    }
}
