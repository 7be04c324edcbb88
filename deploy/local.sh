#!/usr/bin/env bash
# Run or test redline on a plain Debian machine that may have nothing but Go.
#
#   bash deploy/local.sh run       # ensure PostgreSQL + Redis, then `go run ./cmd/redline dev`
#   bash deploy/local.sh test      # ensure PostgreSQL + redis-server + Chromium, lint, then `go test ./...`, 2 × 50,000 fuzzed documents and 4 × 20,000 fuzzed files
#   bash deploy/local.sh test -run 'TestX|TestY' ./pkg/   # the same services, then only `go test -count=1 ARGS` (no lint, no fuzzing)
#   bash deploy/local.sh lint      # gofmt, go vet and staticcheck (also the first step of `test`)
#   bash deploy/local.sh bench     # ensure PostgreSQL + redis-server, then run the Go benchmarks
#   bash deploy/local.sh services  # only ensure PostgreSQL + Redis
#
# Services already reachable at DATABASE_URL / REDIS_URL are used as they are;
# otherwise they are installed from Debian's packages (apt) and started locally.
# The script checks that DATABASE_URL's role can sign in before anything else runs: when PostgreSQL
# refuses it (a server that asks for a password the URL does not have), it asks for the password on
# a terminal when DATABASE_URL was not given, and otherwise stops with what to set.
# Tests and benchmarks never use the Redis at REDIS_URL: each starts private redis-server processes
# of its own (app/apptest), so they only need the redis-server program.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'redline: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Whether the person chose the database (then a refused password is theirs to fix, not to ask for).
DB_URL_GIVEN="${DATABASE_URL:+1}${REDLINE_TEST_DATABASE_URL:+1}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/redline?sslmode=disable}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
# maintenance_url URL: URL's server, maintenance database "postgres" (what the tests connect to).
maintenance_url() {
  local base="${1%%\?*}"
  printf '%s\n' "${base%/*}/postgres${1#"$base"}"
}
TEST_DB_VAR=DATABASE_URL # the variable to mend when the test database's URL is wrong
if [ -n "${REDLINE_TEST_DATABASE_URL:-}" ]; then TEST_DB_VAR=REDLINE_TEST_DATABASE_URL; fi
REDLINE_TEST_DATABASE_URL="${REDLINE_TEST_DATABASE_URL:-$(maintenance_url "$DATABASE_URL")}"
export REDLINE_TEST_DATABASE_URL

# as_root CMD...: run CMD as root (directly, or through sudo; sudo may only prompt on a terminal).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
  else die "need root (or sudo) to run: $*"; fi
}

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found; install $* yourself"
  if [ -z "$APT_UPDATED" ]; then log "apt-get update"; as_root apt-get update -qq; APT_UPDATED=1; fi
  log "installing $* (apt)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# redact_url URL: URL with its password, if any, shown as xxxxx (for logs).
redact_url() { sed -E 's#^([a-z]+://[^:/@]*):[^@]*@#\1:xxxxx@#' <<<"$1"; }

urldecode() { printf '%b\n' "${1//%/\\x}"; }

# urlencode S: S percent-encoded for the user or password part of a URL.
urlencode() {
  local LC_ALL=C s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in [a-zA-Z0-9._~-]) out+="$c" ;; *) out+="$(printf '%%%02X' "'$c")" ;; esac
  done
  printf '%s\n' "$out"
}

# url_part URL default_port FIELD: FIELD is host, port, user or pass of a scheme://user:pass@host:port/x URL.
url_part() {
  local rest="${1#*://}" userinfo="" host port
  rest="${rest%%[/?]*}"
  if [[ $rest == *@* ]]; then userinfo="${rest%@*}"; rest="${rest##*@}"; fi
  if [[ $rest =~ ^\[(.*)\](:([0-9]+))?$ ]]; then host="${BASH_REMATCH[1]}"; port="${BASH_REMATCH[3]}"
  elif [[ $rest == *:* ]]; then host="${rest%:*}"; port="${rest##*:}"
  else host="$rest"; port=""; fi
  case "$3" in
    host) echo "${host:-127.0.0.1}" ;;
    port) echo "${port:-$2}" ;;
    user) urldecode "${userinfo%%:*}" ;;
    pass) if [[ $userinfo == *:* ]]; then urldecode "${userinfo#*:}"; fi ;;
  esac
}

