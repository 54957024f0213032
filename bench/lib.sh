# Shared by the bench scripts (sourced). Expects: WORK (a scratch directory), DB, PORT, BASE, SLUG, SMTP_PORT,
# MYSQL and SECONDS_PER to be set by the script that sources it.

# the node's JVM options, as deploy/petitions.service (a script may set its own before sourcing this)
JAVA_MEMORY=${JAVA_MEMORY:-"-Xmx256m -XX:TrimNativeHeapInterval=5000"}
# and its malloc arenas, as deploy/petitions.service sets them
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

ms() { # wrk latency ("1.23ms", "850.00us", "1.02s") to milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# wrk_run NAME CONNECTIONS URL [LUA]  -> prints "rps p50 p99 errors"
wrk_run() {
  local out
  out=$(wrk -t2 -c"$2" -d"${SECONDS_PER}s" --latency ${4:+-s "$4"} "$3")
  local rps p50 p99 non2xx sock
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99=$(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  sock=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}'); sock=${sock:-0}
  echo "$rps $p50 $p99 $((non2xx + sock))"
}

# wrk_gzip URL [CONNECTIONS] -> "rps p50 p99 errors": GETs the URL as a browser does (gzip, English) over
# CONNECTIONS connections for SECONDS_PER seconds
wrk_gzip() {
  local out
  out=$(wrk -t2 -c"${2:-$CONNECTIONS}" -d"${SECONDS_PER}s" --latency -H 'Accept-Encoding: gzip' -H 'Accept-Language: en' "$1")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
       "$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")" \
       "$(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")" \
       "$(( $(echo "$out" | awk '/Non-2xx/ {print $NF}' | grep . || echo 0) + $(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' | grep . || echo 0) ))"
}

# wrk_link_page PREFIX TOKENS [EXPECT=200] -> "rps p50 p99 errors": GETs PREFIX followed by each line of the file
# TOKENS in turn, as a browser does (gzip, English; bench/link-pages.lua); errors: answers other than EXPECT
wrk_link_page() {
  local out
  out=$(PREFIX=$1 TOKENS=$2 EXPECT=${3:-200} wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER}s" --latency -s bench/link-pages.lua "$BASE")
  local result; result=$(echo "$out" | grep '^RESULT') || { echo "wrk printed no RESULT line: $out" >&2; exit 1; }
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
       "$(echo "$result" | sed 's/.*p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/\1 \2/')" \
       "$(( $(echo "$result" | sed 's/.*other=\([0-9]*\).*/\1/') + $(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' | grep . || echo 0) ))"
}

# pending_tokens RUN COUNT: the confirmation tokens of the first COUNT pending signatures of thread 0 that
# bench/fixtures/pending made for RUN, a line each: RUN "t0n" N, padded to 43 characters with "a" in front
pending_tokens() {
  awk -v run="$1" -v count="$2" 'BEGIN { for (n = 1; n <= count; n++) { core = run "t0n" n; pad = ""
    while (length(pad) + length(core) < 43) pad = pad "a"; print pad core } }'
}

# the pages a signer reaches by a link of their own, or by a wrong address, as issue 16 lists them besides the
# crowd's: measured by bench/run (link_pages sets their tokens up)
LINK_PAGES=(check-email confirm withdraw unsubscribe not-found)
# link_pages RUN_ID: makes LINK_TOKENS links of each kind and measures each page of LINK_PAGES into
# results[page:NAME,$round], and what the link pages kept busy into cpu[page:NAME,$round] (measure)
link_pages() {
  local n=${LINK_TOKENS:-2000}
  curl -sf -X POST "$BASE/bench/fixtures/pending?slug=$SLUG&run=$1&threads=1&perThread=$n" > /dev/null
  pending_tokens "$1" "$n" > "$WORK/confirm-tokens"
  curl -sf -X POST "$BASE/bench/fixtures/linked?slug=$SLUG&run=$1&count=$n" > "$WORK/linked"
  cut -d' ' -f1 "$WORK/linked" > "$WORK/withdraw-tokens"
  cut -d' ' -f2 "$WORK/linked" > "$WORK/unsubscribe-tokens"
  seq -f "no-such-campaign-%.0f" 1 "$n" > "$WORK/wrong-slugs"
  local -A how=([confirm]="/confirm/ $WORK/confirm-tokens" [withdraw]="/withdraw/ $WORK/withdraw-tokens"
                [unsubscribe]="/unsubscribe/ $WORK/unsubscribe-tokens" [not-found]="/campaigns/ $WORK/wrong-slugs 404")
  # warmed, then measured. The crowd's pages have had the warm-up's form signing and viral mix before their
  # own 3 s; nothing else opens these pages, and after 3 s the first round measured the confirm page at
  # half what the next one did (JIT still compiling), so each gets WARMUP seconds of its own
  warm_gzip "$BASE/campaigns/$SLUG/check-email"
  local name
  for name in confirm withdraw unsubscribe not-found; do SECONDS_PER=${WARMUP:-10} wrk_link_page ${how[$name]} > /dev/null; done
  results[page:check-email,$round]=$(wrk_gzip "$BASE/campaigns/$SLUG/check-email")
  for name in confirm withdraw unsubscribe not-found; do
    measure "page:$name,$round" wrk_link_page ${how[$name]}
  done
}

