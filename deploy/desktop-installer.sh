#!/usr/bin/env bash
# The operators' desktop as an installer, built with the JDK's own jpackage (JDK 17+): the desktop jar, its
# libraries and a Java runtime in one package, so an operator's PC needs neither Maven nor a JDK.
#   deploy/desktop-installer.sh            a Debian package (needs fakeroot and dpkg-deb: apt-get install fakeroot)
#                                          -> desktop/target/installer/frontline-desktop_<version>_amd64.deb
#   deploy/desktop-installer.sh --test     the same, then installs it with dpkg -i, runs the installed launcher
#                                          (--help, and the login window under Xvfb when it is there), removes it
# Windows (WiX 3 on the PATH) and macOS use the same jpackage line on their own machine (jpackage does not
# cross-build): see README "Desktop installer".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
test_it=0
[ "${1:-}" = "--test" ] && test_it=1

command -v jpackage >/dev/null || { echo "desktop-installer: jpackage (JDK 17+) is needed" >&2; exit 1; }
command -v fakeroot >/dev/null || { echo "desktop-installer: fakeroot is needed (apt-get install fakeroot)" >&2; exit 1; }

t0=$(date +%s)
if [ ! -f desktop/target/frontline-desktop.jar ] || [ -n "${REBUILD:-}" ]; then
  mvn -B -q ${MAVEN_OPTS_EXTRA:-} -DskipTests -Dmaven.test.skip.exec=true package -pl desktop -am
fi
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' pom.xml | head -1)
stage=desktop/target/jpackage-input
out=desktop/target/installer
rm -rf "$stage" "$out"
mkdir -p "$stage" "$out"
cp desktop/target/frontline-desktop.jar "$stage/"
cp -r desktop/target/lib "$stage/lib"

jpackage --type deb --name frontline-desktop --app-version "$version" \
  --vendor "Frontline" --description "Frontline call-centre desktop: operator desk, wallboard, test phone" \
  --input "$stage" --main-jar frontline-desktop.jar --main-class dev.frontline.desktop.Launcher \
  --linux-package-name frontline-desktop --linux-package-deps "libgtk-3-0" \
  --linux-shortcut --linux-menu-group "Office" --linux-app-category "net" \
  --dest "$out"
deb=$(ls "$out"/*.deb)
echo "desktop-installer: $deb ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - t0 )) s"

if [ "$test_it" = 1 ]; then
  # the menu entry goes to /usr/share/applications (there on every desktop; not in a bare container)
  mkdir -p /usr/share/applications /usr/share/desktop-directories
  # dpkg -i does not fetch dependencies (libgtk-3-0, and xdg-utils for the menu entry): apt-get -f brings them
  dpkg -i "$deb" || { apt-get install -y -f -q >/dev/null && dpkg -s frontline-desktop | grep -q "Status: install ok installed"; }
  launcher=/opt/frontline-desktop/bin/frontline-desktop
  "$launcher" --help | grep -q "usage: frontline desktop" && echo "desktop-installer: installed launcher answers --help"
  if command -v Xvfb >/dev/null; then
    Xvfb :93 -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
    sleep 1
    DISPLAY=:93 JAVA_TOOL_OPTIONS="-Dfrontline.exitAfterStartup=true" "$launcher" http://127.0.0.1:8080 2>&1 \
      | grep "login screen shown" || { kill $xvfb; echo "desktop-installer: no login window" >&2; exit 1; }
    kill $xvfb
  fi
  dpkg -r frontline-desktop
  echo "desktop-installer: installed, ran and removed $(basename "$deb")"
fi
