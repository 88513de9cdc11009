package io.chatprivacy.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Makes the application verify bearer tokens against the test JVM's key pair ({@link TestTokens}). */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.config();
    }

    @Override
    public void stop() {}
}
