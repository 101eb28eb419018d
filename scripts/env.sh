# Shared build settings, sourced by the other scripts: one warm target directory
# for the developer, the scripts and CI (see DEVELOPERS.md).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/sero-target}"
export SERO_NODE="${SERO_NODE:-$CARGO_TARGET_DIR/debug/sero-node}"
# Link the system's OpenSSL (libssl-dev, installed by setup.sh) rather than build the copy
# litep2p's WebRTC transport vendors: building it costs three minutes of a cold build.
export OPENSSL_NO_VENDOR="${OPENSSL_NO_VENDOR:-1}"
