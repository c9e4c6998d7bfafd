#!/bin/bash
# Usage: probe-cost.sh <seconds> [extra app args...]: starts reactive-app on 9382, wakes every loop,
# lets it settle, then reports the CPU time (ns, from /proc/<pid>/task/*/schedstat) of the event
# loops, of the loop-monitor thread and of the whole process over <seconds> of idleness.
secs=$1; shift
cd "$(dirname "$0")/../.."
java -Xmx512m -jar reactive-app/target/reactive-app-0.1.0-SNAPSHOT.jar --server.port=9382 \
  --lab.files.dir=${TMPDIR:-/tmp}/loops-data "$@" > ${TMPDIR:-/tmp}/loops-app.log 2>&1 &
pid=$!
until curl -s -o /dev/null http://127.0.0.1:9382/actuator/health; do sleep 1; done
for i in $(seq 8); do curl -s -o /dev/null http://127.0.0.1:9382/api/items/1; done
sleep 20
cpu() { # sum of schedstat run time of the tasks whose name matches $1
  local sum=0
  for t in /proc/$pid/task/*; do
    if grep -q "$1" $t/comm 2>/dev/null; then sum=$((sum + $(cut -d' ' -f1 $t/schedstat))); fi
  done
  echo $sum
}
l0=$(cpu '^reactor-http-'); m0=$(cpu '^loop-monitor'); p0=$(cpu '.')
sleep $secs
l1=$(cpu '^reactor-http-'); m1=$(cpu '^loop-monitor'); p1=$(cpu '.')
loops=$(grep -l '^reactor-http-' /proc/$pid/task/*/comm | wc -l)
echo "args: $* | loops: $loops | over ${secs}s: loops $(( (l1-l0)/1000000 )) ms CPU, loop-monitor $(( (m1-m0)/1000000 )) ms, process $(( (p1-p0)/1000000 )) ms"
kill $pid; wait $pid 2>/dev/null
