package io.chatprivacy.infra.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on in every service: readiness with its real database and Kafka and Prometheus metrics on the
 * management port (not on the public one), OpenAPI and Swagger UI. A service's {@code ServiceSurfaceTest} extends this with its
 * {@code @QuarkusTest} resources, names its own further readiness checks and adds its own tests.
 */
public abstract class ServiceSurfaceChecks {

    /** The management interface (a port of its own, random in tests). */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    /** Readiness checks of this service beyond the database's and Kafka's (e.g. an SMTP relay). */
    protected List<String> moreReadinessChecks() {
        return List.of();
    }

    @Test
    protected void readyWithItsDatabaseAndKafka() {
        ValidatableResponse ready = given().port(management.getPort())
                .get("/q/health/ready")
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
        given().port(management.getPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    protected void healthAndMetricsAreNotOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
