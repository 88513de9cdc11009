package io.chatprivacy.deletion;

import io.chatprivacy.infra.testing.TestClock;
import jakarta.inject.Singleton;

/**
 * The shared {@link TestClock} as this application's {@link java.time.Clock} in tests. The infra jar is no
 * bean archive, so the bean class has to live here; tests inject {@code TestClock}.
 */
@Singleton
public class TestClockBean extends TestClock {}
