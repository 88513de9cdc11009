#!/bin/sh
# The stack launcher's watchdog: whatever it guards stops when the launcher is gone, however it went.
#
#   watchdog.sh run GRACE COMMAND [ARG...]   runs COMMAND as its child and exits with the child's status
#   watchdog.sh postgres GRACE DATA_DIR      guards the PostgreSQL server running on DATA_DIR
#
# The launcher holds the write end of this script's standard input and never writes to it. When the
# launcher exits or is killed, even with SIGKILL, the kernel closes that end and reading reaches EOF.
# Then the child gets SIGTERM (PostgreSQL: SIGINT, its fast shutdown) and, GRACE seconds later, SIGKILL.
# A SIGTERM or SIGINT sent to the watchdog (the launcher stopping a service) is passed on to the child.
# Nothing polls while the launcher lives: the watchdog sleeps in read(2) and wait(2).
set -u
mode=$1
grace=$2
shift 2
# fd 3: the launcher's pipe; everything started from here reads /dev/null instead
exec 3<&0 </dev/null

# is_postmaster PID DATA_DIR: whether PID is a PostgreSQL server started with -D DATA_DIR (never
# signal a process that is not ours: a stale postmaster.pid may name a pid reused since)
is_postmaster() {
    args=$(tr '\000' '\n' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    case "$args
" in
        */postgres"
-D
$2
"*) return 0 ;;
    esac
    return 1
}

case "$mode" in
    run)
        interrupted=
        gone=
        "$@" 3<&- &
        child=$!
        # (a background child of a non-interactive shell ignores SIGINT: pass SIGTERM for both)
        trap 'interrupted=1; kill -TERM "$child" 2>/dev/null' TERM INT
        trap 'interrupted=1; kill -KILL "$child" 2>/dev/null' USR2
        trap 'interrupted=1; gone=1' USR1
        # the reader: blocks until EOF, then tells this shell
        (
            trap - TERM INT USR1 USR2
            while read -r _ <&3; do :; done
            kill -USR1 $$ 2>/dev/null
        ) &
        reader=$!
        exec 3<&-
        killer=
        while :; do
            interrupted=
            wait "$child"
            status=$?
            if [ -n "$gone" ] && [ -z "$killer" ]; then
                kill -TERM "$child" 2>/dev/null
                (
                    trap 'kill "$nap" 2>/dev/null; exit 0' TERM
                    sleep "$grace" &
                    nap=$!
                    wait "$nap"
                    kill -USR2 $$ 2>/dev/null
                ) &
                killer=$!
            fi
            # a trap interrupted wait: the child may still run (if it has just exited, wait returns at once;
            # if it exited just before the trap ran, wait says 127, a status nobody reads during a stop)
            [ -n "$interrupted" ] || break
        done
        kill "$reader" 2>/dev/null
        [ -n "$killer" ] && kill "$killer" 2>/dev/null
        exit "$status"
        ;;
    postgres)
        data=$1
        while read -r _ <&3; do :; done
        pid=
        read -r pid <"$data/postmaster.pid" 2>/dev/null || exit 0
        is_postmaster "$pid" "$data" || exit 0
        kill -INT "$pid" 2>/dev/null
        # a shell cannot wait(2) for a process it did not start: look once a second, GRACE times at most
        n=$grace
        while [ "$n" -gt 0 ] && is_postmaster "$pid" "$data"; do
            sleep 1
            n=$((n - 1))
        done
        is_postmaster "$pid" "$data" && kill -KILL "$pid" 2>/dev/null
        exit 0
        ;;
    *)
        echo "watchdog.sh: unknown mode $mode" >&2
        exit 2
        ;;
esac
