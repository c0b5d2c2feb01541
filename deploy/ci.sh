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
# introdl:ci), LEARNERS (default 2), SKIP_HUB=1 to stop after step 4.
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
for p in podman buildah runc debootstrap jupyterhub node-configurable-http-proxy; do
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
		$sudo tar -C "$root" -c . | "${podman[@]}" import - "$BASE_IMAGE" >/dev/null
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
if command -v go >/dev/null; then
	build_args+=(--build-arg "GOPROXY=$(go env GOPROXY)" --build-arg "GO_VERSION=$(go env GOVERSION | sed 's/^go//')")
fi
"${podman[@]}" build -q -f "$ctx/deploy/Containerfile" "${build_args[@]}" -t "$IMAGE" "$ctx"
"${podman[@]}" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$IMAGE"
