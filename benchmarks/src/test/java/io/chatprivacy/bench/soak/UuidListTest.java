package io.chatprivacy.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidListTest {

    @Test
    void theSameIdsInAnotherOrderMatchExactly() {
        List<UUID> ids = ids(5_000, 1);
        List<UUID> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(2));
        UuidList.Match match = UuidList.compare(list(ids), list(shuffled));
        assertThat(match).isEqualTo(new UuidList.Match(5_000, 0, 5_000, 0, 0, 0));
    }

    @Test
    void lostDuplicatedAndUnexpectedAreCountedApart() {
        List<UUID> accepted = ids(1_000, 3);
        List<UUID> events = new ArrayList<>(accepted.subList(0, 990)); // 10 lost
        events.add(accepted.get(5)); // one duplicated twice more
        events.add(accepted.get(5));
        events.add(accepted.get(7)); // another once more
        events.add(UUID.randomUUID()); // one never accepted, seen twice
        events.add(events.get(events.size() - 1));
        Collections.shuffle(events, new Random(4));
        UuidList.Match match = UuidList.compare(list(accepted), list(events));
        assertThat(match.expected()).isEqualTo(1_000);
        assertThat(match.seen()).isEqualTo(995);
        assertThat(match.missing()).isEqualTo(10);
        assertThat(match.duplicates()).isEqualTo(4);
        assertThat(match.unexpected()).isEqualTo(1);
        assertThat(match.expectedDuplicates()).isZero();
    }

    @Test
    void idsThatDifferOnlyInTheLowHalfOrInTheSignBitAreDifferent() {
        // time-ordered ids share their high half; the sign bit must not break the order
        UUID a = new UUID(0x0190_0000_0000_7000L, 0x8000_0000_0000_0001L);
        UUID b = new UUID(0x0190_0000_0000_7000L, 0x8000_0000_0000_0002L);
        UUID c = new UUID(0xF190_0000_0000_7000L, 0x0000_0000_0000_0001L);
        UUID d = new UUID(0x7190_0000_0000_7000L, 0x0000_0000_0000_0001L);
        UuidList.Match match = UuidList.compare(list(List.of(a, b, c, d, a)), list(List.of(d, c, b)));
        assertThat(match.missing()).isEqualTo(1); // a
        assertThat(match.expectedDuplicates()).isEqualTo(1); // a twice among the expected
        assertThat(match.unexpected()).isZero();
        assertThat(match.duplicates()).isZero();
    }

    @Test
    void stringsThatAreNoUuidAreCountedNotStored() {
        UuidList list = new UuidList();
        list.add("3f2b1c9e-8a51-4c5e-9d7a-0c1e2f3a4b5c");
        list.add("?");
        list.add((String) null);
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.unreadable()).isEqualTo(2);
    }

    @Test
    void emptyListsMatch() {
        assertThat(UuidList.compare(new UuidList(), new UuidList())).isEqualTo(new UuidList.Match(0, 0, 0, 0, 0, 0));
    }

    private static List<UUID> ids(int n, long seed) {
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return ids;
    }

    private static UuidList list(List<UUID> ids) {
        UuidList list = new UuidList();
        ids.forEach(list::add);
        return list;
    }
}
