#!/usr/bin/env bash
# Builds the pipeline benchmark and runs it once: a real KRaft broker in its own JVM, the bare
# exactly-once floor chain, then the real risk and matching processors, at a fixed order rate.
#
#   services/pipeline-benchmark/run.sh [rate] [duration-seconds] [commit-interval-ms] [-- extra options]
#   services/pipeline-benchmark/run.sh 10000 60 20
#   services/pipeline-benchmark/run.sh 10000 60 20 -- --warmup-seconds 60 --partitions 6 --accounts 1000 --sender-linger-ms 0 \
#       --symbols 3 --seed 42 --floor true --bootstrap 127.0.0.1:9092 \
#       --processor-setting 'rtx.streams.threads=3;spring.cloud.stream.kafka.streams.binder.configuration.producer.linger.ms=10' \
#       --broker-setting 'num.io.threads=2;num.network.threads=1' --transaction-version 1
#
# --transaction-version N formats the started broker's storage with transaction.version=N (default 2, as RTX
# pins it; 1 to compare with the old protocol's AddPartitionsToTxn/AddOffsetsToTxn round trips); the run fails
# if the broker finalizes another. With --bootstrap the external broker's version is only read and reported.
# The result adds, per measured window, the broker's requests by type and records appended by topic (read from
# the started broker's JMX on a free 127.0.0.1 port; not with --bootstrap) and the commit time of each floor
# hop and processor.
#
# Saturation mode: the rate argument is the first step's rate and the duration argument is not used. For the floor
# chain, then the pipeline, the offered rate rises step by step (each step --step-factor times the last, held
# --step-seconds after --settle-seconds) until a stage carries less than 95 % of what reaches it or the sender falls
# behind; the result gives each one's saturation rate, their ratio, and at saturation the CPU, the partitions per
# transaction and the broker's records per order command by topic:
#
#   services/pipeline-benchmark/run.sh 1000 0 20 -- --saturation true --step-factor 1.25 --settle-seconds 3 \
#       --step-seconds 10 --max-steps 20 --warmup-seconds 60
#
# Warm-up below about 60 s measures the JIT: on 2 cores the C2 compilers of the benchmark and broker JVMs
# still took about 0.75 cores 35 s after start.
# The markdown result is printed and written to services/pipeline-benchmark/target/pipeline-benchmark/.
# Set SKIP_BUILD=1 to reuse the last build (e.g. while other builds are running on the machine).
set -euo pipefail

module_dir="$(cd "$(dirname "$0")" && pwd)"
root_dir="$(cd "$module_dir/../.." && pwd)"
rate="${1:-10000}"
duration="${2:-60}"
commit_interval="${3:-20}"
shift $(( $# < 3 ? $# : 3 ))
[[ "${1:-}" == "--" ]] && shift

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  (cd "$root_dir" && mvn -o -q -pl services/pipeline-benchmark -am package -DskipTests)
fi

cd "$module_dir"
exec java -Xms2g -Xmx2g -XX:+UseG1GC \
  -cp "target/classes:$(cat target/classpath.txt)" \
  io.rtx.benchmark.PipelineLatencyBenchmark \
  --rate "$rate" --duration-seconds "$duration" --commit-interval-ms "$commit_interval" "$@"
