#!/usr/bin/env bash
# Starts the threadlab lab: the dashboard (8080), blocking-app (8081), reactive-app (8082),
# and blocking-app on virtual threads (8083) when a JDK 21+ is found. Builds first if the
# jars are missing or older than the sources. Ctrl-C stops everything it started.
#
#   ./run.sh                  the lab, on 127.0.0.1 only: nobody else on the network sees it
#   ./run.sh --lan [ADDRESS]  the lab for a classroom, on every interface (ADDRESS 0.0.0.0, or ::):
#                             others may watch and read, only this machine may change anything
#   ./run.sh --cpus 1         every contender pinned to CPU 0 (taskset -c 0, -XX:ActiveProcessorCount=1),
#                             the dashboard on the other cores: one core and ten waiting calls (--cpus N: 0 to N-1)
#   ./run.sh --db postgres    the lab on a PostgreSQL server (PGHOST, PGPORT, PGDATABASE, PGUSER,
#                             PGPASSWORD; default 127.0.0.1:5432, threadlab/threadlab/threadlab;
#                             LAB_DB_POOL_SIZE connections per app, default 25); --lan may go with it
#   ./run.sh bench            the benchmark: each contender alone, concurrency 10 to 5,000 (35-40 min)
#   ./run.sh bench --quick    the short benchmark: concurrency 10, 400 and 2,000 (about 3.5 min)
#   ./run.sh bench --pool     the pool ceiling on PostgreSQL: 400 clients of 1 s on pools of 10, 100
#                             and 400, each contender alone (add --quick for pools of 10 and 100)
#   ./run.sh fidelity         H2's simulated delay against PostgreSQL's pg_sleep, and the pool as
#                             the ceiling (pools of 10, 100, 400); needs max_connections > 400 (12 min)
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

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }

MODE=lab
QUICK=false
# Loopback only unless --lan: the lab burns CPU, takes uploads and resizes thread pools.
ADDRESS=127.0.0.1
LAN=false
DB=h2
CPUS=""
# LAB_DRY_RUN=1 prints each process's command line (name, then its arguments, tab-separated)
# instead of starting it: what the build's RunScriptCpusTests starts to check --cpus.
DRY_RUN=${LAB_DRY_RUN:-}
case "${1:-}" in
  bench)
    MODE=bench; shift
    if [ "${1:-}" = --pool ]; then POOL_LEVEL=true; DB=postgres; shift; fi
    if [ "${1:-}" = --quick ]; then QUICK=true; shift; fi ;;
  fidelity) MODE=fidelity; DB=postgres; shift ;;
esac
# The lab's own options, in any order (--lan and --db go together); the benchmark's and the
# fidelity runner's arguments are passed on to them.
while [ "$MODE" = lab ] && [ $# -gt 0 ]; do
  case "$1" in
    --lan)
      LAN=true; ADDRESS=0.0.0.0; shift
      case "${1:-}" in
        ""|-*) ;;
        0.0.0.0|::) ADDRESS=$1; shift ;;
        *)
          # One address would shut out loopback too: this machine's own requests would then
          # arrive from that address, and only loopback callers may change anything.
          echo "run.sh: --lan takes 0.0.0.0 or :: (every interface, loopback included), not '$1';" >&2
          echo "        to keep the lab off some networks, close its ports there with a firewall." >&2
          exit 2 ;;
      esac ;;
    --cpus) CPUS=${2:-}; shift; shift || true ;;
    --cpus=*) CPUS=${1#--cpus=}; shift ;;
    --db) DB=${2:-}; shift; shift || true ;;
    --db=*) DB=${1#--db=}; shift ;;
    -h|--help|help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$DB" in
  h2|postgres) ;;
  *) echo "run.sh: --db is h2 (the default) or postgres, not '$DB'" >&2; exit 2 ;;
