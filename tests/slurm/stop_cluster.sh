#!/usr/bin/env bash
# Stop the daemons tests/slurm/start_cluster.sh started, by the pids it recorded (slurmd,
# slurmctld, slurmdbd, MariaDB, munged, in that order), then removes the /etc/slurm files it
# wrote: with SLURM's tools installed and a slurm.conf naming a controller that is gone, every
# snakemake call waits 10 s (the SLURM executor plugin runs `scontrol show config` while it
# builds the command line), without one scontrol fails at once. Leaves the installed packages
# and $SLURM_TEST_DIR in place.
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
MARK="# written by spinrelax tests/slurm/start_cluster.sh"
for conf in /etc/slurm/slurm.conf /etc/slurm/slurmdbd.conf; do
  [ -e "$conf" ] && grep -qxF "$MARK" "$conf" && rm -f "$conf"
done
echo "stop_cluster: stopped"
