#!/usr/bin/env bash
# Builds deploy/debian/target/frontline_<version>_all.deb from the server's jar and libraries (issue 23):
#   mvn -B -pl server -am package -DskipTests && deploy/debian/build-deb.sh
# Installs /opt/frontline (jar + lib/), /usr/bin/frontline, the systemd unit (deploy/cluster/frontline.service) and
# /etc/frontline/frontline.yaml (a conffile: an upgrade keeps the operator's edits); creates the 'frontline' system user.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="${VERSION:-0.1.0}"
jar="$here/server/target/frontline-server.jar"
[ -f "$jar" ] || { echo "build-deb: no $jar; run: mvn -B -pl server -am package -DskipTests" >&2; exit 2; }
root="$here/deploy/debian/target/root"
rm -rf "$here/deploy/debian/target"
install -d "$root/DEBIAN" "$root/opt/frontline/lib" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/frontline" \
    "$root/usr/share/frontline"
install -m 644 "$jar" "$root/opt/frontline/frontline-server.jar"
install -m 644 "$here"/server/target/lib/*.jar "$root/opt/frontline/lib/"
cp -r "$here/ivr-flows" "$root/usr/share/frontline/ivr-flows"
cp -r "$here/sounds" "$root/usr/share/frontline/sounds"
install -m 644 "$here/deploy/cluster/frontline.service" "$root/lib/systemd/system/frontline.service"
sed -e 's|^  dir: ivr-flows |  dir: /usr/share/frontline/ivr-flows |' \
    -e 's|jdbc:sqlite:data/frontline.db|jdbc:sqlite:/var/lib/frontline/frontline.db|' \
    -e 's|^  sounds-dir: sounds |  sounds-dir: /usr/share/frontline/sounds |' \
    "$here/frontline.yaml" > "$root/etc/frontline/frontline.yaml"
cat > "$root/usr/bin/frontline" <<'SH'
#!/bin/sh
exec java ${FRONTLINE_JAVA_OPTS:--Xmx1g} -cp "/opt/frontline/frontline-server.jar:/opt/frontline/lib/*" dev.frontline.server.Main "$@"
SH
chmod 755 "$root/usr/bin/frontline"
sed -i 's|^ExecStart=.*|ExecStart=/usr/bin/frontline serve --config /etc/frontline/frontline.yaml|; /^    dev.frontline.server.Main serve/d' \
    "$root/lib/systemd/system/frontline.service"
echo "/etc/frontline/frontline.yaml" > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/control" <<CTL
Package: frontline
Version: $version
Section: comm
Priority: optional
Architecture: all
Depends: openjdk-17-jre-headless | java17-runtime-headless
Maintainer: Frontline <frontline@example.org>
Description: IVR and call-centre server (Asterisk, Twilio)
 Voice menus, priority queues and operator desktops; one server on SQLite, or a leader and a standby on PostgreSQL.
CTL
cat > "$root/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    getent passwd frontline >/dev/null || useradd --system --home-dir /var/lib/frontline --shell /usr/sbin/nologin frontline
    install -d -o frontline -g frontline -m 750 /var/lib/frontline
    if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
SH
chmod 755 "$root/DEBIAN/postinst"
out="$here/deploy/debian/target/frontline_${version}_all.deb"
fakeroot dpkg-deb --build --root-owner-group "$root" "$out" >/dev/null
echo "$out"
