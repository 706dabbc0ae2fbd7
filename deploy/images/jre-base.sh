#!/usr/bin/env bash
# The services' base image, made from Debian's own packages (no container registry, no daemon): a minimal
# Debian 12 with OpenJDK 17's headless runtime, CA certificates and a non-root user (65532, "leeway"), written as
# a docker-archive tarball that Jib builds each service's image on (./mvnw -Pimages package).
#
#   deploy/images/jre-base.sh <out.tar>      kept if it exists already; needs root (debootstrap, chroot)
#
# Set LEEWAY_DEBIAN_MIRROR to use another mirror.
set -euo pipefail

out="$1"
if [ -s "$out" ]; then
  echo "base image: $out exists" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "base image: debootstrap needs root (or build the images FROM a registry's JRE image: see README)" >&2
  exit 1
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null

mirror="${LEEWAY_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "base image: debootstrap bookworm with openjdk-17-jre-headless from $mirror ..." >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# A user without a shell or a login; the services run as it (the chart's runAsUser too).
echo "leeway:x:65532:65532:Leeway:/home/leeway:/usr/sbin/nologin" >> "$rootfs/etc/passwd"
echo "leeway:x:65532:" >> "$rootfs/etc/group"
mkdir -p "$rootfs/home/leeway"
chown 65532:65532 "$rootfs/home/leeway"
chmod 1777 "$rootfs/tmp"
# What a runtime image does not need: package caches and lists, documentation, manuals.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
  "$rootfs"/var/log/* "$rootfs"/dev/*

java_home="/usr/lib/jvm/java-17-openjdk-amd64"
[ -x "$rootfs$java_home/bin/java" ] || { echo "base image: no $java_home/bin/java in the rootfs" >&2; exit 1; }

tar --numeric-owner --sort=name --mtime='2000-01-01 00:00Z' -C "$rootfs" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "User":"65532"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created_by":"deploy/images/jre-base.sh: debootstrap bookworm, openjdk-17-jre-headless"}]}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["leeway/jre-base:17"],"Layers":["layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1))" >&2
