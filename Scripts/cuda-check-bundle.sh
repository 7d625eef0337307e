#!/usr/bin/env bash
# Builds a folder that runs the CUDA checks on a machine with the NVIDIA driver and PyTorch's CUDA
# libraries but no Swift toolchain (the CUDA article, "Checking a GPU machine"):
#
#   Scripts/cuda-check-bundle.sh [OUT]      (default OUT: .build/cuda-bundle)
#
# OUT/bin holds ember-cuda-check and ember-bench, linked with the Swift standard library
# (--static-swift-stdlib, built in .build-static so the usual builds are left alone); OUT/lib the
# shared libraries they need that a machine with only a C runtime may lack (OpenBLAS, SLEEF,
# gfortran's runtime...), copied from this machine; OUT/run a wrapper that puts OUT/lib on the
# library path and runs one of them:
#
#   OUT/run ember-cuda-check [--kernels | --train]
#   OUT/run ember-bench --device cuda --json
#
# and OUT.tar.xz, the same folder in one archive (about 40 MB), to copy where it runs:
#
#   tar -xJf cuda-bundle.tar.xz && cuda-bundle/run ember-cuda-check
#
# CUDA itself is not bundled: the executables open libcuda, NVRTC and cuBLAS at run time, from
# the driver and from PyTorch's wheels (site-packages/nvidia/*/lib), or from EMBER_CUDA_PATH.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-.build/cuda-bundle}"
scratch=.build-static

for product in ember-cuda-check ember-bench; do
  swift build -c release --product "$product" --static-swift-stdlib --scratch-path "$scratch"
done
bin="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib"
cp "$bin/ember-cuda-check" "$bin/ember-bench" "$out/bin/"
strip --strip-all "$out/bin/"*

# Every shared library the executables load, except the C runtime's own (glibc, libm, the
# dynamic loader, libgcc_s and libstdc++ are on any machine that runs PyTorch).
base='^(linux-vdso|libc\.|libm\.|libdl\.|libpthread\.|librt\.|libutil\.|ld-linux|libgcc_s\.|libstdc\+\+\.)'
for exe in "$out/bin/"*; do
  ldd "$exe" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }'
done | sort -u | while read -r name path; do
  if [[ "$name" =~ $base ]]; then continue; fi
  cp -L "$path" "$out/lib/$name"
done
if ldd "$out/bin/"* | grep -q 'libswift'; then
  echo "cuda-check-bundle: the executables still load a Swift runtime library" >&2
  exit 1
fi

cat > "$out/run" <<'EOF'
#!/bin/sh
# Runs one of the bundled executables with the bundled libraries: run NAME [ARGUMENTS...]
here="$(cd "$(dirname "$0")" && pwd)"
name="$1"; shift
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/bin/$name" "$@"
EOF
chmod +x "$out/run"

# One archive, for a transfer with a size limit (the device tool carries 64 MiB): about 40 MB.
tar -C "$(dirname "$out")" -cf - "$(basename "$out")" | xz -T0 -6 > "$out.tar.xz"
du -sh "$out" "$out/bin/"* "$out/lib/"* "$out.tar.xz"
