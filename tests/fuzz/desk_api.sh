#!/usr/bin/env bash
# Fuzzes the desk's API from its own OpenAPI description with schemathesis: as one journalist,
# while a colleague's submitted story sits on the desk. Fails on any 5xx and on any response that
# holds anything of the colleague's story. Runs a real local desk and a private Secret Service,
# both stopped by their own pids; a Python virtual environment under target/ holds schemathesis.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
venv=target/fuzz-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis==4.32.5
fi
qalam=target/debug/qalam
desk=target/debug/qalam-desk
[ -x "$qalam" ] && [ -x "$desk" ] || cargo build -q --bin qalam --bin qalam-desk

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A private D-Bus session with GNOME Keyring for the device tokens.
dbus-daemon --session --nofork --print-address=1 --address="unix:path=$work/bus" >"$work/bus.address" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/bus.address" ] && break; sleep 0.05; done
export DBUS_SESSION_BUS_ADDRESS=$(head -1 "$work/bus.address")
printf fuzz | HOME=$work XDG_RUNTIME_DIR=$work gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
  sleep 0.05
done

"$desk" local --json --listen 127.0.0.1:0 --data "$work/desk" >"$work/desk.out" &
pids+=($!)
for _ in $(seq 600); do grep -q listening "$work/desk.out" 2>/dev/null && break; sleep 0.1; done
url=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["listening"])' "$work/desk.out")
code() { "$desk" person add --data "$work/desk" --name "$1" --role "$2" | tail -1; }

export QALAM_LANG=en
"$qalam" --library "$work/a.sqlite3" profile init --name "ريم الكاتبة" --role journalist >/dev/null
"$qalam" --library "$work/b.sqlite3" profile init --name "باسم" --role journalist >/dev/null
"$qalam" --library "$work/a.sqlite3" desk join "$url" "$(code "ريم الكاتبة" journalist)" >/dev/null
"$qalam" --library "$work/b.sqlite3" desk join "$url" "$(code "باسم" journalist)" >/dev/null
printf -- '---\ntitle: وثيقة سرية عن المرفأ\ncategory: تحقيقات\n---\n\nمصدر مطلع كشف تفاصيل العقد الكامل.\n' >"$work/secret.md"
id=$("$qalam" --library "$work/a.sqlite3" import "$work/secret.md" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$qalam" --library "$work/a.sqlite3" submit "$id" >/dev/null 2>&1
device=$("$qalam" --library "$work/b.sqlite3" desk status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["desk"]["device_id"])')
token=$(secret-tool lookup service qalam-desk username "$device@$url")
[ ${#token} -eq 64 ] || { echo "desk_api.sh: no device token in the keychain" >&2; exit 1; }

export PYTHONPATH="$root/tests/fuzz" SCHEMATHESIS_HOOKS=qalam_fuzz_hooks
export QALAM_FUZZ_OTHERS_ID=$id QALAM_FUZZ_SECRETS="وثيقة سرية|مصدر مطلع|ريم الكاتبة"
"$venv/bin/schemathesis" run "$url/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,no_leak_across_people \
  --exclude-path /v1/changes \
  --max-time "${QALAM_FUZZ_SECONDS:-90}" --workers 1 --suppress-health-check all --warnings off
