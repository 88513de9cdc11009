/** Benchmarks that drive the running local stack (started with ./run.sh) and print their figures. */
package io.chatprivacy.bench;