# check_url_userinfo NAME URL: stop, with what to write instead, when URL's user or password holds
# a character that must be percent-encoded. The binary and the tests read the URL with Go's net/url,
# which refuses it ("not a URL"); a raw / ? or # even moves where the host seems to start.
check_url_userinfo() {
  local LC_ALL=C rest userinfo bad="" c i seen="" list=""
  rest="${2#*://}"
  # an @ in the query or fragment is no userinfo (…/db?application_name=a@b, h:5432?user=x@y), but a raw
  # ? or # in a password is to be refused: what stands before the first ? or # is cut off unless it reads
  # as user:password (up to its first /: no @, and a : followed by more than a port's digits)
  local before="${rest%%[?#]*}" auth
  auth="${before%%/*}"
  if [[ $auth == *@* || $auth != *:* || ${auth##*:} =~ ^[0-9]*$ ]]; then rest="$before"; fi
  [[ $rest == *@* ]] || return 0
  userinfo="${rest%@*}" # up to the last @, as Go reads it
  bad="${userinfo//%[0-9A-Fa-f][0-9A-Fa-f]/}"
  bad="${bad//[A-Za-z0-9._~!\$\&\'\(\)\*+,\;=:@-]/}"
  [ -n "$bad" ] || return 0
  for ((i = 0; i < ${#bad}; i++)); do
    c="${bad:i:1}"
    [[ $seen == *"$c"* ]] && continue
    seen+="$c"
    if [ "$c" = " " ]; then list+=" a space as %20,"
    elif [[ $c == [[:print:]] ]]; then list+=" $c as $(printf '%%%02X' "'$c"),"
    elif [[ $list != *"UTF-8"* ]]; then list+=" each non-ASCII character as its UTF-8 bytes (ä as %C3%A4),"; fi
  done
  die "$1's user or password holds characters a URL cannot carry as they are: write${list%,} (e.g. a password p@ss word/1 is p%40ss%20word%2F1):
  export $1='${2%%://*}://USER:PERCENT-ENCODED-PASSWORD@${rest##*@}'"
}

# shellcheck disable=SC2016 # $1/$2 expand in the inner bash
tcp_open() { timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null; }
is_local() { [[ $1 == localhost || $1 == 127.* || $1 == ::1 ]]; }

# wait_for SECONDS WHAT CMD...: poll CMD once a second until it succeeds.
wait_for() {
  local secs="$1" what="$2" i; shift 2
  for ((i = 0; i < secs; i++)); do "$@" && return 0; sleep 1; done
  die "$what did not become ready within ${secs}s"
}

pg_up() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$1" -p "$2" -t 2
  else tcp_open "$1" "$2"; fi
}

ensure_postgres() {
  local url="$1" host port ver name status
  check_url_userinfo "$2" "$url"
  host="$(url_part "$url" 5432 host)"; port="$(url_part "$url" 5432 port)"
  if pg_up "$host" "$port"; then check_postgres_login "$url"; log "postgres is up at $host:$port"; return; fi
  is_local "$host" || die "postgres at $host:$port is not reachable (not a local address, so not starting one)"
  if ! command -v pg_ctlcluster >/dev/null || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    apt_install postgresql
  fi
  if ! pg_up "$host" "$port"; then # apt's postinst may have started the default cluster already
    # Use the Debian cluster that listens on this port; create one if there is none.
    read -r ver name status < <(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1, $2, $4; exit }') || true
    if [ -z "${ver:-}" ]; then
      ver="$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | cut -d/ -f5 | sort -V | tail -n 1)"
      name=main; [ -d "/etc/postgresql/$ver/main" ] && name="redline$port"
      log "creating postgres cluster $ver/$name on port $port"
      as_root pg_createcluster "$ver" "$name" --port "$port" >/dev/null
    fi
    if [[ ${status:-down} != online* ]]; then
      log "starting postgres cluster $ver/$name"
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start
    fi
    wait_for 60 "postgres at $host:$port" pg_up "$host" "$port"
  fi

  # A fresh Debian cluster wants a password on TCP (scram): give the URL's role the URL's password.
  local user pass q="'"
  user="$(url_part "$url" 5432 user)"; pass="$(url_part "$url" 5432 pass)"
  if [ -n "$user" ] && [ -n "$pass" ]; then
    log "setting password of postgres role $user"
    user="${user//$q/$q$q}"; pass="${pass//$q/$q$q}"
    local sql="SELECT format('CREATE ROLE %I LOGIN SUPERUSER', '$user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') \\gexec
SELECT format('ALTER ROLE %I PASSWORD %L', '$user', '$pass') \\gexec"
    as_root su postgres -c "psql -q -X -v ON_ERROR_STOP=1 -p $port -d postgres" <<<"$sql" >/dev/null ||
      log "warning: could not set the password of role $user; check DATABASE_URL"
  fi
  check_postgres_login "$url"
  log "postgres is up at $host:$port"
}

# pg_login URL: signs in to URL's server (maintenance database) with URL's role and password,
# never prompting and within 5 s; prints the server's answer and fails when refused. Without psql
# there is nothing to check with (the binary and the tests say the same later).
pg_login() {
  command -v psql >/dev/null || return 0
  local user pass
  user="$(url_part "$1" 5432 user)"; pass="$(url_part "$1" 5432 pass)"
  (
    unset PGSERVICE PGDATABASE
    export PGHOST PGPORT PGCONNECT_TIMEOUT=5
    PGHOST="$(url_part "$1" 5432 host)"; PGPORT="$(url_part "$1" 5432 port)"
    if [ -n "$user" ]; then export PGUSER="$user"; fi
    if [ -n "$pass" ]; then export PGPASSWORD="$pass"; else unset PGPASSWORD; fi
    psql -X -w -q -d postgres -c 'SELECT 1' 2>&1 >/dev/null
  )
}

# check_postgres_login URL: stop here, with what to do, when PostgreSQL refuses URL's role; on a
# terminal, when DATABASE_URL was not given, ask for the password instead.
check_postgres_login() {
  local url="$1" out host port user
  out="$(pg_login "$url")" && return 0
  host="$(url_part "$url" 5432 host)"; port="$(url_part "$url" 5432 port)"; user="$(url_part "$url" 5432 user)"
  user="${user:-$(id -un)}"
  if ! grep -qiE 'password|authentication|pg_hba|role .* does not exist' <<<"$out"; then
    die "postgres at $host:$port is up but refused the connection: ${out:-no answer}"
  fi
  log "postgres at $host:$port refused role $user: $out"
  if [ -z "$DB_URL_GIVEN" ] && [ -t 0 ] && [ -t 2 ]; then
    local pass
    printf 'redline: password of postgres role %s at %s:%s (empty to stop): ' "$user" "$host" "$port" >&2
    IFS= read -r -s pass || pass=""
    printf '\n' >&2
    if [ -n "$pass" ]; then
      DATABASE_URL="postgres://$(urlencode "$user"):$(urlencode "$pass")@$host:$port/redline?sslmode=disable"
      REDLINE_TEST_DATABASE_URL="$(maintenance_url "$DATABASE_URL")"
      if out="$(pg_login "$DATABASE_URL")"; then
        log "signed in; to skip this question next time: export DATABASE_URL='postgres://$(urlencode "$user"):<password, percent-encoded>@$host:$port/redline?sslmode=disable'"
        return 0
      fi
      log "postgres at $host:$port refused that password too: $out"
    fi
  fi
  die "DATABASE_URL's role cannot sign in to postgres at $host:$port. Set DATABASE_URL to a role that may create databases, with its password (percent-encode special characters: a space is %20, @ is %40, / is %2F), e.g.
  export DATABASE_URL='postgres://postgres:PASSWORD@$host:$port/redline?sslmode=disable'
or, on a Debian PostgreSQL of this machine, give role postgres the password of the default DATABASE_URL:
  sudo -u postgres psql -p $port -c \"ALTER ROLE postgres PASSWORD 'postgres'\"
(the tests use REDLINE_TEST_DATABASE_URL, by default DATABASE_URL's server and its database postgres)"
}

redis_up() {
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$1" -p "$2" ping 2>/dev/null | grep -q -e PONG -e NOAUTH
  else # shellcheck disable=SC2016
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && read -r r <&3 && [[ $r == +PONG* || $r == -NOAUTH* ]]' _ "$1" "$2" 2>/dev/null
  fi
}

ensure_redis() {
  local host port
  host="$(url_part "$REDIS_URL" 6379 host)"; port="$(url_part "$REDIS_URL" 6379 port)"
  if redis_up "$host" "$port"; then log "redis is up at $host:$port"; return; fi
  is_local "$host" || die "redis at $host:$port is not reachable (not a local address, so not starting one)"
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis_up "$host" "$port"; then
    mkdir -p .local
    log "starting redis-server on 127.0.0.1:$port (log: .local/redis-$port.log)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
      --dir "$PWD/.local" --logfile "$PWD/.local/redis-$port.log"
    wait_for 30 "redis at $host:$port" redis_up "$host" "$port"
  fi
  log "redis is up at $host:$port"
}

# ensure_redis_server: the redis-server program the tests start their private servers with.
ensure_redis_server() {
  command -v redis-server >/dev/null || apt_install redis-server
  command -v redis-server >/dev/null || die "redis-server not found after installing it"
}

# lint: gofmt must list nothing, go vet and staticcheck (a Go tool of the module, go.mod) find nothing.
lint() {
  local unformatted
  log "lint: gofmt -l ."
  unformatted="$(gofmt -l .)"
  [ -z "$unformatted" ] || die "gofmt needed on: $unformatted"
  log "lint: go vet ./..."
  go vet ./... || die "go vet found problems"
  log "lint: go tool staticcheck ./..."
  go tool staticcheck ./... || die "staticcheck found problems"
}

ensure_go() {
  command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || export PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null || die "go not found (install Go 1.26+ first)"
}

case "${1:-}" in
  services)
    ensure_postgres "$DATABASE_URL" DATABASE_URL
    ensure_redis
    ;;
  run)
    ensure_go
    ensure_postgres "$DATABASE_URL" DATABASE_URL
    ensure_redis
    addr="${HTTP_ADDR:-:8080}"
    log "API:    http://localhost:${addr##*:}/graphql"
    log "web UI: http://localhost:${addr##*:}/"
    log "go run ./cmd/redline dev"
    exec go run ./cmd/redline dev
    ;;
  lint)
    ensure_go
    lint
    ;;
  test)
    shift
    ensure_go
    # The services first: a refused password stops the run in seconds, not after the lint.
    ensure_postgres "$REDLINE_TEST_DATABASE_URL" "$TEST_DB_VAR"
    ensure_redis_server
    [ -x /usr/bin/chromium ] || apt_install chromium
    log "REDLINE_TEST_DATABASE_URL=$(redact_url "$REDLINE_TEST_DATABASE_URL") (Redis: a private redis-server per test)"
    if [ $# -gt 0 ]; then # only the tests asked for, e.g. -run 'TestX|TestY' ./pkg/
      log "go test -count=1 $(printf '%q ' "$@")"
      exec go test -count=1 "$@"
    fi
    lint
    log "go test -count=1 -p 2 -timeout 50m ./..."
    go test -count=1 -p 2 -timeout 50m ./...
    # Fuzz the GraphQL document path for a bounded number of inputs (the seeds already ran above as
    # tests). Counts, not durations: with a duration, Go 1.26's fuzz coordinator can fail a clean run
    # with "context deadline exceeded" when a starved worker is mid-input at the deadline
    # (go.dev/issue/75804, fixed in Go 1.27); 50,000 inputs take 10-40 s here.
    for target in FuzzDocument FuzzVariables; do
      log "go test -run '^\$' -fuzz '^$target\$' -fuzztime 50000x -fuzzminimizetime 200x ./api/graph/"
      go test -run '^$' -fuzz "^$target\$" -fuzztime 50000x -fuzzminimizetime 200x ./api/graph/
    done
    # The parsers of uploaded files, of the CFPB import and of published policies and calendars
    # (attack round 30): 20,000 inputs each, a few seconds apiece.
    for spec in FuzzStripMetadata:./domain/ FuzzCFPBImport:./domain/cfpbimport/ \
                FuzzParsePolicy:./domain/deadline/ FuzzParseCalendar:./domain/deadline/; do
      target=${spec%%:*} pkg=${spec#*:}
      log "go test -run '^\$' -fuzz '^$target\$' -fuzztime 20000x -fuzzminimizetime 200x $pkg"
      go test -run '^$' -fuzz "^$target\$" -fuzztime 20000x -fuzzminimizetime 200x "$pkg"
    done
    ;;
  bench)
    ensure_go
    ensure_postgres "$REDLINE_TEST_DATABASE_URL" "$TEST_DB_VAR"
    ensure_redis_server
    log "go test -run '^\$' -bench . ./..."
    exec go test -run '^$' -bench . ./...
    ;;
  *)
    echo "usage: bash deploy/local.sh run|test [go test args]|lint|bench|services" >&2
    exit 2
    ;;
esac
