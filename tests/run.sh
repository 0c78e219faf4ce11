#!/usr/bin/env bash
# Runs every test of the project: installs what is missing (system packages, the UI's locked Node
# packages), type-checks and builds the UI (the desktop crate embeds ui/dist), then runs all Rust
# tests of the workspace — core, CLI and desktop shell.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install
(cd ui && npm run build)
cargo test --workspace --locked
