package io.chatprivacy.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void areVersion7WithTheTimestampFirst() {
        long millis = 1_795_947_892_123L;
        UUID id = Ids.timeOrdered(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void sortByTimeAndNeverRepeat() {
        UUID earlier = Ids.timeOrdered(1_000);
        UUID later = Ids.timeOrdered(2_000);
        assertThat(earlier.toString()).isLessThan(later.toString());

        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.timeOrdered(1_000));
        }
        assertThat(ids).hasSize(10_000);
    }
}
