#!/usr/bin/env bash
# Measures what the desk's build costs with the whole core (its `local` feature: the SQLite
# library, packages, keychain, spelling) and with the smaller core it depends on, in one run: each
# a clean release build of `qalam-desk` alone in a target folder of its own. Prints the wall time,
# the crates compiled and the binary's size of each, and the ratios (decision 020).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/qalam-desk-build-XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() { # name, then cargo's extra arguments
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$work/$name" cargo build --release --locked -p qalam-desk "$@" 2>"$work/$name.log"
  end=$(date +%s.%N)
  local crates size
  crates=$(grep -c '^ *Compiling ' "$work/$name.log")
  size=$(stat -c %s "$work/$name/release/qalam-desk")
  echo "$name $(echo "$end - $start" | bc) $crates $size"
}

whole=$(measure whole --features qalam-core/local)
small=$(measure small)
read -r _ whole_s whole_crates whole_bytes <<<"$whole"
read -r _ small_s small_crates small_bytes <<<"$small"
printf 'desk with the whole core:   %6.1f s  %3d crates  %5.2f MB\n' "$whole_s" "$whole_crates" "$(echo "$whole_bytes / 1000000" | bc -l)"
printf 'desk with the smaller core: %6.1f s  %3d crates  %5.2f MB\n' "$small_s" "$small_crates" "$(echo "$small_bytes / 1000000" | bc -l)"
printf 'ratio (smaller / whole):    time %.2f  crates %.2f  size %.2f\n' \
  "$(echo "$small_s / $whole_s" | bc -l)" "$(echo "$small_crates / $whole_crates" | bc -l)" "$(echo "$small_bytes / $whole_bytes" | bc -l)"
