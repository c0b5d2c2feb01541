#!/usr/bin/env bash
# setup.sh prepares this checkout for the notebooks. `make lab`, Binder
# (binder/postBuild) and CI (.ci/run) all call it, so a learner's machine, a
# Binder image and CI are set up the same way.
#
#   scripts/setup.sh              install what is missing, register the kernel, warm the cache
#   scripts/setup.sh kernel [F]   only (re)write the kernel spec, adding GoNB flags F
#   scripts/setup.sh trust        only mark the notebooks as trusted (scripts/lab.sh)
#   scripts/setup.sh uninstall    remove the "introdl" kernel spec
#
# What "install what is missing" means, in order:
#   1. Jupyter (notebook, nbclient): Debian packages via apt-get (as root, or
#      through sudo); else pipx or pip; else one line saying what to install.
#   2. GoNB, goimports and gopls at the versions pinned in tools/go.mod, built
#      into .bin/ of this checkout (never @latest, never into your GOPATH/bin).
#   3. The Jupyter kernel "introdl" ("Go (introdl)"): GoNB with -go_work set
#      to this checkout, so `import "github.com/introdl/introdl/dl"` works in
#      every notebook. It lives in $JUPYTER_DATA_DIR/kernels/introdl
#      (default ~/.local/share/jupyter) and never touches a "gonb" kernel.
#   4. The Go build cache: every package a notebook cell can link is compiled
#      once now, so the first cell takes about a second instead of a minute.
#   5. Trust for the committed notebooks, so Jupyter shows their saved figures.
#
# Running it again is fast and changes nothing that is already right.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bin=$repo/.bin
data=${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}
kernel_dir=$data/kernels/introdl

# Packages a notebook needs: the classic notebook server, nbclient/nbformat
# for the notebook tests and the author command.
debian_packages=(jupyter-notebook jupyter-nbconvert python3-nbconvert python3-nbclient jupyter-client)

# Flags for the `go build` GoNB runs for every cell. Notebook programs are
# never debugged, so the linker drops the DWARF tables (-w), which makes
# every cell's link step shorter. Stack traces keep file and line numbers.
kernel_goflags="${GOFLAGS:+$GOFLAGS }-ldflags=-w"

# GoNB runs `go get` before every cell. Through the module proxy, that asks
# for the version list of every dependency: 162 requests and 0.5-0.8 s per
# figure cell here, and an error without a network. So the kernel's GOPROXY
# puts the local module cache first (its download folder is a valid proxy on
# disk). It answers for every module this repository uses, which the warm-up
# below downloads: 0.02 s, no network. Other modules still come from the
# usual proxy. Set INTRODL_KERNEL_GOPROXY to override (computed in
# write_kernel, where Go is known to be installed).
kernel_goproxy=${INTRODL_KERNEL_GOPROXY:-}

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# jupyter_python prints the first Python that can run the notebook server and
# nbclient: Debian's /usr/bin/python3 first (the python3 on PATH may be a
# pyenv or venv interpreter without Jupyter), then pipx's venv (where old and
# new pipx versions put it), then python3.
jupyter_python() {
	local py
	for py in /usr/bin/python3 \
		"${PIPX_HOME:-$HOME/.local/share/pipx}/venvs/notebook/bin/python" \
		"$HOME/.local/pipx/venvs/notebook/bin/python" \
		"$(command -v python3 || true)"; do
		if [[ -x $py ]] && "$py" -c 'import notebook, nbclient, nbformat, jupyter_client' 2>/dev/null; then
			echo "$py"
			return 0
		fi
	done
	return 1
}

install_jupyter() {
	if jupyter_python >/dev/null; then
		return 0
	fi
	local sudo=none
	if [[ $(id -u) == 0 ]]; then
		sudo=
	elif command -v sudo >/dev/null; then
		sudo=sudo
	fi
	if command -v apt-get >/dev/null && [[ $sudo != none ]]; then
		say "installing Jupyter from Debian packages: ${debian_packages[*]}"
		$sudo apt-get update -qq
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debian_packages[@]}" >/dev/null
	elif command -v pipx >/dev/null; then
		say "installing Jupyter with pipx (notebook, nbclient)"
		pipx install notebook
		pipx inject notebook nbclient
	elif command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
		say "installing Jupyter with pip --user (notebook, nbclient)"
		python3 -m pip install --user notebook nbclient
	fi
	jupyter_python >/dev/null ||
		die "Jupyter is missing: install the Debian/Ubuntu packages '${debian_packages[*]}' (or 'pip install notebook nbclient'), then run this again."
}

# install_tools builds the pinned GoNB, goimports and gopls into .bin/. A stamp
# of tools/go.mod, tools/go.sum and the Go version skips the work when nothing
# changed, so a second run does not even relink.
install_tools() {
	local stamp want
	stamp=$bin/.stamp
	want=$(cat "$repo/tools/go.mod" "$repo/tools/go.sum"; go env GOVERSION)
	want=$(printf '%s' "$want" | cksum)
	if [[ -x $bin/gonb && -x $bin/goimports && -x $bin/gopls && -f $stamp && $(cat "$stamp") == "$want" ]]; then
		return 0
	fi
	say "building GoNB, goimports and gopls (pinned in tools/go.mod) into .bin/ (about 2 minutes the first time)"
	mkdir -p "$bin"
	(cd "$repo/tools" && GOBIN=$bin go install github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports golang.org/x/tools/gopls)
	printf '%s\n' "$want" >"$stamp"
}

