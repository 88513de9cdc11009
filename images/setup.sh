#!/usr/bin/env bash
# Makes the image build and the container smoke test runnable; idempotent (does nothing when all is there).
#  - podman, buildah, skopeo, runc and friends, debootstrap (apt-get, as root; CI runs as root on a fresh Debian)
#  - a containers.conf these machines need (written to images/target/containers.conf; the build and the tests
#    point CONTAINERS_CONF at it): runc, because crun refuses hybrid cgroups, and explicit ulimits, because the
#    sandbox has no CAP_SYS_RESOURCE to raise them to podman's defaults
# Prints the containers.conf path on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(podman buildah skopeo runc conmon containernetworking-plugins slirp4netns fuse-overlayfs uidmap
    catatonit debootstrap)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if (( ${#missing[@]} )); then
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "setup.sh: missing ${missing[*]}; install them (Debian: sudo apt-get install -y ${missing[*]})" >&2
        exit 1
    fi
    echo "setup.sh: apt-get install -y ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
        apt-get update -q >/dev/null
        apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    fi
fi

conf="$here/target/containers.conf"
mkdir -p "$(dirname "$conf")"
cat > "$conf.tmp" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
mv "$conf.tmp" "$conf"
echo "$conf"
