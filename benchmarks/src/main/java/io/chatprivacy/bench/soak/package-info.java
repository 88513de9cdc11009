/**
 * The soak: an hour (or as long as asked) of paced consents plus a steady mix of deletions by tag and
 * access requests against the running stack, with the memory of every process of the stack watched
 * from {@code /proc} and everything counted end to end.
 */
package io.chatprivacy.bench.soak;