esac
# --cpus N: every contender on CPUs 0 to N-1, and told so (a JVM sizes its pools, its GC
# threads and Reactor Netty its event loops by the processors it sees); the dashboard on the
# others when there are any, so that it does not take the contenders' core to measure them.
PIN=()
CPU_JVM=()
DASHBOARD_PIN=()
if [ -n "$CPUS" ]; then
  ONLINE=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
  case "$CPUS" in
    ''|*[!0-9]*|0*) echo "run.sh: --cpus takes a number of CPUs from 1 to $ONLINE, not '$CPUS'" >&2; exit 2 ;;
  esac
  if [ "$CPUS" -gt "$ONLINE" ]; then
    echo "run.sh: --cpus $CPUS: this machine has $ONLINE CPUs" >&2; exit 2
  fi
  if ! command -v taskset >/dev/null 2>&1; then
    echo "run.sh: --cpus needs taskset to pin the contenders, and there is none on the PATH;" >&2
    echo "        install util-linux (apt-get install util-linux), or run without --cpus." >&2
    exit 2
  fi
  cpu_range() { if [ "$1" = "$2" ]; then echo "$1"; else echo "$1-$2"; fi; }
  PIN=(taskset -c "$(cpu_range 0 $((CPUS - 1)))")
  CPU_JVM=(-XX:ActiveProcessorCount="$CPUS")
  [ "$ONLINE" -gt "$CPUS" ] && DASHBOARD_PIN=(taskset -c "$(cpu_range "$CPUS" $((ONLINE - 1)))")
fi
case " $* " in
  *" --db"*) echo "run.sh: the benchmark runs on H2 only; PostgreSQL's figures come from the fidelity runner (see README)" >&2; exit 2 ;;
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

# --db postgres: a server must answer at the configured address, and have room for every pool,
# before anything starts; otherwise say how to get one and stop.
CONTENDERS=2
JAVA21=$(find_java21) && CONTENDERS=3
APP_PROFILE=""
VIRTUAL_PROFILE=virtual
if [ "$DB" = postgres ]; then
  mkdir -p "$LOGS"
  PG_HOST=${PGHOST:-127.0.0.1} PG_PORT=${PGPORT:-5432} PG_DB=${PGDATABASE:-threadlab}
  PG_USER=${PGUSER:-threadlab} PG_PASSWORD=${PGPASSWORD:-threadlab}
  POOL=${LAB_DB_POOL_SIZE:-25}
  how_to_get_one() {
    cat >&2 <<TEXT
On Debian or Ubuntu, as root:

  apt-get install postgresql
  pg_ctlcluster 15 main start          # the version pg_lsclusters shows
  su postgres -c "createuser --pwprompt $PG_USER"     # password: $PG_PASSWORD
  su postgres -c "createdb -O $PG_USER $PG_DB"

Or point the lab at another server: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD.
TEXT
  }
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && answered=true || answered=false
  else
    (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null && answered=true || answered=false
  fi
  if ! $answered; then
    echo "run.sh: no PostgreSQL server answers at $PG_HOST:$PG_PORT." >&2
    how_to_get_one
    exit 1
  fi
  NEEDED=$((CONTENDERS * POOL))
  # The fidelity runner starts one contender at a time, with a pool of up to 400.
  if [ "$MODE" = fidelity ]; then CONTENDERS=1 POOL=400 NEEDED=400; fi
  # So does the benchmark's pool level; its table says which pools the server had room for.
  if [ "$MODE" = bench ]; then CONTENDERS=1 POOL=10 NEEDED=10; fi
  if command -v psql >/dev/null 2>&1; then
    # Connections left for the lab: max_connections, less those reserved for superusers and
    # those other clients hold now (this check's own is counted back).
    if ! ROOM=$(PGPASSWORD=$PG_PASSWORD psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -qtAX -c \
      "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
        - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') + 1,
        current_setting('max_connections')" 2>"$LOGS/postgres-check.log"); then
      echo "run.sh: PostgreSQL answers at $PG_HOST:$PG_PORT, but not to user $PG_USER on database $PG_DB:" >&2
      sed 's/^/  /' "$LOGS/postgres-check.log" >&2
      how_to_get_one
      exit 1
    fi
    IFS='|' read -r FREE MAX_CONNECTIONS <<<"$ROOM"
    if [ "$FREE" -lt "$NEEDED" ]; then
      cat >&2 <<TEXT
run.sh: the lab needs $NEEDED connections ($CONTENDERS contenders x a pool of $POOL), and PostgreSQL at
$PG_HOST:$PG_PORT has room for $FREE (max_connections $MAX_CONNECTIONS, less the superusers' reserve
and the connections open now). Either lower the pools (LAB_DB_POOL_SIZE=$((FREE / CONTENDERS)) ./run.sh --db postgres)
or raise the server's limit, as root:

  su postgres -c "psql -c 'ALTER SYSTEM SET max_connections = $((NEEDED + 50))'"
  pg_ctlcluster 15 main restart
TEXT
      exit 1
    fi
    echo "PostgreSQL at $PG_HOST:$PG_PORT: $CONTENDERS pools of $POOL need $NEEDED connections; max_connections $MAX_CONNECTIONS leaves room for $FREE."
  else
    echo "PostgreSQL answers at $PG_HOST:$PG_PORT (no psql here: max_connections not checked; the lab needs $NEEDED)."
  fi
  # The apps read these before their own properties files (Boot's relaxed environment binding).
  # Not for the fidelity runner: its H2 runs must not see them, and it uses the profile's defaults.
  [ "$MODE" = lab ] && export SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" SPRING_DATASOURCE_USERNAME=$PG_USER \
    SPRING_DATASOURCE_PASSWORD=$PG_PASSWORD SPRING_R2DBC_URL="r2dbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" \
    SPRING_R2DBC_USERNAME=$PG_USER SPRING_R2DBC_PASSWORD=$PG_PASSWORD LAB_DB_POOL_SIZE=$POOL
  APP_PROFILE=postgres
  VIRTUAL_PROFILE=virtual,postgres
fi

jar_of() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }
stale() {
  local jar; jar=$(jar_of "$1")
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$1/src" "$1/pom.xml" shared-domain/src shared-domain/pom.xml pom.xml -newer "$jar" -type f 2>/dev/null | head -1)" ]
}

