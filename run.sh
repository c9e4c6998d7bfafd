#!/usr/bin/env bash
# Starts the threadlab lab: the dashboard (8080), blocking-app (8081), reactive-app (8082),
# and blocking-app on virtual threads (8083) when a JDK 21+ is found. Builds first if the
# jars are missing or older than the sources. Ctrl-C stops everything it started.
#
#   ./run.sh                  the lab, on 127.0.0.1 only: nobody else on the network sees it
#   ./run.sh --lan [ADDRESS]  the lab for a classroom, on every interface (ADDRESS 0.0.0.0, or ::):
#                             others may watch and read, only this machine may change anything
#   ./run.sh bench            the benchmark: each contender alone, concurrency 10 to 5,000 (35-40 min)
#   ./run.sh bench --quick    the short benchmark: concurrency 10, 400 and 2,000 (about 3.5 min)
#   ./run.sh --help           this text
#
# The benchmark writes bench-results/<timestamp>/ (results.md, results.csv, chart.svg);
# more arguments go to it, e.g. --threadlab.bench.contenders=reactive,virtual.
# Every contender gets the same fixed heap, 512m, or LAB_HEAP's (LAB_HEAP=1g ./run.sh).
# With --lan, the dashboard answers for this machine's addresses and name; add more names
# (a DNS name the class uses) with LAB_ALLOWED_HOSTS=name1,name2.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VERSION=0.1.0-SNAPSHOT
LOGS="$ROOT/logs"
# One fixed heap for every contender, and Native Memory Tracking for /api/costs' thread
# stacks: a default heap grows as lazily as each GC likes, and resident memory would then
# measure the GC, not the concurrency model.
LAB_HEAP=${LAB_HEAP:-512m}
CONTENDER_JVM=(-Xms"$LAB_HEAP" -Xmx"$LAB_HEAP" -XX:NativeMemoryTracking=summary)

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

MODE=lab
QUICK=false
# Loopback only unless --lan: the lab burns CPU, takes uploads and resizes thread pools.
ADDRESS=127.0.0.1
LAN=false
case "${1:-}" in
  "") ;;
  bench)
    MODE=bench; shift
    if [ "${1:-}" = --quick ]; then QUICK=true; shift; fi ;;
  --lan)
    LAN=true; ADDRESS=0.0.0.0; shift
    if [ -n "${1:-}" ]; then ADDRESS=$1; shift; fi
    [ $# -eq 0 ] || { echo "run.sh: unexpected '$1' after --lan" >&2; usage >&2; exit 2; }
    case "$ADDRESS" in
      0.0.0.0|::) ;;
      *)
        # One address would shut out loopback too: this machine's own requests would then
        # arrive from that address, and only loopback callers may change anything.
        echo "run.sh: --lan takes 0.0.0.0 or :: (every interface, loopback included), not '$ADDRESS';" >&2
        echo "        to keep the lab off some networks, close its ports there with a firewall." >&2
        exit 2 ;;
    esac ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "run.sh: unknown command '$1'" >&2; usage >&2; exit 2 ;;
esac

# Every connection is a file: 5,000 clients need 5,000 on each side, plus the JVMs' own.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 32768 ]; then
  ulimit -n 32768 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
    echo "run.sh: only $(ulimit -n) open files allowed; large races and the 5,000 level may fail" >&2
  fi
fi

# A JDK 21+ for the virtual-thread contender: JAVA_HOME, then java on the PATH, then /usr/lib/jvm.
java_feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
find_java21() {
  local candidate
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    local feature; feature=$(java_feature "$candidate")
    if [ -n "$feature" ] && [ "${feature%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA=${JAVA:-java}
command -v "$JAVA" >/dev/null 2>&1 || { echo "run.sh: no java found; install a JDK 17 or newer" >&2; exit 1; }

jar_of() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }
stale() {
  local jar; jar=$(jar_of "$1")
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$1/src" "$1/pom.xml" shared-domain/src shared-domain/pom.xml pom.xml -newer "$jar" -type f 2>/dev/null | head -1)" ]
}

APPS=(blocking-app reactive-app dashboard)
needs_build=false
for app in "${APPS[@]}"; do stale "$app" && needs_build=true; done
if $needs_build; then
  echo "Building (first run, or sources changed)..."
  ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${APPS[*]}")" -am package
fi

if [ "$MODE" = bench ]; then
  # One contender at a time, started, benched and stopped by the dashboard's bench runner,
  # which knows their pids (for resident memory). No web server of its own.
  OUT="$ROOT/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$OUT"
  VIRTUAL_ARG=()
  if JAVA21=$(find_java21); then
    VIRTUAL_ARG=(--threadlab.bench.virtual-java="$JAVA21")
  else
    echo "No JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm): the virtual-thread contender is skipped."
  fi
  echo "Benchmarking into $OUT (quick: $QUICK); the contenders' logs go there too."
  "$JAVA" -jar "$(jar_of dashboard)" --spring.main.web-application-type=none \
    --threadlab.bench.enabled=true --threadlab.bench.quick="$QUICK" --threadlab.bench.out="$OUT" \
    --threadlab.bench.java="$(command -v "$JAVA")" --threadlab.bench.jvm-args="$(IFS=,; echo "${CONTENDER_JVM[*]}")" \
    --threadlab.bench.blocking-jar="$(jar_of blocking-app)" --threadlab.bench.reactive-jar="$(jar_of reactive-app)" \
    "${VIRTUAL_ARG[@]}" "$@"
  ln -sfn "$(basename "$OUT")" "$ROOT/bench-results/latest"
  echo; cat "$OUT/results.md"; echo
  echo "Written: $OUT/results.md, results.csv, chart.svg (also bench-results/latest/)"
  exit 0
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PIDS=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    echo; echo "Stopping (each app finishes the requests it accepted)..."
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

