package io.chatprivacy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void readsPlainQuotedAndShellQuotedValues() {
        var values = Credentials.parse("""
                # demo credentials
                ACCOUNT_ID=3f2b1c9e-8a51-4c5e-9d7a-0c1e2f3a4b5c
                OWNER_TOKEN='eyJ.a.b'
                owner_password='it'\\''s'
                WIDGET_KEY="wk_123"

                not a line
                """);
        assertThat(values)
                .containsEntry("ACCOUNT_ID", "3f2b1c9e-8a51-4c5e-9d7a-0c1e2f3a4b5c")
                .containsEntry("OWNER_TOKEN", "eyJ.a.b")
                .containsEntry("OWNER_PASSWORD", "it's")
                .containsEntry("WIDGET_KEY", "wk_123")
                .hasSize(4);
    }
}
