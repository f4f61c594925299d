#!/usr/bin/env bash
# Builds the package and installs it with dpkg into a scratch root (unpack only: the postinst, which creates the
# 'frontline' user, is not run outside a real system), then runs the installed server's CLI. Exits non-zero on any
# miss.   deploy/debian/test-deb.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
deb="$("$here/deploy/debian/build-deb.sh")"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
install -d "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --unpack "$deb" >/dev/null
dpkg --root="$root" -s frontline | grep -q '^Version: ' || { echo "not unpacked" >&2; exit 1; }
for f in opt/frontline/frontline-server.jar usr/bin/frontline lib/systemd/system/frontline.service \
         usr/share/frontline/ivr-flows/support.yaml; do
    [ -e "$root/$f" ] || { echo "missing /$f" >&2; exit 1; }
done
# a conffile stays *.dpkg-new until the package is configured
[ -e "$root/etc/frontline/frontline.yaml.dpkg-new" ] || [ -e "$root/etc/frontline/frontline.yaml" ] \
    || { echo "missing /etc/frontline/frontline.yaml" >&2; exit 1; }
grep -q '^ExecStart=/usr/bin/frontline serve --config /etc/frontline/frontline.yaml$' "$root/lib/systemd/system/frontline.service"
grep -q '^Restart=always$' "$root/lib/systemd/system/frontline.service"
conf="$root/etc/frontline/frontline.yaml"; [ -e "$conf" ] || conf="$conf.dpkg-new"
grep -q '^  sounds-dir: /usr/share/frontline/sounds ' "$conf" || { echo "sounds-dir not the installed sounds" >&2; exit 1; }
cp="$root/opt/frontline/frontline-server.jar:$root/opt/frontline/lib/*"
java -cp "$cp" dev.frontline.server.Main --version | grep -q '^Frontline '
java -cp "$cp" dev.frontline.server.Main flows check "$root/usr/share/frontline/ivr-flows" | grep -q 'support.yaml: ok'
echo "ok: $deb unpacked by dpkg, unit and config in place, installed CLI runs and checks the shipped flows"
