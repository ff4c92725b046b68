#!/usr/bin/env bash
# Start a single-node SLURM cluster on loopback for the `pytest -m slurm` tests.
#
# Installs Debian's slurm-wlm and munge when missing, writes a one-node slurm.conf
# (no cgroups, no accounting) with all state under $SLURM_CI_DIR, starts munged,
# slurmctld and slurmd, and returns once a job step really runs (`srun true`).
# Idempotent: when the daemons from a previous call are still alive it only re-checks
# `srun true`; otherwise it stops any leftovers (by pid file) and cold-starts.
# Must run as root. Stop everything with `bash .ci/slurm-down.sh`.
#
# Accounting is deliberately off: the workflow must then be run with
# `--slurm-status-command squeue` (the test does this), and MinJobAge keeps finished
# jobs visible to squeue for 10 minutes.
set -euo pipefail

DIR="${SLURM_CI_DIR:-/tmp/slurm-ci}"
WAIT_SECONDS="${SLURM_CI_WAIT:-120}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start_ms=$(($(date +%s%N) / 1000000))

log() { echo "slurm-up: $*"; }

if [[ $(id -u) -ne 0 ]]; then
    echo "slurm-up: must run as root (daemons run as root/munge)" >&2
    exit 1
fi

# A daemon counts as running only when its pid file names a live process of that name,
# so a stale pid file (or a recycled pid) is never mistaken for a running daemon.
alive() { # alive <pidfile> <comm>
    local pid
    [[ -s "$1" ]] || return 1
    pid=$(<"$1")
    [[ -r "/proc/$pid/comm" && "$(<"/proc/$pid/comm")" == "$2" ]]
}

srun_works() { timeout 15 srun --quiet --time=1 true >/dev/null 2>&1; }

wait_for_srun() {
    local deadline=$((SECONDS + WAIT_SECONDS))
    until srun_works; do
        if ((SECONDS >= deadline)); then
            echo "slurm-up: 'srun true' still failing after ${WAIT_SECONDS}s" >&2
            sinfo -N -l >&2 || true
            tail -n 20 "$DIR/log/slurmctld.log" "$DIR/log/slurmd.log" >&2 || true
            return 1
        fi
        sleep 1
    done
}

report() {
    local ms=$(($(date +%s%N) / 1000000 - start_ms))
    log "cluster up in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s" \
        "(state: $DIR, conf: /etc/slurm/slurm.conf)"
}

# --- install --------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null \
    || ! command -v munged >/dev/null || ! command -v srun >/dev/null; then
    log "installing slurm-wlm and munge"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

# --- already up? ------------------------------------------------------------------------
if alive "$DIR/run/munged.pid" munged && alive "$DIR/run/slurmctld.pid" slurmctld \
    && alive "$DIR/run/slurmd.pid" slurmd; then
    log "daemons already running; checking that a job step runs"
    wait_for_srun
    report
    exit 0
fi

# Partial leftovers from an earlier run: stop them so we start from a known state.
bash "$HERE/slurm-down.sh" >/dev/null

# --- folders ------------------------------------------------------------------------------
# munged refuses to start unless its folders belong to the munge user and every parent of
# the socket folder is world-executable.
rm -rf "$DIR/state" "$DIR/spool" # cold start: a restart with saved state is ~20 s slower
mkdir -p "$DIR"/{run,log,state,spool,munge/etc,munge/lib,munge/log,munge/run}
chmod 711 "$DIR" "$DIR/munge"
chown -R munge:munge "$DIR/munge"
chmod 700 "$DIR/munge/etc" "$DIR/munge/lib" "$DIR/munge/log"
chmod 755 "$DIR/munge/run"
KEY="$DIR/munge/etc/munge.key"
SOCKET="$DIR/munge/run/munge.socket"
if [[ ! -s "$KEY" ]]; then
    runuser -u munge -- mungekey --create --keyfile="$KEY"
fi

# --- slurm.conf ---------------------------------------------------------------------------
CPUS=$(nproc)
# Leave headroom below MemTotal: slurmd drains a node that reports less than RealMemory.
MEM_MB=$(awk '/^MemTotal:/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)
CONF="$DIR/slurm.conf"
cat >"$CONF" <<EOF
# Single-node CI cluster written by .ci/slurm-up.sh; do not edit by hand.
ClusterName=ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# Without a default, a job that asks for no memory would be given the whole node.
DefMemPerCPU=1000
# Finished jobs stay visible to squeue for 10 min: the squeue status command relies on it.
MinJobAge=600
ReturnToService=2
KillWait=5
InactiveLimit=0
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

# Clients (sbatch, srun, squeue) and the jobstep plugin's inner srun read this path; the
# plugin clears SLURM_* variables, so SLURM_CONF alone is not enough.
mkdir -p /etc/slurm
if [[ -e /etc/slurm/slurm.conf && ! -L /etc/slurm/slurm.conf ]]; then
    mv /etc/slurm/slurm.conf /etc/slurm/slurm.conf.before-ci
    log "moved an existing /etc/slurm/slurm.conf to slurm.conf.before-ci"
fi
ln -sfn "$CONF" /etc/slurm/slurm.conf

# --- daemons ------------------------------------------------------------------------------
runuser -u munge -- munged --key-file="$KEY" --socket="$SOCKET" \
    --pid-file="$DIR/munge/run/munged.pid" --log-file="$DIR/munge/log/munged.log" \
    --seed-file="$DIR/munge/lib/munged.seed"
ln -sfn "$DIR/munge/run/munged.pid" "$DIR/run/munged.pid"
slurmctld -f "$CONF"
slurmd -f "$CONF" -N localhost

for d in munged slurmctld slurmd; do
    for _ in $(seq 50); do
        alive "$DIR/run/$d.pid" "$d" && break
        sleep 0.1
    done
    alive "$DIR/run/$d.pid" "$d" || {
        echo "slurm-up: $d did not start; logs in $DIR/log and $DIR/munge/log" >&2
        exit 1
    }
done

wait_for_srun
report
