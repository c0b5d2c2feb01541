#!/usr/bin/env bash
# lab.sh starts the classic Jupyter notebook server on notebooks/, listening
# on 127.0.0.1 only, with token authentication on: open the URL with
# ?token=... that it prints. Run scripts/setup.sh (make setup) first.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
python=$("$repo/scripts/setup.sh" python) || {
	echo "lab: Jupyter is not installed: run make setup first" >&2
	exit 1
}
# Trust the notebooks again: a git pull brings new outputs, whose figures
# Jupyter would hide until trusted (see trust_notebooks in setup.sh).
"$repo/scripts/setup.sh" trust
args=(--notebook-dir="$repo/notebooks" --ip=127.0.0.1 --port="${PORT:-8888}")
# Jupyter refuses to run as root unless told; containers often run as root.
[[ $(id -u) == 0 ]] && args+=(--allow-root)
exec "$python" -m notebook "${args[@]}" "$@"
