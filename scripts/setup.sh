#!/usr/bin/env bash
# Installs the Debian packages libsuperopt needs, only those that are missing.
set -euo pipefail
# clang-format-14: Debian 12's default, pinned because versions format differently.
# clang-16: the tests read its output (tests/c); with libc++-16-dev, bench-sort's libc++
# contender.
packages=(cmake g++ make libeigen3-dev libasmjit-dev libboost-program-options-dev catch2
          nlohmann-json3-dev libtbb-dev python3-matplotlib libopenmpi-dev openmpi-bin clang-format-14
          clang-16 libc++-16-dev libz3-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
