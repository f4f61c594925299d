#!/usr/bin/env bash
# Installs the Debian package in a minimal Debian 12 that boots its own systemd (systemd-nspawn), enables the unit
# with systemctl and checks what an admin would see (issue 23):
#   boot 1, the shipped config (no telephony backend enabled): the unit fails with the config's message in the
#          journal, exit status 2, and systemd does not restart it (RestartPreventExitStatus=2: it would fail again);
#   boot 2, sim.enabled: true: the unit runs as 'frontline' with the hardening of deploy/cluster/frontline.service,
#          /health answers "up", no restart, the database is not world-readable; `systemd-analyze security` scores it;
#   boot 3, a PostgreSQL store that cannot be reached: exit status 69 and systemd tries again every 2 s.
# Needs root, debootstrap, systemd-container and a Debian mirror (apt-get install debootstrap systemd-container).
# The boots have their own network (--private-network): /health is the container's own server, not a host's on 8080.
# Not part of `mvn verify`. The root file system is kept in $FL_ROOTFS (default /var/tmp/frontline-systemd-root) and
# reused by the next run.   mvn -B -pl server -am package -DskipTests && sudo deploy/debian/test-systemd.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
R="${FL_ROOTFS:-/var/tmp/frontline-systemd-root}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
nspawn() { systemd-nspawn -q --register=no --keep-unit -D "$R" "$@"; }

if [ ! -x "$R/usr/bin/java" ]; then
    debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,openjdk-17-jre-headless,curl,adduser,procps \
        bookworm "$R" "$mirror" >/dev/null
fi
deb="$("$here/deploy/debian/build-deb.sh")"
cp "$deb" "$R/root/frontline.deb"
install -d "$R/fl-check"
cat > "$R/etc/systemd/system/fl-check.service" <<'UNIT'
[Unit]
Description=Frontline check: wait for /health, record what systemd says, power off
After=frontline.service
Wants=frontline.service

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'for i in $(seq 1 60); do curl -fsS http://127.0.0.1:8080/health > /fl-check/health.txt 2>&1 && break; sleep 1; done; systemctl show frontline -p User,ActiveState,SubState,NRestarts,Result > /fl-check/show.txt; journalctl -b -u frontline --no-pager > /fl-check/journal.txt 2>&1; systemd-analyze security frontline --no-pager > /fl-check/security.txt 2>&1; ps -o user:16=,cmd= -C java > /fl-check/ps.txt; stat -c "%%a %%n" /var/lib/frontline/frontline.db > /fl-check/modes.txt 2>&1; systemctl poweroff'

[Install]
WantedBy=multi-user.target
UNIT
nspawn --pipe /bin/sh -c 'dpkg --purge frontline >/dev/null 2>&1 || true; rm -rf /var/lib/frontline;
    dpkg -i /root/frontline.deb >/dev/null && systemctl enable frontline fl-check 2>/dev/null && id frontline >/dev/null'
fail() { echo "FAILED: $*" >&2; exit 1; }
boot() { rm -f "$R"/fl-check/*; timeout 300 systemd-nspawn -q --register=no --keep-unit --private-network -D "$R" --boot --console=pipe \
    >/dev/null 2>&1 || true; }

boot
grep -q 'no telephony backend is enabled' "$R/fl-check/journal.txt" || fail "boot 1: the config's message is not in the journal"
grep -q '^User=frontline$' "$R/fl-check/show.txt" || fail "boot 1: not run as frontline"
grep -q '^NRestarts=0$' "$R/fl-check/show.txt" || fail "boot 1: a wrong setting was restarted: $(cat "$R/fl-check/show.txt")"
grep -q '^ActiveState=failed$' "$R/fl-check/show.txt" || fail "boot 1: $(cat "$R/fl-check/show.txt")"
echo "boot 1 (shipped config): $(grep -c 'no telephony backend' "$R/fl-check/journal.txt") starts refused with the config's message; $(tr '\n' ' ' < "$R/fl-check/show.txt")"

sed -i '/^sim:/,/^  enabled:/ s/^  enabled: false/  enabled: true /' "$R/etc/frontline/frontline.yaml"
boot
grep -q '"status":"up"' "$R/fl-check/health.txt" || fail "boot 2: /health: $(cat "$R/fl-check/health.txt")"
grep -q '^ActiveState=active$' "$R/fl-check/show.txt" || fail "boot 2: $(cat "$R/fl-check/show.txt")"
grep -q '^NRestarts=0$' "$R/fl-check/show.txt" || fail "boot 2: restarted: $(cat "$R/fl-check/show.txt")"
grep -q '^frontline ' "$R/fl-check/ps.txt" || fail "boot 2: java not run by frontline: $(cat "$R/fl-check/ps.txt")"
grep -q '^640 ' "$R/fl-check/modes.txt" || fail "boot 2: database mode: $(cat "$R/fl-check/modes.txt")"
echo "boot 2 (sim enabled): /health $(cat "$R/fl-check/health.txt"); $(tr '\n' ' ' < "$R/fl-check/show.txt"); database $(cat "$R/fl-check/modes.txt")"
echo "systemd-analyze security: $(grep 'Overall exposure' "$R/fl-check/security.txt")"

sed -i 's|^  url: jdbc:sqlite:/var/lib/frontline/frontline.db|  url: jdbc:postgresql://127.0.0.1:1/frontline|' "$R/etc/frontline/frontline.yaml"
boot
sed -i 's|^  url: jdbc:postgresql://127.0.0.1:1/frontline|  url: jdbc:sqlite:/var/lib/frontline/frontline.db|' "$R/etc/frontline/frontline.yaml"
grep -q 'status=69' "$R/fl-check/journal.txt" || fail "boot 3: no exit status 69 in the journal"
grep -q '^NRestarts=0$' "$R/fl-check/show.txt" && fail "boot 3: a store that cannot be reached was not retried: $(cat "$R/fl-check/show.txt")"
echo "boot 3 (PostgreSQL not reachable): $(grep -c 'status=69' "$R/fl-check/journal.txt") exits with status 69, retried; $(tr '\n' ' ' < "$R/fl-check/show.txt")"
echo "ok: installed with dpkg, enabled with systemctl, booted three times under systemd"
