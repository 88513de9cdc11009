#!/usr/bin/env bash
# Builds the services' base image from Debian's packages, for machines that cannot pull a public JRE image:
# Debian 12 (minbase) with openjdk-17-jre-headless and its security updates, a user and group 185 ("app"),
# nothing else. Written as a docker-archive tar (what Jib reads as a tar:// base) to
#   ${CHAT_PRIVACY_CACHE:-~/.cache/chat-privacy}/base-<hash of this script>.tar
# and linked to the path given as $1. A rerun with the same recipe (this file) only links (about 0 s);
# changing this file builds a new base. Needs root, debootstrap and buildah: images/setup.sh installs them.
#
#   base.sh OUTPUT.tar [BASE]    BASE: the image the build uses (-Dimages.base); anything but tar://OUTPUT.tar
#                                (a public image, say) means there is nothing to build
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: base.sh OUTPUT.tar [BASE]}"
if [[ -n "${2:-}" && "$2" != "tar://$out" ]]; then
    echo "base.sh: base image $2, nothing to build" >&2
    exit 0
fi

hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
cache="${CHAT_PRIVACY_CACHE:-$HOME/.cache/chat-privacy}"
tar="$cache/base-$hash.tar"
mkdir -p "$cache" "$(dirname "$out")"

if [[ ! -s "$tar" ]]; then
    export CONTAINERS_CONF
    CONTAINERS_CONF=$(bash "$here/setup.sh" | tail -1)
    start=$(date +%s)
    # the Debian mirror apt uses on this machine (deb822 or one-line sources)
    mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | head -1 || true)
    [[ -n "$mirror" ]] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v -- '-security' | head -1 || true)
    [[ -n "$mirror" ]] || mirror="http://deb.debian.org/debian"
    work=$(mktemp -d "${TMPDIR:-/tmp}/chat-privacy-base.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    rootfs="$work/rootfs"
    echo "base.sh: debootstrap bookworm from $mirror" >&2
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates-java bookworm "$rootfs" "$mirror" \
        > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
    # security updates (the JRE gets them there)
    cat > "$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
    # (the JRE's post-install runs java, which needs /proc)
    mount -t proc proc "$rootfs/proc"
    trap 'umount "$rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
    chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c 'apt-get update -q && apt-get upgrade -y -q --no-install-recommends && apt-get clean' \
        > "$work/upgrade.log" 2>&1 || { tail -30 "$work/upgrade.log" >&2; exit 1; }
    umount "$rootfs/proc"
    # the non-root user the services run as (numeric in the manifests; named here for tools that look it up)
    echo 'app:x:185:' >> "$rootfs/etc/group"
    echo 'app:x:185:185:app:/deployments:/usr/sbin/nologin' >> "$rootfs/etc/passwd"
    echo 'app:!:19000::::::' >> "$rootfs/etc/shadow"
    mkdir -p "$rootfs/deployments"
    chown 185:185 "$rootfs/deployments"
    # what a JRE at run time never needs
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
        "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
        "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/root/.cache
    find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
    chmod 1777 "$rootfs/tmp"

    # names of this run's own: two builds may make the same base at once (the last one's file wins)
    name="localhost/chat-privacy/jre17-base:$hash-$$"
    ctr=$(buildah from scratch)
    buildah copy --quiet "$ctr" "$rootfs" / >/dev/null
    buildah config --user 185:185 --workingdir /deployments \
        --env JAVA_HOME="/usr/lib/jvm/java-17-openjdk-$(chroot "$rootfs" dpkg --print-architecture)" --env LANG=C.UTF-8 \
        --label org.opencontainers.image.description="Debian 12 minbase with openjdk-17-jre-headless (chat-privacy base)" \
        "$ctr"
    buildah commit --quiet --squash --rm "$ctr" "$name" >/dev/null
    podman save --quiet --format docker-archive -o "$work/base.tar" "$name"
    podman rmi --force "$name" >/dev/null 2>&1 || true
    mv "$work/base.tar" "$tar.$$.tmp"
    mv "$tar.$$.tmp" "$tar"
    echo "base.sh: built $tar ($(du -m "$tar" | cut -f1) MB) in $(( $(date +%s) - start )) s" >&2
fi
ln -sfn "$tar" "$out"
echo "$out"