mkdir -p "$LOGS"
start() { # name port java jar [profile [more args...]]
  local name=$1 port=$2 java=$3 jar=$4 profile=${5:-}
  shift 5 2>/dev/null || shift $#
  if port_busy "$port"; then
    echo "run.sh: port $port is already in use; stop whatever holds it (is the lab already running?)" >&2
    exit 1
  fi
  local jvm=("${CONTENDER_JVM[@]}")
  [ "$name" = dashboard ] && jvm=()
  "$java" "${jvm[@]}" -jar "$jar" --server.port="$port" --server.address="$ADDRESS" ${profile:+--spring.profiles.active=$profile} "$@" \
    >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  STARTED+=("$name $port $!")
}

wait_healthy() { # name port pid
  local name=$1 port=$2 pid=$3 i
  for i in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: $name did not start; the end of $LOGS/$name.log:" >&2
      tail -20 "$LOGS/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "run.sh: $name is not healthy after 60 s; see $LOGS/$name.log" >&2
  exit 1
}

DASHBOARD_PORT=${DASHBOARD_PORT:-8080}
BLOCKING_PORT=${BLOCKING_PORT:-8081}
REACTIVE_PORT=${REACTIVE_PORT:-8082}
VIRTUAL_PORT=${VIRTUAL_PORT:-8083}
STARTED=()
start blocking "$BLOCKING_PORT" "$JAVA" "$(jar_of blocking-app)" "" --lab.knobs.enabled=true
start reactive "$REACTIVE_PORT" "$JAVA" "$(jar_of reactive-app)"
SHOWN=blocking,reactive
if JAVA21=$(find_java21); then
  start virtual "$VIRTUAL_PORT" "$JAVA21" "$(jar_of blocking-app)" virtual --lab.knobs.enabled=true
  SHOWN=$SHOWN,virtual
  VIRTUAL_NOTE=""
else
  VIRTUAL_NOTE="No JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm): the virtual-thread contender is not started."
fi
# The names visitors may reach the dashboard by (its Host check refuses any other, against
# DNS rebinding): this machine's addresses and name, and LAB_ALLOWED_HOSTS.
ALLOWED_HOSTS=""
if $LAN; then
  ALLOWED_HOSTS=$( { hostname -I 2>/dev/null | tr ' ' '\n'; hostname 2>/dev/null;
    h=$(hostname 2>/dev/null) && [ -n "$h" ] && echo "$h.local"; echo "${LAB_ALLOWED_HOSTS:-}" | tr ',' '\n'; } \
    | grep -v '^ *$' | grep -v '%' | sort -u | paste -sd, - || true)
fi
start dashboard "$DASHBOARD_PORT" "$JAVA" "$(jar_of dashboard)" "" \
  --lab.blocking-url="http://127.0.0.1:$BLOCKING_PORT" --lab.reactive-url="http://127.0.0.1:$REACTIVE_PORT" \
  --lab.virtual-url="http://127.0.0.1:$VIRTUAL_PORT" --lab.apps="$SHOWN" --lab.allowed-hosts="$ALLOWED_HOSTS"

for entry in "${STARTED[@]}"; do
  read -r name port pid <<<"$entry"
  wait_healthy "$name" "$port" "$pid"
done

if $LAN; then
  cat <<TEXT

######################################################################################
##  EXPOSED TO THE NETWORK (--lan): listening on $ADDRESS, every interface
######################################################################################
##  Anyone who can reach this machine may open the dashboard and watch:
TEXT
  for host in ${ALLOWED_HOSTS//,/ }; do
    case "$host" in *:*) printf '##    http://[%s]:%s\n' "$host" "$DASHBOARD_PORT" ;; *) printf '##    http://%s:%s\n' "$host" "$DASHBOARD_PORT" ;; esac
  done
  cat <<TEXT
##  Visitors may WATCH the live threads, races and load runs, and READ the apps
##  (items, files, threads, activity, health) on ports $BLOCKING_PORT-$VIRTUAL_PORT.
##  Only THIS machine (127.0.0.1) may CHANGE anything: start races and load runs, turn
##  the knobs, upload files, add items, call /api/cpu and /api/sleep. Visitors get 403.
##  Stop the lab (Ctrl-C) when the class is over.
######################################################################################
TEXT
fi

cat <<TEXT

threadlab is running. Open the dashboard:

  http://127.0.0.1:$DASHBOARD_PORT

The apps (logs in $LOGS/):
TEXT
for entry in "${STARTED[@]}"; do
  read -r name port pid <<<"$entry"
  [ "$name" = dashboard ] && continue
  printf '  %-9s http://127.0.0.1:%s\n' "$name" "$port"
done
[ -n "$VIRTUAL_NOTE" ] && echo "  $VIRTUAL_NOTE"
cat <<TEXT

Try:
  curl -s 'http://127.0.0.1:$BLOCKING_PORT/api/items/1?delayMs=500'
  curl -s 'http://127.0.0.1:$REACTIVE_PORT/api/items/1?delayMs=500'
  curl -s 'http://127.0.0.1:$REACTIVE_PORT/api/threads'
  curl -s 'http://127.0.0.1:$BLOCKING_PORT/api/activity?limit=5'

Ctrl-C stops the lab.
TEXT
wait "${PIDS[@]}"
