#!/usr/bin/env bash
# The repository stands alone and its tests are good neighbours:
#  - no code, script or build file reads the shared reference folder beside the clone (what the
#    project needs from it is copied in: docs/, tests/schemas/, src-tauri/assets/);
#  - no test or script stops processes by name (that would also kill a user's own Qalam): what a
#    test starts, it stops by pid.
set -euo pipefail
cd "$(dirname "$0")/.."

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files -- '*.rs' '*.ts' '*.svelte' '*.mjs' '*.js' '*.sh' '*.toml' '*.json' '.ci/*' | grep -v '^ui/package-lock.json$')
else
  # An unpacked source tree without git: the same files, found by name.
  files=$(find . -path ./target -prune -o -path ./ui/node_modules -prune -o -type f \( -name '*.rs' -o -name '*.ts' \
    -o -name '*.svelte' -o -name '*.mjs' -o -name '*.js' -o -name '*.sh' -o -name '*.toml' -o -name '*.json' \) -print |
    grep -v '^./ui/package-lock.json$')
fi
status=0
if reads=$(grep -nE '\.\./shared|/shared/(schemas|reference|seed)' $files); then
  echo "these lines read the shared folder beside the repository; copy what they need in:" >&2
  echo "$reads" >&2
  status=1
fi
# The pattern is built from parts so that this script does not match itself.
killer="p""kill|kill""all"
if kills=$(grep -nE "\\b($killer)\\b" $files); then
  echo "these lines stop processes by name; stop what was started by its pid:" >&2
  echo "$kills" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "standalone: ok (no reads of the shared folder, no kills by name)"
exit "$status"
