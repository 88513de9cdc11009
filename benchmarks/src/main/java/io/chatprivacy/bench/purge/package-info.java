/**
 * The purge benchmark: ingest tagged chats into the running vault, carry out a verified purge of them,
 * time it against a plain SQL delete, and time code presented to confirmation mail.
 */
package io.chatprivacy.bench.purge;