# warm_gzip URL...: 3 s of each URL as a browser asks for it, so that the JIT has compiled its path before it is measured
warm_gzip() {
  local url
  for url in "$@"; do wrk -t2 -c"$CONNECTIONS" -d3s -H 'Accept-Encoding: gzip' -H 'Accept-Language: en' "$url" > /dev/null; done
}

# the public pages a crowd loads and the static files they name, as issue 16 measures them
CROWD_PAGES=(campaign home signers press embed badge stylesheet script)
# crowd_pages: sets CROWD_URLS (name -> URL), the static files by the names the campaign page gives them
crowd_pages() {
  local page css script
  page=$(curl -s "$BASE/campaigns/$SLUG")
  css=$(echo "$page" | grep -o '/static/site[^"]*\.css' | head -1)
  script=$(echo "$page" | grep -o '/static/live[^"]*\.js' | head -1)
  [ -n "$css" ] && [ -n "$script" ] || { echo "the campaign page names no stylesheet or script" >&2; exit 1; }
  declare -gA CROWD_URLS=(
    [campaign]="$BASE/campaigns/$SLUG" [home]="$BASE/" [signers]="$BASE/campaigns/$SLUG/signers"
    [press]="$BASE/campaigns/$SLUG/press" [embed]="$BASE/embed/$SLUG" [badge]="$BASE/badge/$SLUG.svg"
    [stylesheet]="$BASE$css" [script]="$BASE$script")
}

# sign_run RUN_ID CONNECTIONS  -> prints "rps p50 p99 other accepted", signing with unique emails
# (bench/sign.lua) for SECONDS_PER seconds; their emails start with RUN_ID
sign_run() {
  local out result
  out=$(RUN_ID=$1 wrk -t2 -c"$2" -d"${SECONDS_PER}s" --latency -s bench/sign.lua "$BASE/api/v1/campaigns/$SLUG/signatures")
  result=$(echo "$out" | grep '^RESULT') || { echo "wrk printed no RESULT line: $out" >&2; exit 1; }
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
       "$(echo "$result" | sed 's/.*p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/\1 \2/')" \
       "$(echo "$result" | sed 's/.*other=\([0-9]*\).*/\1/')" \
       "$(echo "$result" | sed 's/.*accepted=\([0-9]*\).*/\1/')"
}

# signing_beside BASE READER...: signing with unique emails (bench/sign.lua) at BASE on half of CONNECTIONS for
# SECONDS_PER seconds while the command READER... (the readers, on the other half) runs. Sets BESIDE_READ to what
# READER printed and BESIDE_SIGNING to "signatures/s accepted stored", stored counting the rows with their
# confirmation email. Not in a command substitution: it sets those two variables.
signing_beside() {
  local base=$1 before accepted pid
  shift
  before=$(last_signature_id)
  RUN_ID="b${RANDOM}x$RANDOM" wrk -t1 -c$((CONNECTIONS / 2)) -d"${SECONDS_PER}s" -s bench/sign.lua \
    "$base/api/v1/campaigns/$SLUG/signatures" > "$WORK/beside" &
  pid=$!
  BESIDE_READ=$("$@")
  wait $pid || true
  accepted=$(sed -n 's/^RESULT accepted=\([0-9]*\).*/\1/p' "$WORK/beside")
  [ -n "$accepted" ] || { echo "the signing beside the reads printed no RESULT line:" >&2; cat "$WORK/beside" >&2; exit 1; }
  BESIDE_SIGNING="$(awk '/Requests\/sec/ {print $2}' "$WORK/beside") $accepted $(stored_with_email "$before")"
}

# last_signature_id -> the highest signature id so far. Names and addresses are sealed in the database,
# so a run's rows are told by their ids (every row after the one before the run), not by their addresses
last_signature_id() {
  $MYSQL -N -e "SELECT COALESCE(MAX(id), 0) FROM $DB.signature"
}

