#!/bin/sh
# PostgreSQL HA on this machine with pg_auto_failover (Debian: postgresql-15-auto-failover):
# a monitor and FAULTS_NODES data nodes (default 3: a primary and two standbys, of which one must confirm each
# commit: number_sync_standbys 1) on loopback ports, run as `postgres`. With 2 nodes, losing the standby (or the
# primary, after the failover) stops every COMMIT until a standby is back (docs/resilience.md, run 6).
#   bench/faults/ha.sh up     create (once) and start; prints the libpq multi-host DATABASE_URL
#   bench/faults/ha.sh start  start what is not running (a killed node rejoins as standby), wait for a primary and
#                             every standby in sync
#   bench/faults/ha.sh state  pg_autoctl show state
#   bench/faults/ha.sh down   stop everything and remove the data
# Ports: monitor 55430, node1 55431, node2 55432, node3 55433 (FAULTS_PORT_BASE to move them). Data: $FAULTS_DIR.
set -eu
DIR=${FAULTS_DIR:-/tmp/eenplan-faults}
BASE=${FAULTS_PORT_BASE:-55430}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
NODES=${FAULTS_NODES:-3}
DISK_MB=${FAULTS_DISK_MB:-768}
MON_PORT=$BASE
node_names() { i=1; while [ $i -le "$NODES" ]; do printf 'node%s ' $i; i=$((i + 1)); done; }
MONITOR="postgres://autoctl_node@127.0.0.1:$MON_PORT/pg_auto_failover?sslmode=disable"
as_pg() { runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$DIR/config" XDG_DATA_HOME="$DIR/share" "$@"; }
# A data node's PGDATA lies on its own disk, $DIR/NAME (a tmpfs); pg_autoctl renames a fresh base backup into
# place from next to PGDATA, so PGDATA is a directory on that disk, not the mount point itself.
pgdata() { if [ "$1" = monitor ]; then echo "$DIR/monitor"; else echo "$DIR/$1/data"; fi; }
start() {  # start NAME: a pg_autoctl supervisor in the background, its pid in $DIR/NAME.pid
  as_pg sh -c "setsid pg_autoctl run --pgdata '$(pgdata "$1")' >>'$DIR/$1.log' 2>&1 & echo \$! > '$DIR/$1.pid'"
}
wait_state() {  # until one node is primary and every other reports secondary
  i=0
  while [ $i -lt 120 ]; do
    st=$(as_pg pg_autoctl show state --pgdata "$DIR/monitor" 2>/dev/null || true)
    if [ "$(echo "$st" | grep -c "secondary |  *secondary")" -eq $((NODES - 1)) ] && echo "$st" | grep -q "primary |  *primary"; then
      return 0
    fi
    i=$((i + 1)); sleep 1
  done
  as_pg pg_autoctl show state --pgdata "$DIR/monitor"; return 1
}
case "${1:-up}" in
up)
  bash "$(dirname "$0")/../../scripts/apt-deps.sh" --faults
  mkdir -p "$DIR"; chown postgres "$DIR"
  if [ ! -d "$DIR/monitor" ]; then
    as_pg pg_autoctl create monitor --pgdata "$DIR/monitor" --pgport "$MON_PORT" --hostname 127.0.0.1 --auth trust --no-ssl >>"$DIR/create.log" 2>&1
  fi
  start monitor; sleep 3
  # A faster verdict than the defaults (20 s unhealthy), so a failover starts in seconds. primary_demote_timeout
  # stays at its default (30 s): the monitor waits that long for the old primary to confirm its demotion before
  # the standby takes writes. At 10 s an old primary that its keeper had restarted took writes while the standby
  # was promoted, and those acknowledged writes were lost (docs/resilience.md, run 3).
  as_pg psql -qX -p "$MON_PORT" -h 127.0.0.1 -d pg_auto_failover -c "ALTER SYSTEM SET pgautofailover.health_check_period = 1000" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000" -c "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500" -c "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000" \
    -c "ALTER SYSTEM RESET pgautofailover.primary_demote_timeout" -c "SELECT pg_reload_conf()" >/dev/null
  for n in $(node_names); do
    port=$((BASE + ${n#node}))
    if [ ! -f "$(pgdata $n)/PG_VERSION" ]; then
      # Each data node on a disk of its own (a tmpfs of FAULTS_DISK_MB), so the fault test can fill one node's disk.
      mkdir -p "$DIR/$n"
      mountpoint -q "$DIR/$n" || mount -t tmpfs -o "size=${DISK_MB}m,mode=0700,uid=$(id -u postgres),gid=$(id -g postgres)" \
        "eenplan-faults-$n" "$DIR/$n" || echo "ha.sh: no tmpfs for $n (mount refused): its PGDATA is on this machine's disk" >&2
      chown postgres "$DIR/$n"
      as_pg pg_autoctl create postgres --pgdata "$(pgdata $n)" --pgport "$port" --hostname 127.0.0.1 --auth trust --no-ssl \
        --dbname eenplan --monitor "$MONITOR" --name "$n" >>"$DIR/create.log" 2>&1
    fi
    start $n
    sleep 4
  done
  wait_state
  # The formation's number_sync_standbys is 1 (pg_auto_failover's default): with two standbys a commit waits for
  # one of them, so either may be lost without stopping writes. The primary shows it:
  as_pg psql -XAtq -h 127.0.0.1 -p $((BASE + 1)) -d eenplan -c "show synchronous_standby_names" 2>/dev/null || true
  hosts=$(for n in $(node_names); do printf '127.0.0.1:%s,' $((BASE + ${n#node})); done)
  echo "DATABASE_URL=postgres://postgres@${hosts%,}/eenplan?target_session_attrs=read-write&connect_timeout=2"
  ;;
start)  # start the supervisors that are not running (a killed node rejoins as a standby)
  for n in monitor $(node_names); do
    if [ -f "$DIR/$n.pid" ] && kill -0 "$(cat "$DIR/$n.pid")" 2>/dev/null; then continue; fi
    start $n; sleep 2
  done
  wait_state
  ;;
state) as_pg pg_autoctl show state --pgdata "$DIR/monitor" ;;
down)
  for n in $(node_names) monitor; do
    # the supervisor leads its own process group (setsid): end it with its children
    if [ -f "$DIR/$n.pid" ]; then kill -- "-$(cat "$DIR/$n.pid")" 2>/dev/null || kill "$(cat "$DIR/$n.pid")" 2>/dev/null || true; fi
  done
  sleep 5
  for n in $(node_names) monitor; do as_pg "$PGBIN/pg_ctl" -D "$(pgdata $n)" stop -m immediate >/dev/null 2>&1 || true; done
  # whatever a fault test left running on these directories (an orphaned postgres after a kill -9 of its keeper)
  pkill -9 -f "$DIR/" 2>/dev/null || true; sleep 1
  for n in $(node_names); do mountpoint -q "$DIR/$n" && umount "$DIR/$n"; done
  rm -rf "$DIR"
  ;;
esac
