#!/usr/bin/env bash
# Runs a benchmark against the running local stack (start it first with ./run.sh in another terminal).
#
#   benchmarks/run.sh consent [options]     consent ingestion (see benchmarks/README.md)
#   benchmarks/run.sh purge [options]       ingest, verified purge and confirmation mail
#   benchmarks/run.sh widget [options]      consent.js size and load time on the demo page (Chromium)
#   benchmarks/run.sh soak [options]        an hour of paced consents plus deletions and access requests, RSS watched
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == widget ]]; then
    shift
    e2e/browser/setup.sh
    exec node benchmarks/widget/widget-load.mjs "$@"
fi
if [[ ! -f benchmarks/target/benchmarks.jar || -n "$(find benchmarks/src benchmarks/pom.xml -newer benchmarks/target/benchmarks.jar -print -quit)" ]]; then
    ./mvnw -q -Dmaven.test.skip=true -Dspotless.check.skip=true -pl benchmarks -am package
fi
name=${1:?usage: benchmarks/run.sh <consent|purge|widget|soak> [options]}
shift
case "$name" in
    consent) main=io.chatprivacy.bench.consent.ConsentIngestionBenchmark ;;
    purge) main=io.chatprivacy.bench.purge.PurgeBenchmark ;;
    soak) main=io.chatprivacy.bench.soak.SoakBenchmark ;;
    *) echo "unknown benchmark: $name" >&2; exit 2 ;;
esac
exec java ${BENCH_JAVA_OPTS:--Xmx512m} -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" "$main" "$@"
