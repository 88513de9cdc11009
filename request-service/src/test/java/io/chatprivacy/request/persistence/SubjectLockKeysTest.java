package io.chatprivacy.request.persistence;

import static io.chatprivacy.request.persistence.RightsRequestRepository.subjectLockKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.request.domain.RequestType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The advisory lock keys that serialise openings for one consumer: stable, and apart for anything else. */
class SubjectLockKeysTest {

    private static final UUID ACCOUNT = UUID.fromString("5f0c7a9e-3b1d-4c2a-9e8f-6a7b8c9d0e1f");

    @Test
    void theKeyOfAnAddressIsTheSameInEveryReleaseAndReplica() {
        // replicas of two releases running side by side must lock the same key for the same consumer
        assertThat(subjectLockKeys(ACCOUNT, RequestType.DELETE, "alice@example.com", null))
                .containsExactly(5739251070373056425L);
    }

    @Test
    void anAddressAndAVisitorIdAreLockedBothInAscendingOrder() {
        long[] both = subjectLockKeys(ACCOUNT, RequestType.LIMIT, "alice@example.com", "v-1");
        assertThat(both).hasSize(2).isSorted();
        assertThat(both)
                .contains(subjectLockKeys(ACCOUNT, RequestType.LIMIT, "alice@example.com", null)[0])
                .contains(subjectLockKeys(ACCOUNT, RequestType.LIMIT, null, "v-1")[0]);
    }

    @Test
    void aTagDeletionNamesNoConsumerAndTakesNoLock() {
        assertThat(subjectLockKeys(ACCOUNT, RequestType.DELETE, null, null)).isEmpty();
    }

    @Test
    void anotherAccountRightIdentifierOrKindOfIdentifierIsAnotherKey() {
        long alice = subjectLockKeys(ACCOUNT, RequestType.DELETE, "alice@example.com", null)[0];
        assertThat(subjectLockKeys(UUID.randomUUID(), RequestType.DELETE, "alice@example.com", null)[0])
                .isNotEqualTo(alice);
        assertThat(subjectLockKeys(ACCOUNT, RequestType.ACCESS, "alice@example.com", null)[0])
                .isNotEqualTo(alice);
        assertThat(subjectLockKeys(ACCOUNT, RequestType.DELETE, "bob@example.com", null)[0])
                .isNotEqualTo(alice);
        // a visitor id that happens to read like the address is another identifier
        assertThat(subjectLockKeys(ACCOUNT, RequestType.DELETE, null, "alice@example.com")[0])
                .isNotEqualTo(alice);
    }
}