# json_string prints $1 as a JSON string literal.
json_string() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	printf '"%s"' "$s"
}

# write_kernel writes $kernel_dir/kernel.json for this checkout; extra
# arguments are appended to GoNB's command line. The file is only replaced
# when its content changes.
write_kernel() {
	[[ -x $bin/gonb ]] || die "GoNB is not built yet: run scripts/setup.sh (or make setup) first."
	local goroot_bin path argv arg tmp goproxy
	goroot_bin=$(go env GOROOT)/bin
	goproxy=${kernel_goproxy:-file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)}
	# The kernel finds goimports, gopls and go through PATH.
	path=$bin:$PATH
	[[ :$PATH: == *:$goroot_bin:* ]] || path=$bin:$goroot_bin:$PATH
	argv="$(json_string "$bin/gonb"), \"--kernel\", \"{connection_file}\", $(json_string "--go_work=$repo")"
	for arg in "$@"; do
		argv+=", $(json_string "$arg")"
	done
	mkdir -p "$kernel_dir"
	tmp=$(mktemp "$kernel_dir/.kernel.json.XXXXXX")
	cat >"$tmp" <<EOF
{
 "argv": [$argv],
 "display_name": "Go (introdl)",
 "language": "go",
 "interrupt_mode": "message",
 "env": {
  "PATH": $(json_string "$path"),
  "GOFLAGS": $(json_string "$kernel_goflags"),
  "GOPROXY": $(json_string "$goproxy")
 }
}
EOF
	if cmp -s "$tmp" "$kernel_dir/kernel.json"; then
		rm -f "$tmp"
	else
		mv "$tmp" "$kernel_dir/kernel.json"
		chmod 644 "$kernel_dir/kernel.json"
		say "kernel \"Go (introdl)\" registered in $kernel_dir"
	fi
}

# warm_cache compiles what a notebook cell links, the way GoNB builds a cell:
# a throwaway module in a go.work that also uses this checkout, with the
# kernel's GOFLAGS. Every library package of the repository plus gonbui is
# imported, so the cell's own build only compiles and links its main package.
warm_cache() {
	local tmp pkgs p
	say "warming the Go build cache"
	(cd "$repo" && go mod download && go build ./...) || say "warning: 'go build ./...' failed; notebooks importing the broken packages will fail too"
	pkgs=$(cd "$repo" && go list -e -f '{{if and .GoFiles (ne .Name "main") (not .Incomplete)}}{{.ImportPath}}{{end}}' ./... | grep -v '/internal/' || true)
	tmp=$(mktemp -d)
	{
		echo "package main"
		echo
		echo "import ("
		for p in $pkgs github.com/janpfeifer/gonb/gonbui fmt math; do
			echo "	_ \"$p\""
		done
		echo ")"
		echo
		echo "func main() {}"
	} >"$tmp/main.go"
	(
		cd "$tmp"
		go mod init gonb_warm >/dev/null 2>&1
		go work init . "$repo" >/dev/null 2>&1
		GOFLAGS=$kernel_goflags go build -o "$tmp/warm" .
	) || say "warning: could not build the warm-up program"
	rm -rf "$tmp"
}

# trust_notebooks signs the committed notebooks in this user's Jupyter trust
# database. The classic notebook hides image/svg+xml outputs of a notebook it
# does not trust (SVG may carry scripts), so without this every saved figure
# would be blank until the learner re-ran the cells. The notebooks come from
# the repository whose code the learner is about to run anyway. Signing
# writes only the trust database, never the notebook files.
trust_notebooks() {
	local py
	py=$(jupyter_python) || return 0
	"$py" - "$repo"/notebooks/*.ipynb <<'PY' || say "warning: could not mark the notebooks as trusted"
import sys
import nbformat
from nbformat.sign import NotebookNotary

notary = NotebookNotary()
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    if not notary.check_signature(nb):
        notary.sign(nb)
PY
}

case ${1:-all} in
all)
	command -v go >/dev/null || die "Go is missing: install Go 1.24 or newer (https://go.dev/doc/install), then run this again."
	# An older Go either fetches the toolchain go.mod asks for (the default,
	# GOTOOLCHAIN=auto) or, where that is switched off, stops here.
	out=$(cd "$repo" && go list -m 2>&1) ||
		die "Go $(go env GOVERSION) cannot build this repository ($out): install Go 1.24 or newer (https://go.dev/doc/install)."
	install_jupyter
	install_tools
	write_kernel
	warm_cache
	trust_notebooks
	say "done: Jupyter ($(jupyter_python)), GoNB in .bin/, kernel \"Go (introdl)\" in $kernel_dir"
	;;
kernel)
	shift
	write_kernel "$@"
	;;
trust)
	trust_notebooks
	;;
python)
	# For scripts/lab.sh and the notebook tests: which Python runs Jupyter.
	jupyter_python
	;;
uninstall)
	if [[ -d $kernel_dir ]]; then
		rm -rf "$kernel_dir"
		say "removed kernel \"Go (introdl)\" from $kernel_dir"
	else
		say "no introdl kernel in $kernel_dir"
	fi
	;;
*)
	die "usage: scripts/setup.sh [kernel [gonb flags...] | trust | python | uninstall]"
	;;
esac
