#!/usr/bin/env bash
# Start a real one-node SLURM cluster on this machine (localhost): munge, MariaDB, slurmdbd
# (accounting, so that `sacct` shows finished jobs, which the Snakemake SLURM executor plugin
# polls), slurmctld and slurmd. Needs root and Debian (apt-get). Installs the packages when
# missing (time-boxed). Writes its configuration and state under $SLURM_TEST_DIR
# (default /tmp/spinrelax-slurm) and /etc/slurm; tests/slurm/stop_cluster.sh stops the daemons.
# Exit 0: the node is idle and accepts jobs; exit 1: could not (the reason is printed).
set -euo pipefail
DIR=${SLURM_TEST_DIR:-/tmp/spinrelax-slurm}
INSTALL_TIMEOUT=${SLURM_INSTALL_TIMEOUT:-900}
HOST=$(hostname -s)
say() { echo "start_cluster: $*"; }

MARK="# written by spinrelax tests/slurm/start_cluster.sh"
if [ "$(id -u)" != 0 ]; then say "needs root (installs packages, starts daemons)"; exit 1; fi
if [ -e /etc/slurm/slurm.conf ] && ! grep -qxF "$MARK" /etc/slurm/slurm.conf; then
  say "/etc/slurm/slurm.conf exists and was not written by this script: not touching a real cluster"
  exit 1
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmdbd >/dev/null \
   || ! command -v munged >/dev/null || ! command -v mariadbd >/dev/null; then
  say "installing slurm-wlm slurmdbd munge mariadb-server (time box ${INSTALL_TIMEOUT}s)"
  start=$(date +%s)
  if ! { timeout 300 apt-get update -qq \
         && DEBIAN_FRONTEND=noninteractive timeout "$INSTALL_TIMEOUT" apt-get install -y -qq \
              --no-install-recommends slurm-wlm slurmdbd slurm-client munge mariadb-server; } \
       >"$DIR.install.log" 2>&1; then
    say "package installation failed or timed out (see $DIR.install.log)"; exit 1
  fi
  say "packages installed in $(( $(date +%s) - start )) s"
fi

mkdir -p "$DIR"/{spool/ctld,spool/d,log,run,mysql,mysqlrun,pids}
chown -R slurm:slurm "$DIR"/spool "$DIR"/run
chmod 777 "$DIR"/log
CPUS=$(nproc)
MEM_MB=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))

# munge: the shared secret that authenticates every SLURM message
mkdir -p /etc/munge /run/munge /var/log/munge /var/lib/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge
chmod 400 /etc/munge/munge.key
# every daemon runs in the foreground of a background job whose pid stop_cluster.sh kills
start_daemon() {  # name command...
  local name=$1; shift
  if [ -s "$DIR/pids/$name" ] && kill -0 "$(cat "$DIR/pids/$name")" 2>/dev/null; then return; fi
  "$@" >>"$DIR/log/$name.out" 2>&1 &
  echo $! >"$DIR/pids/$name"
}
start_daemon munged runuser -u munge -- /usr/sbin/munged --foreground --force
# MariaDB for slurmdbd (its own data folder and socket under $DIR)
if [ ! -d "$DIR/mysql/mysql" ]; then
  mariadb-install-db --user=mysql --datadir="$DIR/mysql" >"$DIR/log/mariadb-install.log" 2>&1
fi
chown -R mysql:mysql "$DIR/mysql" "$DIR/mysqlrun"
start_daemon mariadbd mariadbd --user=mysql --datadir="$DIR/mysql" \
  --socket="$DIR/mysqlrun/mysqld.sock" --pid-file="$DIR/mysqlrun/mysqld.pid" \
  --bind-address=127.0.0.1 --port=3306
for _ in $(seq 60); do [ -S "$DIR/mysqlrun/mysqld.sock" ] && break; sleep 1; done
mariadb --socket="$DIR/mysqlrun/mysqld.sock" -u root <<SQL
CREATE DATABASE IF NOT EXISTS slurm_acct_db;
CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY 'slurmtest';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
FLUSH PRIVILEGES;
SQL

mkdir -p /etc/slurm
cat >/etc/slurm/slurmdbd.conf <<CONF
$MARK
AuthType=auth/munge
DbdHost=localhost
SlurmUser=slurm
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StorageLoc=slurm_acct_db
StorageUser=slurm
StoragePass=slurmtest
StoragePort=3306
LogFile=$DIR/log/slurmdbd.log
PidFile=$DIR/run/slurmdbd.pid
CONF
chown slurm:slurm /etc/slurm/slurmdbd.conf
chmod 600 /etc/slurm/slurmdbd.conf
cat >/etc/slurm/slurm.conf <<CONF
$MARK
ClusterName=spinrelax
SlurmctldHost=$HOST
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=$DIR/spool/ctld
SlurmdSpoolDir=$DIR/spool/d
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
JobCompType=jobcomp/none
MinJobAge=300
ReturnToService=2
MpiDefault=none
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF

start_daemon slurmdbd slurmdbd -D
for _ in $(seq 60); do sacctmgr -n list cluster >/dev/null 2>&1 && break; sleep 1; done
sacctmgr -i add cluster spinrelax >/dev/null 2>&1 || true
start_daemon slurmctld slurmctld -D
start_daemon slurmd slurmd -D
for _ in $(seq 60); do
  if sinfo -h -o %T 2>/dev/null | grep -qx idle; then
    say "node $HOST idle ($CPUS CPUs, $MEM_MB MB); accounting: $(sacctmgr -n list cluster format=cluster%20 | xargs)"
    exit 0
  fi
  sleep 1
done
say "the node did not become idle: $(sinfo 2>&1 | tail -1)"; exit 1
