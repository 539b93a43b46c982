#!/usr/bin/env bash
# pg.sh: a throwaway PostgreSQL server for seam's SQL export tests.
#
#   bash .ci/pg.sh [start]   install PostgreSQL from Debian if missing, create a
#                            cluster in a temp dir, start it on 127.0.0.1:$PORT
#                            with trust auth, and print its DSN on stdout:
#                            export SEAM_TEST_PG=$(bash .ci/pg.sh start)
#   bash .ci/pg.sh stop      stop it (the data dir stays until the next start)
#   bash .ci/pg.sh status    exit 0 when it runs
#
# Environment: SEAM_PG_PORT (55432), SEAM_PG_DIR (/tmp/seam-pg).
# Logs go to stderr and $SEAM_PG_DIR/server.log; only the DSN goes to stdout.
set -euo pipefail

PORT=${SEAM_PG_PORT:-55432}
DIR=${SEAM_PG_DIR:-/tmp/seam-pg}
DATA=$DIR/data
LOG=$DIR/server.log
DSN="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"

log() { echo "pg.sh: $*" >&2; }

find_bin() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

ensure_installed() {
	if BIN=$(find_bin); then
		return 0
	fi
	if [ "$(id -u)" != 0 ]; then
		log "PostgreSQL is not installed and installing needs root: apt-get install -y postgresql"
		exit 1
	fi
	log "installing postgresql from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update >&2
	apt-get install -y --no-install-recommends postgresql >&2
	BIN=$(find_bin) || { log "postgresql installed but pg_ctl/initdb not found under /usr/lib/postgresql"; exit 1; }
}

# as_owner runs a command as the cluster owner: the postgres user when we
# are root (initdb refuses to run as root), else ourselves.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	ensure_installed
	if [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
		log "already running on port $PORT ($DATA)"
		echo "$DSN"
		return 0
	fi
	mkdir -p "$DIR"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$DIR"
	fi
	if [ ! -f "$DATA/PG_VERSION" ]; then
		rm -rf "$DATA"
		log "initdb in $DATA"
		as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2 ||
			as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C >&2
	fi
	log "starting on 127.0.0.1:$PORT"
	if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
		-o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2; then
		log "server did not start; last lines of $LOG:"
		tail -n 20 "$LOG" >&2 || true
		exit 1
	fi
	echo "$DSN"
}

stop() {
	if ! BIN=$(find_bin); then
		log "PostgreSQL is not installed; nothing to stop"
		return 0
	fi
	if [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
		as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
	else
		log "not running"
	fi
}

status() {
	BIN=$(find_bin) || exit 1
	[ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >&2
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
status) status ;;
*)
	log "usage: pg.sh [start|stop|status]"
	exit 2
	;;
esac
