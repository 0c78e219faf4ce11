#!/usr/bin/env bash
# Runs every test of the project: the UI type check and build (the desktop crate embeds ui/dist),
# then all Rust tests of the workspace — core, CLI and desktop shell.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build)
cargo test --workspace --locked
