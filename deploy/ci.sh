#!/usr/bin/env bash
# ci.sh builds the course image and tests it the way a class would use it:
#
#   1. podman, buildah, runc and debootstrap from Debian's packages, with the
#      two containers.conf settings these machines need (see below);
#   2. a Debian base image from debootstrap, imported with `podman import`
#      (where a registry is reachable, set BASE_IMAGE=debian:bookworm instead);
#   3. the image (deploy/Containerfile);
#   4. the notebook tests inside the image, as uid 1000, with no network;
#   5. the local hub (deploy/hub) and the load test with a few learners.
#
# Run it as root (or through sudo) from anywhere in the checkout. Heavy steps
# run under `nice -n 19`. Environment: BASE_IMAGE, IMAGE (default
# introdl:ci), GOPLS=no (an image without gopls, see the Containerfile),
# LEARNERS (default 2), LESSON (default notebooks/01-activations.ipynb),
# SKIP_HUB=1 to stop after step 4.
set -euo pipefail
deploy=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(dirname "$deploy")
IMAGE=${IMAGE:-introdl:ci}
LEARNERS=${LEARNERS:-2}
start=$SECONDS
say() { printf '== %s (%d s)\n' "$*" $((SECONDS - start)); }
sudo=
[[ $(id -u) == 0 ]] || sudo=sudo

# 1. Tools. crun (podman's default runtime) refuses the hybrid cgroup layout
# of these machines, so runc; podman's default ulimits ask for more open
# files than the machine allows.
need=()
for p in podman buildah runc debootstrap jupyterhub node-configurable-http-proxy curl iproute2; do
	dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
	say "installing ${need[*]}"
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! grep -qs '^runtime = "runc"' /etc/containers/containers.conf; then
	$sudo mkdir -p /etc/containers
	$sudo tee -a /etc/containers/containers.conf >/dev/null <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
fi
podman=($sudo nice -n 19 podman)

# 2. Base image.
if [[ -z ${BASE_IMAGE:-} ]]; then
	BASE_IMAGE=localhost/debian-bookworm-base
	if ! "${podman[@]}" image exists "$BASE_IMAGE"; then
		say "debootstrap base $BASE_IMAGE"
		mirror=${DEBIAN_MIRROR:-$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)}
		[[ -n $mirror ]] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list)
		root=$(mktemp -d)
		$sudo nice -n 19 debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
		# apt's downloads and lists, docs and translations: 120 of the base's
		# 206 MB, and a layer keeps them even when the image deletes them later.
		$sudo rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
			"$root"/usr/share/locale/* "$root"/usr/share/man/* "$root"/usr/share/info/*
		$sudo tar -C "$root" -c . | "${podman[@]}" import -q - "$BASE_IMAGE" >/dev/null
		$sudo rm -rf "$root"
	fi
fi

# 3. The image, from the files git tracks (not .bin/, .git or a learner's
# scratch files). The host's CA bundle is mounted for the build only: HTTPS
# may go through an intercepting proxy whose CA only the host trusts.
say "building $IMAGE from $BASE_IMAGE"
ctx=$(mktemp -d)
trap '$sudo rm -rf "$ctx"' EXIT
(cd "$repo" && git ls-files -z | tar --null --ignore-failed-read -T - -c 2>/dev/null) | tar -C "$ctx" -x
rm -rf "$ctx/deploy" && cp -r "$deploy" "$ctx/deploy" # also before deploy/ is committed
ca=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}
# The host network: the bridge needs iptables, which these machines lack.
build_args=(--network host --build-arg "BASE_IMAGE=$BASE_IMAGE")
if [[ -f $ca ]]; then
	build_args+=(-v "$ca:/run/build-ca.crt:ro" --build-arg SSL_CERT_FILE=/run/build-ca.crt)
fi
[[ -z ${GOPLS:-} ]] || build_args+=(--build-arg "GOPLS=$GOPLS")
if command -v go >/dev/null; then
	build_args+=(--build-arg "GOPROXY=$(go env GOPROXY)" --build-arg "GO_VERSION=$(go env GOVERSION | sed 's/^go//')")
fi
"${podman[@]}" build -q -f "$ctx/deploy/Containerfile" "${build_args[@]}" -t "$IMAGE" "$ctx"
"${podman[@]}" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$IMAGE"

# 4. The notebook tests inside the image, as the learner (uid 1000) with an
# empty home folder mounted the way a hub mounts the learner's storage, and
# no network: every cell's `go get` must be answered from the module cache.
say "notebook tests in $IMAGE (uid 1000, --network none)"
home=$(mktemp -d)
$sudo chown 1000:1000 "$home"
"${podman[@]}" run --rm --network none --user 1000 -e CI=true -v "$home:/home/jovyan" \
	"$IMAGE" bash -c 'cd /opt/introdl && go test -count=1 ./notebooks/ && ls ~/notebooks | wc -l | xargs echo "lessons copied into the home folder:"'
$sudo rm -rf "$home"

# 5. The local hub with a few learners: log in, start servers, run a lesson,
# restart every server and check a saved notebook survived it.
if [[ ${SKIP_HUB:-} != 1 ]]; then
	say "local hub and load test with $LEARNERS learners"
	state=$(mktemp -d)
	trap '$sudo bash "$deploy/hub/run.sh" stop "$state" || true; $sudo rm -rf "$ctx" "$state"' EXIT
	$sudo env INTRODL_HUB_IMAGE="$IMAGE" INTRODL_HUB_USERS="$LEARNERS" bash "$deploy/hub/run.sh" start "$state"
	(cd "$repo" && $sudo nice -n 19 env "PATH=$PATH" go run ./deploy/loadtest -learners "$LEARNERS" \
		-lesson "${LESSON:-notebooks/01-activations.ipynb}" -password-file "$state/password" -podman)

	# The hub, its proxy and every learner's server (still running after the
	# load test restarted them) listen on 127.0.0.1 only; the kernels use
	# Unix sockets. And without logging in, nothing of a learner's is served.
	wide=()
	while read -r addr pids; do
		for pid in $(grep -o 'pid=[0-9]*' <<<"$pids" | cut -d= -f2); do
			cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
			[[ $cmd != *jupyter* && $cmd != *configurable-http-proxy* ]] || wide+=("$addr: $cmd")
		done
	done < <($sudo ss -Hltnp | awk '$4 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\]):[0-9]+$/ {print $4, $NF}')
	if ((${#wide[@]})); then
		printf 'ci.sh: listening beyond 127.0.0.1: %s\n' "${wide[@]}" >&2
		exit 1
	fi
	servers=$($sudo ss -Hltnp | grep -c jupyterhub-sing || true)
	for u in "user/learner1/api/contents/notebooks" "hub/api/users"; do
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8000/$u")
		if [[ $code != 403 && $code != 302 ]]; then
			echo "ci.sh: /$u answered $code without logging in (want 403 or a redirect to the login)" >&2
			exit 1
		fi
	done
	say "hub, proxy and $servers learners' servers listen on 127.0.0.1 only; no login, no access"
fi
say "deploy CI passed"
