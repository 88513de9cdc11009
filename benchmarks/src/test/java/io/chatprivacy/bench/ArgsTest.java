package io.chatprivacy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTest {

    private static final String USAGE = "usage: x [--chats=100] [--url=http://localhost:8083]";

    @Test
    void optionsTheUsageShowsAreReadByName() {
        assertThat(Args.parse(new String[] {"--chats=5", "--url=http://h:1/a=b"}, USAGE))
                .containsEntry("chats", "5")
                .containsEntry("url", "http://h:1/a=b");
    }

    @Test
    void aMisspeltOptionIsRefusedNotIgnored() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--chat=5"}, USAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option --chat");
        assertThatThrownBy(() -> Args.parse(new String[] {"chats"}, USAGE))
                .hasMessageStartingWith("unknown argument chats");
    }
}
