#!/usr/bin/env bash
# start.sh runs before the notebook server of every learner's container
# (JupyterHub, deploy/hub, or `podman run`): it copies the lessons into
# ~/notebooks without overwriting what the learner already has, marks the
# course's notebooks as trusted for this learner (so their saved figures
# show), and then runs the command it is given (jupyterhub-singleuser by
# default). The home folder is usually the learner's persistent storage,
# mounted over the image's, so this happens on every start, not at build.
set -euo pipefail
course=/opt/introdl
mkdir -p "$HOME/notebooks"
# -n: never overwrite; a learner's edited lesson survives image updates.
# A lesson they deleted comes back, which is what a learner expects.
cp -n "$course"/notebooks/*.ipynb "$HOME/notebooks/" 2>/dev/null || true
# Trust is a signature of the notebook's content in the learner's own
# database (~/.local/share/jupyter/nbsignatures.db): the copies are the
# same bytes as the course's files, so signing those trusts the copies.
bash "$course/scripts/setup.sh" trust >/dev/null 2>&1 || echo "start: could not mark the lessons as trusted" >&2
# Go's garbage collector lets a program's heap grow to twice what it still
# uses before collecting, so a cell of 09-mnist, which holds 0.45 GB of
# images, peaks near 1 GB and a 1 GB limit kills it. Where the hub sets a
# memory limit (MEM_LIMIT, in bytes, as JupyterHub's spawners do), every Go
# program of this learner (each cell's program, the compiler, gopls)
# collects harder as it nears 3/4 of it, leaving the rest to the notebook
# server and the kernel, instead of being killed at the limit.
if [[ -z ${GOMEMLIMIT:-} && ${MEM_LIMIT:-} =~ ^[1-9][0-9]*$ ]]; then
	export GOMEMLIMIT=$((MEM_LIMIT / 4 * 3))
fi
exec "$@"
