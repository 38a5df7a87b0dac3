#!/usr/bin/env bash
# Builds the instance and the benchmark, then drives 1, 10 and 100 concurrent demo turns through a real instance on
# 127.0.0.1 and prints latency, loss and heap figures (see bench/README.md). Extra arguments go to the benchmark,
# e.g. `bench/run.sh --turns 1,10 --delay-ms 60`. Not part of `mvn verify`: benchmarks print figures, not verdicts.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -pl bench -am package -DskipTests
# The whole run is bounded: the benchmark times out each round itself, and this bounds everything else.
exec timeout --kill-after=30 1800 java -cp "bench/target/classes:gateway/target/cial.jar" io.cial.bench.TurnBench "$@"
