#!/bin/sh
# clawd demo bot (runs as PID 1 inside the container).
#
#   GET /         small text page naming the instance
#   GET /healthz  200 "ok"
#   $STATE_DIR/heartbeat  UTC timestamp, rewritten every CLAW_HEARTBEAT_SECONDS (default 2)
#   $STATE_DIR/boots      number of starts, kept in the volume (shows that state survives)
#
# Environment (all optional):
#   CLAW_STATE_DIR           state directory (default /home/node/.openclaw)
#   CLAW_PORT                HTTP port (default 18789)
#   CLAW_HEARTBEAT_SECONDS   heartbeat period (default 2)
#   CLAW_INSTANCE_ID         shown on the page
#   CLAW_DEMO_IGNORE_SIGTERM=1  log SIGTERM and keep running (to test stop timeout -> kill)
#   CLAW_DEMO_EXIT_AFTER=N      exit with code 3 after N seconds (to test crash handling)
#
# sh as PID 1 ignores signals that have no trap, so every signal we care about is trapped,
# httpd and the heartbeat loop run in the background and the main shell sits in `wait`.

STATE_DIR="${CLAW_STATE_DIR:-/home/node/.openclaw}"
PORT="${CLAW_PORT:-18789}"
BEAT="${CLAW_HEARTBEAT_SECONDS:-2}"
WWW=/tmp/clawd-www

log() { echo "demo-bot: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*"; }

httpd_pid=""
beat_pid=""
crash_pid=""

stop_children() {
    for p in $beat_pid $crash_pid $httpd_pid; do kill "$p" 2>/dev/null; done
}

on_term() {
    if [ "${CLAW_DEMO_IGNORE_SIGTERM:-0}" = "1" ]; then
        log "received SIGTERM, ignoring it (CLAW_DEMO_IGNORE_SIGTERM=1)"
        return
    fi
    log "received SIGTERM, exiting"
    stop_children
    exit 0
}
on_int() { log "received SIGINT, exiting"; stop_children; exit 0; }
on_hup() { log "received SIGHUP, still running"; }
on_usr1() { log "received SIGUSR1, still running"; }
on_crash() { log "exiting with code 3 (CLAW_DEMO_EXIT_AFTER)"; stop_children; exit 3; }

trap on_term TERM
trap on_int INT
trap on_hup HUP
trap on_usr1 USR1
trap on_crash USR2

mkdir -p "$STATE_DIR" "$WWW" || { log "cannot create $STATE_DIR"; exit 1; }

boots=$(cat "$STATE_DIR/boots" 2>/dev/null || echo 0)
case "$boots" in '' | *[!0-9]*) boots=0 ;; esac
boots=$((boots + 1))
echo "$boots" >"$STATE_DIR/boots"

started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat >"$WWW/index.html" <<PAGE
clawd demo bot
instance: ${CLAW_INSTANCE_ID:-unknown}
host: $(hostname)
started: $started
boots: $boots
state: $STATE_DIR
PAGE
printf 'ok' >"$WWW/healthz"

# Heartbeat: write-then-rename so a reader never sees a half-written file.
(
    trap - TERM INT HUP USR1 USR2
    while :; do
        date -u +%Y-%m-%dT%H:%M:%SZ >"$STATE_DIR/heartbeat.tmp" && mv "$STATE_DIR/heartbeat.tmp" "$STATE_DIR/heartbeat"
        sleep "$BEAT"
    done
) &
beat_pid=$!

httpd -f -p "$PORT" -h "$WWW" &
httpd_pid=$!

if [ -n "${CLAW_DEMO_EXIT_AFTER:-}" ]; then
    main_pid=$$
    (sleep "$CLAW_DEMO_EXIT_AFTER" && kill -USR2 "$main_pid") &
    crash_pid=$!
fi

log "started: port=$PORT state=$STATE_DIR boots=$boots pid=$$"

# `wait` returns early whenever a trapped signal arrives; keep waiting while httpd lives.
while :; do
    wait "$httpd_pid"
    rc=$?
    if ! kill -0 "$httpd_pid" 2>/dev/null; then
        log "httpd exited (status $rc), exiting"
        stop_children
        exit 1
    fi
done
