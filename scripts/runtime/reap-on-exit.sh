#!/usr/bin/env bash
# Ends what a process started when that process ends without stopping it: killed with SIGKILL,
# crashed, or killed by a wrapper. The process writes "<SIGNAL> <pid, or -pgid for a group>" for each
# part it starts and "forget <target>" once the part has stopped; when this script's stdin closes —
# the process is gone, however it went — each target left gets its signal, and after $1 seconds
# (15 by default) whatever still runs gets SIGKILL. Plain bash 3 (macOS): no associative arrays.
set -u
grace=${1:-15}
signals=()
targets=()
while read -r signal target; do
  if [[ $signal == forget ]]; then
    for i in "${!targets[@]}"; do
      [[ ${targets[$i]} == "$target" ]] && unset "targets[$i]" "signals[$i]"
    done
  elif [[ $signal =~ ^[A-Z0-9]+$ && $target =~ ^-?[0-9]+$ ]]; then
    signals+=("$signal")
    targets+=("$target")
  fi
done
[[ ${#targets[@]} -eq 0 ]] && exit 0
for i in "${!targets[@]}"; do
  kill -s "${signals[$i]}" -- "${targets[$i]}" 2>/dev/null
done
# Alive: a process with that pid, or in that group, that is not a zombie (an orphan's parent is now
# init, and not every init reaps: a container's may not).
alive() {
  ps -A -o pid= -o pgid= -o stat= | while read -r pid pgid stat; do
    [[ $stat == Z* ]] && continue
    for target in "${targets[@]}"; do
      [[ $pid == "$target" || -$pgid == "$target" ]] && echo "$target"
    done
  done | grep -q .
}
for ((tick = 0; tick < grace * 10; tick++)); do
  alive || exit 0
  sleep 0.1
done
for target in "${targets[@]}"; do
  kill -s KILL -- "$target" 2>/dev/null
done
exit 0
