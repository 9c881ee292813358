/**
 * The watchdog itself: a POSIX sh script (dash, busybox sh and bash run it), so arming it costs
 * one small shell, not a second node (about 2 s to start on a Raspberry Pi 2). bondtop starts it
 * with `sh -c SCRIPT bondtop-watchdog IP` (or through `sudo -n` when that is how its `ip` gets
 * CAP_NET_ADMIN) and talks to it over its stdin, one command a line; it answers each on stdout.
 *
 *   arm NAME SECONDS    cover NAME (SECONDS > 0: also bring it up after that long, a drill's
 *                       time limit; 0 keeps an existing time limit); answers `armed NAME`
 *   disarm NAME         forget NAME (bondtop brought it up itself); answers `disarmed NAME`
 *   watch PID           end PID with bondtop (the `ip monitor` child); answers `watching PID`
 *   unwatch PID         answers `unwatched PID`
 *   release             exit now without restoring anything (a hand-over); answers `released`
 *
 * When its stdin reaches end-of-file without `release`, bondtop is gone, however it died (its end
 * of the pipe is closed by the kernel on kill -9 too): the watchdog ends every watched process,
 * brings up every link still armed and exits. It never outlives bondtop by more than that, so it
 * cannot bring up, later, a link someone took down after bondtop ended. Names never contain
 * white space (the kernel refuses it; bondtop checks) and are only ever quoted "$name", with
 * globbing off. SIGPIPE is ignored: an answer written after bondtop died must not kill the
 * watchdog before it has read the end-of-file and restored the links (nor must a hangup). The
 * time limit is a background subshell around `sleep` (dash's `read` has no `-t`); disarming ends
 * it and its sleep.
 */
export const watchdogScript = `set -f
trap '' HUP INT PIPE
ip=$1
armed=
watched=
restore() { "$ip" link set dev "$1" up >/dev/null 2>&1; }
untimer() { [ "$1" = 0 ] || kill "$1" 2>/dev/null; }
echo ready
while IFS=' ' read -r cmd name arg; do
  case $cmd in
    arm)
      keep=
      new=
      for e in $armed; do
        if [ "\${e#*:}" = "$name" ]; then
          if [ "$arg" = 0 ]; then keep=$e; else untimer "\${e%%:*}"; fi
        else new="$new $e"; fi
      done
      if [ -n "$keep" ]; then new="$new $keep"
      else
        t=0
        if [ "$arg" != 0 ]; then
          (s=; trap 'kill $s 2>/dev/null; exit 0' TERM; sleep "$arg" & s=$!; wait $s; restore "$name") & t=$!
        fi
        new="$new $t:$name"
      fi
      armed=$new
      echo "armed $name" ;;
    disarm)
      new=
      for e in $armed; do
        if [ "\${e#*:}" = "$name" ]; then untimer "\${e%%:*}"; else new="$new $e"; fi
      done
      armed=$new
      echo "disarmed $name" ;;
    watch) watched="$watched $name"; echo "watching $name" ;;
    unwatch)
      new=
      for p in $watched; do [ "$p" = "$name" ] || new="$new $p"; done
      watched=$new
      echo "unwatched $name" ;;
    release)
      for e in $armed; do untimer "\${e%%:*}"; done
      echo released
      exit 0 ;;
    *) echo "unknown $cmd" ;;
  esac
done
for p in $watched; do kill "$p" 2>/dev/null; done
for e in $armed; do untimer "\${e%%:*}"; restore "\${e#*:}"; done
exit 0
`;