# stored_with_email AFTER_ID -> how many signatures after that id are rows with their confirmation email queued
stored_with_email() {
  $MYSQL -N -e "SELECT COUNT(DISTINCT s.id) FROM $DB.signature s JOIN $DB.outbox_email o ON o.signature_id = s.id
                AND o.kind = 'CONFIRMATION' WHERE s.id > $1"
}

# longest_email_wait AFTER_ID -> seconds from the newest signatures' rows (after that id) to the sending of their
# confirmation email, at most: the patience the outbox had while visitors kept the processors (MAIL_PATIENCE), and
# any backlog it had to work through after it
longest_email_wait() {
  $MYSQL -N -e "SELECT COALESCE(ROUND(MAX(TIMESTAMPDIFF(MICROSECOND, o.created_at, o.sent_at)) / 1e6, 1), 0)
                FROM $DB.outbox_email o WHERE o.kind = 'CONFIRMATION' AND o.signature_id > $1"
}

# drain: waits until the outbox has sent everything queued so far (at most 10 minutes)
drain() {
  local deadline=$((SECONDS + 600))
  while [ "$($MYSQL -N $DB -e "SELECT COUNT(*) FROM outbox_email WHERE status = 'PENDING'")" -gt 0 ]; do
    [ $SECONDS -lt $deadline ] || { echo "the outbox did not drain within 10 minutes (is the SMTP sink up?)" >&2; exit 1; }
    sleep 0.2
  done
}

# the benchmark's jar: the product with the ceilings and fixtures of bench/java (./mvnw -Pbench package)
build_bench_jar() { ./mvnw -q -B -Pbench package -DskipTests; }

# start_app [JVM options]: starts the service on the bench database; sets APP_PID and startup (ms)
start_app() {
  : > "$WORK/app.log"
  DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:3306/$DB" DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
  SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP_PORT SEED_DEMO_CAMPAIGNS=true PORT=$PORT MANAGEMENT_PORT=$((PORT + 100)) PUBLIC_BASE_URL=$BASE \
  PETITIONS_BENCH_CEILINGS=true ABUSE_ALLOW_ADDRESSES=127.0.0.1,::1 java $JAVA_MEMORY "$@" -jar "${BENCH_JAR:-target/petitions-bench.jar}" > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  for i in $(seq 1 120); do grep -q "Startup completed" "$WORK/app.log" && break; sleep 0.25; done
  startup=$(grep -o 'Startup completed in [0-9]*ms' "$WORK/app.log" | grep -o '[0-9]*')
}

# Processor time, to name what holds a scenario back: the whole machine's busy time (user, system and interrupts
# of every processor, from /proc/stat), the node's ($APP_PID) and the database server's (from /proc/PID/stat).
# The rest is the load generator and the kernel's network work, which the node's requests cause but are not the
# node's own. cpu_mark, then the command, then cpu_since_mark -> "machine node database" in processors kept busy
# on average (2.00 is all of a 2-core machine). cpu_mark is not in a command substitution: it sets CPU_MARK.

# the database server's process: by its own pid file, else the one MariaDB or MySQL server on the machine
database_pid() {
  cat "$($MYSQL -N -e 'SELECT @@pid_file')" 2>/dev/null || pgrep -xo mariadbd || pgrep -xo mysqld \
    || { echo "no database server process found to measure" >&2; exit 1; }
}
busy_ticks() {
  echo "$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat) $(awk '{print $14 + $15}' "/proc/$APP_PID/stat")" \
       "$(awk '{print $14 + $15}' "/proc/$DATABASE_PID/stat")"
}
cpu_mark() { DATABASE_PID=${DATABASE_PID:-$(database_pid)}; CPU_MARK="$(busy_ticks) $(date +%s%N)"; }
cpu_since_mark() {
  echo "$CPU_MARK $(busy_ticks) $(date +%s%N) $(getconf CLK_TCK)" | awk '{seconds = ($8 - $4) / 1e9
    printf "%.2f %.2f %.2f\n", ($5 - $1) / $9 / seconds, ($6 - $2) / $9 / seconds, ($7 - $3) / $9 / seconds}'
}
# cost_per_request "MACHINE NODE DATABASE" RPS -> the same three in µs of processor time a request
cost_per_request() { echo "$1 $2" | awk '{printf "%.1f %.1f %.1f\n", 1e6 * $1 / $4, 1e6 * $2 / $4, 1e6 * $3 / $4}'; }
# measure KEY COMMAND...: results[KEY] is what COMMAND printed ("rps ..."), cpu[KEY] the processors it kept busy
measure() { local key=$1; shift; cpu_mark; results[$key]=$("$@"); cpu[$key]=$(cpu_since_mark); }
