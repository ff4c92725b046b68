#!/usr/bin/env bash
# Stop the CI cluster started by .ci/slurm-up.sh: slurmd, slurmctld, munged, each by the
# pid in its pid file (never by name). Safe to run twice or when nothing runs.
set -uo pipefail

DIR="${SLURM_CI_DIR:-/tmp/slurm-ci}"

# The process in a pid file is only signalled when its name matches, so a stale pid file
# whose pid was recycled by an unrelated process is left alone.
stop() { # stop <pidfile> <comm>
    local pidfile="$1" comm="$2" pid
    [[ -s "$pidfile" ]] || return 0
    pid=$(<"$pidfile")
    if [[ -r "/proc/$pid/comm" && "$(<"/proc/$pid/comm")" == "$comm" ]]; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 100); do
            [[ -d "/proc/$pid" ]] || break
            sleep 0.1
        done
        if [[ -d "/proc/$pid" ]]; then
            kill -KILL "$pid" 2>/dev/null
            echo "slurm-down: $comm ($pid) needed SIGKILL"
        fi
        echo "slurm-down: stopped $comm ($pid)"
    fi
    rm -f "$pidfile"
}

# Cancel this cluster's jobs first so that no job step outlives slurmd.
if [[ -s "$DIR/run/slurmctld.pid" ]] && command -v scancel >/dev/null \
    && [[ "$(readlink -f /etc/slurm/slurm.conf 2>/dev/null)" == "$DIR/slurm.conf" ]]; then
    timeout 10 scancel --full "--user=$(id -un)" 2>/dev/null || true
fi

stop "$DIR/run/slurmd.pid" slurmd
stop "$DIR/run/slurmctld.pid" slurmctld
stop "$DIR/munge/run/munged.pid" munged
rm -f "$DIR/run/munged.pid"
exit 0
