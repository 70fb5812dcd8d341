#!/usr/bin/env bash
# Stop the daemons tests/slurm/start_cluster.sh started, by the pids it recorded (slurmd,
# slurmctld, slurmdbd, MariaDB, munged, in that order). Leaves the installed packages and
# $SLURM_TEST_DIR in place.
DIR=${SLURM_TEST_DIR:-/tmp/spinrelax-slurm}
for name in slurmd slurmctld slurmdbd mariadbd munged; do
  pidfile="$DIR/pids/$name"
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
done
echo "stop_cluster: stopped"
