package io.chatprivacy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.infra.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The demo page embeds the widget with the key, under a strict CSP, and serves nothing else. */
class DemoSiteTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePageLoadsTheWidgetUnderAStrictPolicy() throws Exception {
        // consent-service is not running: the page is served without an integrity attribute
        int consentPort = Ports.free();
        try (DemoSite site = DemoSite.start(0, "http://localhost:" + consentPort, "wk_demo\"<key>")) {
            HttpResponse<String> page = get(site.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("default-src 'none'")
                    .contains("script-src 'self' http://localhost:" + consentPort + ";")
                    .contains("connect-src http://localhost:" + consentPort + ";")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.body())
                    .contains("src=\"http://localhost:" + consentPort + "/widget/v1/consent.js\"")
                    .contains("data-widget-key=\"wk_demo&quot;&lt;key&gt;\"")
                    .contains("crossorigin=\"anonymous\"")
                    .doesNotContain("integrity=")
                    .doesNotContain("<script>")
                    .doesNotContain("style=");
            assertThat(get(site.origin() + "/demo.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(get(site.origin() + "/demo.css").statusCode()).isEqualTo(200);
            assertThat(get(site.origin() + "/other").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
