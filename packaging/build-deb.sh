#!/usr/bin/env bash
# Builds the dumpdist Debian package from a self-contained linux-x64 publish:
#   packaging/build-deb.sh [--out DIR] [--publish-dir DIR] [--compression xz|gzip|none] [--ready-to-run]
# --publish-dir reuses an existing `dotnet publish -r linux-x64 --self-contained` output instead
# of publishing again (the publish is the slow part). The package version comes from the built
# binary (`dumpdist --version`, e.g. 0.1.0+48ece90...), as 0.1.0+g48ece90.
# Prints the path of the .deb as its last line.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/artifacts/deb"
publish=""
compression=xz
r2r=()

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --publish-dir) publish=$2; shift 2 ;;
    --compression) compression=$2; shift 2 ;;
    --ready-to-run) r2r=(-p:PublishReadyToRun=true); shift ;;
    *) echo "build-deb.sh: unknown argument '$1'" >&2
       echo "usage: packaging/build-deb.sh [--out DIR] [--publish-dir DIR] [--compression xz|gzip|none] [--ready-to-run]" >&2
       exit 2 ;;
  esac
done
case "$compression" in xz|gzip|none) ;; *) echo "build-deb.sh: --compression must be xz, gzip or none" >&2; exit 2 ;; esac
command -v dpkg-deb >/dev/null || { echo "build-deb.sh: dpkg-deb not found (Debian package dpkg)" >&2; exit 2; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ -z "$publish" ]; then
  publish="$out/publish"
  # No extra -p: properties: they would flow to the referenced libraries and rebuild them in place.
  rm -rf "$publish"
  echo "build-deb.sh: dotnet publish (self-contained, linux-x64) -> $publish" >&2
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish "$repo/src/DumpDist.Cli/DumpDist.Cli.csproj" \
    -c Release -r linux-x64 --self-contained -o "$publish" -nologo -v quiet "${r2r[@]}" >&2
fi
[ -x "$publish/dumpdist" ] || { echo "build-deb.sh: $publish/dumpdist is missing; not a self-contained publish" >&2; exit 2; }

built=$("$publish/dumpdist" --version)
base=${built%%+*}
commit=${built#*+}
version=$base
if [ "$commit" != "$built" ] && [ -n "$commit" ]; then version="$base+g${commit:0:7}"; fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/dumpdist"
install -d "$pkg/DEBIAN" "$pkg/usr/lib/dumpdist" "$pkg/usr/bin" "$pkg/lib/systemd/system" \
  "$pkg/etc/dumpdist" "$pkg/usr/share/doc/dumpdist/examples"
# Debug symbols and XML docs stay out of the package.
cp -a "$publish/." "$pkg/usr/lib/dumpdist/"
find "$pkg/usr/lib/dumpdist" \( -name '*.pdb' -o -name '*.xml' \) -delete
ln -s ../lib/dumpdist/dumpdist "$pkg/usr/bin/dumpdist"
install -m 0644 "$repo/packaging/systemd/dumpdist-node@.service" "$repo/packaging/systemd/dumpdist-client.service" "$pkg/lib/systemd/system/"
install -m 0644 "$repo/docs/cluster.example.yaml" "$pkg/etc/dumpdist/cluster.yaml"
install -m 0644 "$repo/packaging/etc/client.yaml" "$pkg/etc/dumpdist/client.yaml"
install -m 0644 "$repo/packaging/systemd/unprivileged.conf" "$pkg/usr/share/doc/dumpdist/examples/"
install -m 0644 "$repo/docs/packaging.md" "$repo/docs/configuration.md" "$repo/docs/node.md" "$repo/docs/nfs.md" "$pkg/usr/share/doc/dumpdist/"
install -m 0755 "$repo/packaging/debian/postinst" "$repo/packaging/debian/prerm" "$repo/packaging/debian/postrm" "$pkg/DEBIAN/"
printf '/etc/dumpdist/cluster.yaml\n/etc/dumpdist/client.yaml\n' > "$pkg/DEBIAN/conffiles"
size=$(du -sk "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: dumpdist
Version: $version
Architecture: amd64
Maintainer: dumpdist maintainers <dumpdist@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.31), libgcc-s1, libstdc++6, libssl3 | libssl3t64, ca-certificates, passwd
Recommends: rsync
Suggests: nfs-ganesha, nfs-ganesha-vfs, haproxy
Section: net
Priority: optional
Homepage: https://dumps.wikimedia.org/
Description: serve large public dataset dumps over HTTP, rsync and NFS
 dumpdist keeps independent copies of a dump tree on serving hosts (verified
 rsync pulls), serves them over HTTP with per-client limits, to mirrors over
 rsync and to NFS clients through nfs-ganesha, with failover between hosts.
 Self-contained .NET build: no .NET runtime needed.
CONTROL

deb="$out/dumpdist_${version}_amd64.deb"
level=()
[ "$compression" = gzip ] && level=(-z1)
dpkg-deb --root-owner-group -Z"$compression" "${level[@]}" --build "$pkg" "$deb" >&2
echo "$deb"
