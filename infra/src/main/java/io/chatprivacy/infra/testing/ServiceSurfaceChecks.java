package io.chatprivacy.infra.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on in every service: readiness with its real database and Kafka, OpenAPI, Swagger UI
 * and Prometheus metrics. A service's {@code ServiceSurfaceTest} extends this with its
 * {@code @QuarkusTest} resources, names its own further readiness checks and adds its own tests.
 */
public abstract class ServiceSurfaceChecks {

    /** Readiness checks of this service beyond the database's and Kafka's (e.g. an SMTP relay). */
    protected List<String> moreReadinessChecks() {
        return List.of();
    }

    @Test
    protected void readyWithItsDatabaseAndKafka() {
        ValidatableResponse ready = given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
        for (String check : moreReadinessChecks()) {
            ready.body("checks.name", hasItem(check));
        }
    }

    @Test
    protected void servesOpenApiSwaggerAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
