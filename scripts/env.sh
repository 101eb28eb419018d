# Shared build settings, sourced by the other scripts: one warm target directory
# for the developer, the scripts and CI (see DEVELOPERS.md).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/sero-target}"
export SERO_NODE="${SERO_NODE:-$CARGO_TARGET_DIR/debug/sero-node}"
