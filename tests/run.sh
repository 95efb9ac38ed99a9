#!/usr/bin/env bash
# The one test command. As root it installs what the suites need and is missing (Debian packages, dotnet tools),
# starts the servers the tests use (PostgreSQL and Redis on loopback, on their own ports and data folders),
# runs every test project in NetAutomation.sln, stops the servers by PID (also on failure) and prints
# "N passed, N failed[, N skipped]" as its last line. Exits non-zero on any failure.
#
#   tests/run.sh                 everything
#   tests/run.sh Core Web        only tests/NetAutomation.Core.Tests and tests/NetAutomation.Web.Tests
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
artifacts="$repo/tests/artifacts"
results="$artifacts/results"
work=$(mktemp -d /tmp/natest-run-XXXXXX)
rm -rf "$results"; mkdir -p "$results" "$artifacts/logs"
say() { printf '\n=== %s\n' "$*"; }

# --- 1. What the suites need -------------------------------------------------------------------------------
packages=(chromium openssh-server socat iproute2 postgresql redis-server ansible python3-paramiko frr dnsmasq)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Run tests/run.sh as root (it installs them) or install them yourself." >&2
    echo "0 passed, 1 failed"; exit 1
  fi
  say "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$artifacts/logs/apt.log" 2>&1 \
    || { tail -20 "$artifacts/logs/apt.log"; echo "0 passed, 1 failed"; exit 1; }
fi
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; echo "0 passed, 1 failed"; exit 1; }

# --- 2. Servers on loopback, stopped by PID at exit --------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir="$work/pg"; redis_pid=""
cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    pg_pid=$(head -1 "$pg_dir/data/postmaster.pid"); kill -INT "$pg_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "Starting PostgreSQL and Redis on loopback"
pg_port=$(free_port)
mkdir -p "$pg_dir" && chown postgres "$work" "$pg_dir" 2>/dev/null
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >"$artifacts/logs/postgres-init.log" 2>&1 \
  && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
       -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null \
  || { cat "$artifacts/logs/postgres-init.log" "$pg_dir/log" 2>/dev/null | tail -20; echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
export NETAUTOMATION_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200"

redis_port=$(free_port)
mkdir -p "$work/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis" --save "" --appendonly no >"$artifacts/logs/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null 2>&1 || { echo "Redis did not start"; echo "0 passed, 1 failed"; exit 1; }
export NETAUTOMATION_TEST_REDIS="127.0.0.1:$redis_port"
echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"

# --- 3. Build once, then every test project in turn --------------------------------------------------------
say "Building"
dotnet build NetAutomation.sln -nologo -v q -clp:ErrorsOnly >"$artifacts/logs/build.log" 2>&1 \
  || { grep -E ": error |error MSB" "$artifacts/logs/build.log" | sort -u | head -40; echo "The build failed."; echo "0 passed, 1 failed"; exit 1; }

projects=()
if [ $# -gt 0 ]; then for name in "$@"; do projects+=("tests/NetAutomation.$name.Tests/NetAutomation.$name.Tests.csproj"); done
else mapfile -t projects < <(dotnet sln NetAutomation.sln list | grep -E '\.Tests\.csproj$' | tr '\\' '/' | sort); fi

crashed=0; status=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  say "$name"
  before=$(ls "$results" | wc -l)
  timeout 40m dotnet test --project "$project" --no-build --results-directory "$results" \
      --report-xunit-junit --report-xunit-junit-filename "$name.junit.xml" --no-progress 2>&1 | tee "$artifacts/logs/$name.log" | grep -vE '^\s*(info|dbug|warn): |^\s{6,}' 
  code=${PIPESTATUS[0]}
  [ "$code" -ne 0 ] && status=1
  if [ "$(ls "$results" | wc -l)" -eq "$before" ]; then
    echo "$name wrote no results (exit code $code): counted as one failure; see tests/artifacts/logs/$name.log"
    crashed=$((crashed + 1))
  fi
done

# --- 4. The count ------------------------------------------------------------------------------------------
python3 - "$results" "$crashed" "$status" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
results, crashed, status = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
total = failed = skipped = 0
for f in glob.glob(f"{results}/*.xml"):
    for s in ET.parse(f).getroot().iter("testsuite"):
        total += int(s.get("tests", 0)); skipped += int(s.get("skipped", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
failed += crashed
if status and failed == 0:
    failed = 1  # a runner failed without a failing test: never report green
passed = total - skipped - (failed - crashed)
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print("\n" + line)
sys.exit(1 if failed else 0)
PY
