#!/usr/bin/env bash
# Installs (once, cached in .cache/armhf) the Raspberry Pi's own Node: Debian bookworm's
# nodejs:armhf (Node 18, 32-bit ARM) run under qemu-user-static, and prints the command prefix
# that runs it, e.g.
#   env QEMU_LD_PREFIX=... LD_LIBRARY_PATH=... /usr/bin/qemu-arm-static .../usr/bin/node
# Usage:
#   scripts/armhf-node.sh            # install if needed, print the prefix on stdout
#   $(scripts/armhf-node.sh) -p "process.version+' '+process.arch"   # -> v18.20.4 arm
# Progress goes to stderr, so only the prefix is on stdout. Needs root (apt-get, dpkg) the
# first time; later calls only check the cache. Set ARMHF_CACHE to move the cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ARMHF_CACHE:-$here/.cache/armhf}"
root="$cache/root"
debs="$cache/debs"
stamp="$root/.complete"

# Debian package names, one by one (one apt-get download with the recursive list fails on
# virtual names such as <node-acorn:armhf>).
arch_pkgs=(nodejs libnode108 libc6 libstdc++6 libgcc-s1 gcc-12-base libuv1 libicu72 libssl3
	libc-ares2 libnghttp2-14 libbrotli1 zlib1g libzstd1 liblzma5 libbz2-1.0 libacl1 libmd0
	libpcre2-8-0 libselinux1)
all_pkgs=(node-acorn node-cjs-module-lexer node-undici node-busboy node-xtend)

log() { printf 'armhf-node: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root for: $*"; fi
}

apt_updated=0
apt_update() {
	[ "$apt_updated" = 1 ] && return 0
	log "apt-get update"
	# An index that could not be fetched is reported but harmless: don't stop on it.
	as_root apt-get update -qq >&2 || log "apt-get update reported a problem (continuing)"
	apt_updated=1
}

qemu="$(command -v qemu-arm-static || true)"
if [ -z "$qemu" ]; then
	apt_update
	log "installing qemu-user-static"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static >&2 ||
		die "apt-get install qemu-user-static failed"
	qemu="$(command -v qemu-arm-static || true)"
	[ -n "$qemu" ] || die "qemu-arm-static not found after installing qemu-user-static"
fi

if [ ! -f "$stamp" ]; then
	if ! dpkg --print-foreign-architectures | grep -qx armhf; then
		log "dpkg --add-architecture armhf"
		as_root dpkg --add-architecture armhf
		apt_updated=0
	fi
	# The armhf indexes may be missing even when the architecture was added before.
	if [ "$apt_updated" = 0 ] && ! apt-cache show nodejs:armhf >/dev/null 2>&1; then
		apt_update
	fi
	mkdir -p "$debs"
	for p in "${arch_pkgs[@]/%/:armhf}" "${all_pkgs[@]}"; do
		name="${p%:armhf}"
		if compgen -G "$debs/${name}_*.deb" >/dev/null; then continue; fi
		log "apt-get download $p"
		(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "$p" >&2) || {
			apt_update
			(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "$p" >&2) || die "apt-get download $p failed"
		}
	done
	rm -rf "$root.tmp"
	mkdir -p "$root.tmp"
	for deb in "$debs"/*.deb; do
		dpkg -x "$deb" "$root.tmp"
	done
	rm -rf "$root"
	mv "$root.tmp" "$root"
	[ -x "$root/usr/bin/node" ] || die "no usr/bin/node in the unpacked packages"
	date -u +%FT%TZ >"$stamp"
	log "unpacked into $root"
fi

libs="$root/usr/lib/arm-linux-gnueabihf:$root/lib/arm-linux-gnueabihf"
prefix="env QEMU_LD_PREFIX=$root LD_LIBRARY_PATH=$libs $qemu $root/usr/bin/node"

if [ "${ARMHF_NODE_CHECK:-1}" = 1 ]; then
	got="$($prefix -p "process.version+' '+process.arch" 2>&1)" ||
		die "the armhf node does not run under $qemu: $got"
	case "$got" in
	"v18."*" arm") log "runs: $got" ;;
	*) die "unexpected answer from the armhf node: $got" ;;
	esac
fi
printf '%s\n' "$prefix"
