#!/bin/bash
# Usage: presets.sh blocking|reactive|virtual
# Starts the app (blocking 9381, reactive 9382, virtual 9383), runs four sleeps of 2 s and the
# CPU preset (8 x iterations=2000000), each with /api/loops polled every 250 ms on new connections
# during the run and for 1.5 s after, then prints the last 10 s as the app's window saw it.
# Four sleeps hold every loop of a 4-loop machine: the app's own view. The dashboard's sleep
# preset sends one, so that the page can still read the loops through the free ones.
app=$1
cd "$(dirname "$0")/../.."
case $app in
  reactive) port=9382; cmd=(java -Xmx512m -jar reactive-app/target/reactive-app-0.1.0-SNAPSHOT.jar) ;;
  blocking) port=9381; cmd=(java -Xmx512m -jar blocking-app/target/blocking-app-0.1.0-SNAPSHOT.jar) ;;
  virtual) port=9383; cmd=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx512m -jar blocking-app/target/blocking-app-0.1.0-SNAPSHOT.jar --spring.profiles.active=virtual) ;;
esac
base=http://127.0.0.1:$port
"${cmd[@]}" --server.port=$port --lab.files.dir=${TMPDIR:-/tmp}/loops-data-$app > ${TMPDIR:-/tmp}/loops-app-$app.log 2>&1 &
pid=$!
until curl -s -o /dev/null $base/actuator/health; do sleep 1; done
# Warm-up: the request paths and the JIT, off the clock.
for i in $(seq 8); do curl -s -o /dev/null "$base/api/cpu?iterations=200000"; curl -s -o /dev/null "$base/api/sleep?delayMs=10"; done
sleep 12 # let the warm-up leave the 10 s window
show='def r: (.*100|round/100); "t=\($t)s " + ([.loops[] | "\(.thread|sub("reactor-http-";"")) \(.state) now=\(.lagMs.now) p99=\(.lagMs.p99) max=\(.lagMs.max) util=\(.utilization)"] | join(" | "))
  + (if .requestPool then "requestPool busy=\(.requestPool.busy)/\(.requestPool.max) queued=\(.requestPool.queued)" else "" end)
  + (if .virtualScheduler then "virtualScheduler parallelism=\(.virtualScheduler.parallelism) carriers=\(.virtualScheduler.poolSize) mounted=\(.virtualScheduler.mounted) queued=\(.virtualScheduler.queued)" else "" end)'
run() { # $1 label, $2 count, $3 path
  echo "== $app: $1"
  local start=$(date +%s.%N) pids=()
  for i in $(seq $2); do curl -s -o /dev/null -w "request $i: %{http_code} in %{time_total}s\n" "$base$3" & pids+=($!); done
  ( while true; do
      out=$(curl -s --max-time 10 $base/api/loops)
      t=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
      echo "$out" | jq -r --arg t "$t" "$show"
      sleep 0.25
    done ) & poller=$!
  wait "${pids[@]}"; sleep 1.5; kill $poller; wait $poller 2>/dev/null
  echo "-- window after $1:"; curl -s $base/api/loops | jq -r --arg t end "$show"
  sleep 11
}
run "sleep preset, 4 x /api/sleep?delayMs=2000" 4 "/api/sleep?delayMs=2000"
run "CPU preset, 8 x /api/cpu?iterations=2000000" 8 "/api/cpu?iterations=2000000"
kill $pid; wait $pid 2>/dev/null
