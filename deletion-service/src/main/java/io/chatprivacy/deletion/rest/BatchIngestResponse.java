package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.IngestService.ItemResult;
import java.util.Collection;

/** What ingesting a batch did, counted by outcome ({@code purged}: purged before, not stored again). */
public record BatchIngestResponse(int created, int updated, int unchanged, int purged) {

    static BatchIngestResponse of(Collection<ItemResult> results) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int purged = 0;
        for (ItemResult result : results) {
            switch (result) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case PURGED -> purged++;
            }
        }
        return new BatchIngestResponse(created, updated, unchanged, purged);
    }
}
