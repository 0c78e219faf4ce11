#!/usr/bin/env bash
# Builds the .deb users install and checks it as a user would get it: its size (goal ≤ 15 MB),
# its control fields (Recommends: the hunspell dictionaries and a keychain; Depends: libdbus), its files (the app, the `qalam` CLI
# on PATH, the desktop entry, icons), then runs `qalam --version` and starts the app from it.
# In CI (CI=true, as root) the package is installed with dpkg -i and removed afterwards; on a
# developer's machine it is unpacked into a temporary folder instead, leaving the system alone.
set -euo pipefail
cd "$(dirname "$0")/../.."

ui/node_modules/.bin/tauri build --bundles deb --ci
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
size=$(stat -c %s "$deb")
awk -v d="$deb" -v s="$size" 'BEGIN { printf "deb: %s, %d bytes (%.1f MiB)\n", d, s, s / 1048576 }'
limit=$((15 * 1000 * 1000))
if [ "$size" -gt "$limit" ]; then
  echo "the .deb is larger than 15 MB" >&2
  exit 1
fi

fail() { echo "deb check: $*" >&2; exit 1; }
control=$(dpkg-deb --field "$deb")
package=$(dpkg-deb --field "$deb" Package)
grep -q '^Recommends:.*hunspell-ar' <<<"$control" || fail "no Recommends: hunspell-ar"
grep -q '^Recommends:.*hunspell-en-us' <<<"$control" || fail "no Recommends: hunspell-en-us"
# The private key goes to the Secret Service through libdbus.
grep -q '^Depends:.*libdbus-1-3' <<<"$control" || fail "no Depends: libdbus-1-3"
# The desk is reached over HTTPS through the system's OpenSSL (and its certificate store).
grep -q '^Depends:.*libssl3' <<<"$control" || fail "no Depends: libssl3"
grep -q '^Recommends:.*gnome-keyring' <<<"$control" || fail "no Recommends: gnome-keyring"
listing=$(dpkg-deb --contents "$deb")
for f in usr/bin/qalam-desktop usr/bin/qalam usr/share/applications/Qalam.desktop; do
  grep -qE " (\./)?$f\$" <<<"$listing" || fail "$f is not in the package"
done
grep -q 'usr/share/icons/hicolor/.*/apps/qalam-desktop.png' <<<"$listing" || fail "no icons"

if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ]; then
  # Installed for real: dpkg checks its dependencies against the system's.
  dpkg -i "$deb"
  trap 'dpkg -r "$package" >/dev/null' EXIT
  root=""
else
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  dpkg-deb -x "$deb" "$root"
fi

version=$("$root/usr/bin/qalam" --version)
[ "$version" = "qalam 0.1.0" ] || fail "qalam --version said: $version"
echo "qalam --version: $version"

# The app starts from the package, opens its library and stays up (under its own Xvfb).
work=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" &
xvfb=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
DISPLAY=":$(cat "$work/display")" QALAM_LIBRARY="$work/library.sqlite3" XDG_DATA_HOME="$work" \
  XDG_CONFIG_HOME="$work" XDG_CACHE_HOME="$work" "$root/usr/bin/qalam-desktop" &
app=$!
alive=no
for _ in $(seq 100); do
  if [ -s "$work/library.sqlite3" ]; then alive=yes; break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
sleep 2
kill -0 "$app" 2>/dev/null || alive=no
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
kill "$xvfb" 2>/dev/null || true
wait "$xvfb" 2>/dev/null || true
[ "$alive" = yes ] || fail "the app from the package did not start and open its library"
"$root/usr/bin/qalam" --library "$work/library.sqlite3" list >/dev/null || fail "the CLI cannot read the app's library"
rm -rf "$work"
echo "deb check: ok (installed: $([ -z "$root" ] && echo yes || echo "unpacked to a temporary folder"))"
