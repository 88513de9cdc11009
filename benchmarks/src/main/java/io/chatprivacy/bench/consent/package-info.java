/** The consent-ingestion benchmark: load on consent-service's record-consent endpoint, checked end to end. */
package io.chatprivacy.bench.consent;