APPS=(blocking-app reactive-app dashboard)
needs_build=false
for app in "${APPS[@]}"; do stale "$app" && needs_build=true; done
if $needs_build && [ -z "$DRY_RUN" ]; then
  echo "Building (first run, or sources changed)..."
  ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${APPS[*]}")" -am package
fi

if [ "$MODE" = fidelity ]; then
  OUT="$ROOT/bench-results/fidelity-$(date -u +%Y%m%dT%H%M%SZ)"
  echo "Measuring into $OUT; the contenders' logs go there too."
  "$JAVA" "$ROOT/tools/PostgresFidelity.java" "$OUT" "$(command -v "$JAVA")" "${JAVA21:--}" \
    "$(jar_of blocking-app)" "$(jar_of reactive-app)" "$@"
  exit 0
fi

if [ "$MODE" = bench ]; then
  # One contender at a time, started, benched and stopped by the dashboard's bench runner,
  # which knows their pids (for resident memory). No web server of its own.
  OUT="$ROOT/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
  # A folder given on the command line wins; passing ours as well would make Spring bind
  # both, joined by a comma, into one odd path.
  OUT_ARG=(--threadlab.bench.out="$OUT")
  for arg in "$@"; do
    case "$arg" in --threadlab.bench.out=*) OUT=${arg#--threadlab.bench.out=}; OUT_ARG=() ;; esac
  done
  mkdir -p "$OUT"
  VIRTUAL_ARG=()
  if JAVA21=$(find_java21); then
    VIRTUAL_ARG=(--threadlab.bench.virtual-java="$JAVA21")
  else
    echo "No JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm): the virtual-thread contender is skipped."
  fi
  POOL_ARG=()
  # --pool: the pool-ceiling level alone, every contender on PostgreSQL (its profile's address).
  [ "${POOL_LEVEL:-false}" = true ] && POOL_ARG=(--threadlab.bench.pool.enabled=true
    --threadlab.bench.pool.max-connections="${MAX_CONNECTIONS:-0}")
  echo "Benchmarking into $OUT (quick: $QUICK); the contenders' logs go there too."
  "$JAVA" -jar "$(jar_of dashboard)" --spring.main.web-application-type=none \
    --threadlab.bench.enabled=true --threadlab.bench.quick="$QUICK" \
    --threadlab.bench.java="$(command -v "$JAVA")" --threadlab.bench.jvm-args="$(IFS=,; echo "${CONTENDER_JVM[*]}")" \
    --threadlab.bench.blocking-jar="$(jar_of blocking-app)" --threadlab.bench.reactive-jar="$(jar_of reactive-app)" \
    "${VIRTUAL_ARG[@]}" "${POOL_ARG[@]}" "${OUT_ARG[@]}" "$@"
  ln -sfn "$(cd "$OUT" && pwd)" "$ROOT/bench-results/latest"
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
  local jvm=("${CONTENDER_JVM[@]}" "${CPU_JVM[@]}") pin=("${PIN[@]}")
  [ "$name" = dashboard ] && jvm=() pin=("${DASHBOARD_PIN[@]}")
  local command=("${pin[@]}" "$java" "${jvm[@]}" -jar "$jar" --server.port="$port" --server.address="$ADDRESS"
    ${profile:+--spring.profiles.active=$profile} "$@")
  if [ -n "$DRY_RUN" ]; then
    (IFS=$'\t'; echo "$name"$'\t'"${command[*]}")
    return 0
  fi
  if port_busy "$port"; then
    echo "run.sh: port $port is already in use; stop whatever holds it (is the lab already running?)" >&2
    exit 1
  fi
  "${command[@]}" >"$LOGS/$name.log" 2>&1 &
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
start blocking "$BLOCKING_PORT" "$JAVA" "$(jar_of blocking-app)" "$APP_PROFILE" --lab.knobs.enabled=true
start reactive "$REACTIVE_PORT" "$JAVA" "$(jar_of reactive-app)" "$APP_PROFILE"
SHOWN=blocking,reactive
if [ "$CONTENDERS" = 3 ]; then
  start virtual "$VIRTUAL_PORT" "$JAVA21" "$(jar_of blocking-app)" "$VIRTUAL_PROFILE" --lab.knobs.enabled=true
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

[ -n "$DRY_RUN" ] && exit 0
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

threadlab is running on $( [ "$DB" = postgres ] && echo "PostgreSQL at $PG_HOST:$PG_PORT" || echo "H2, in each app"). Open the dashboard:

  http://127.0.0.1:$DASHBOARD_PORT

The apps (logs in $LOGS/):
TEXT
for entry in "${STARTED[@]}"; do
  read -r name port pid <<<"$entry"
  [ "$name" = dashboard ] && continue
  printf '  %-9s http://127.0.0.1:%s\n' "$name" "$port"
done
[ -n "$VIRTUAL_NOTE" ] && echo "  $VIRTUAL_NOTE"
if [ -n "$CPUS" ]; then
  cat <<TEXT

ON $CPUS CPU(S) (--cpus $CPUS): every contender is pinned (${PIN[*]}) and sees $CPUS available
processor(s) (${CPU_JVM[*]}); each app's /api/threads says "availableProcessors": $CPUS.
The dashboard runs $( [ ${#DASHBOARD_PIN[@]} -gt 0 ] && echo "apart (${DASHBOARD_PIN[*]}), so that it does not take their core to measure them" || echo "on the same CPUs: there are no others").
Try the preset "one-core" (ten calls of 1 s) on the dashboard or in the tour.
TEXT
fi
cat <<TEXT

Try:
  curl -s 'http://127.0.0.1:$BLOCKING_PORT/api/items/1?delayMs=500'
  curl -s 'http://127.0.0.1:$REACTIVE_PORT/api/items/1?delayMs=500'
  curl -s 'http://127.0.0.1:$REACTIVE_PORT/api/threads'
  curl -s 'http://127.0.0.1:$BLOCKING_PORT/api/activity?limit=5'

Ctrl-C stops the lab.
TEXT
wait "${PIDS[@]}"
