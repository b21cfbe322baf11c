#!/usr/bin/env bash
# Blosc speed, ours against numcodecs (C c-blosc 1.21.3) on the same machine and the same data:
# a 4 MiB int32 random walk; lz4 clevel 5 + SHUFFLE and zstd clevel 3 + BITSHUFFLE; one thread each.
# Both sides time with a median of repeats; both decode numcodecs' frames into a preallocated buffer.
# Usage: benchmarks/blosc_compare.sh [repeats] [our threads]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-25}
threads=${2:-1}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

dotnet build benchmarks/Zarr.Benchmarks -c Release -nologo -v q >/dev/null

/usr/bin/python3 - "$dir" "$repeats" > "$dir/numcodecs.txt" <<'PY'
import sys, timeit, statistics
import numpy as np
import numcodecs
import numcodecs.blosc as nb
from numcodecs import Blosc
d, repeats = sys.argv[1], int(sys.argv[2])
nb.set_nthreads(1)
nb.use_threads = False
i = np.arange(1, (1 << 20) + 1, dtype=np.uint64)
with np.errstate(over='ignore'):
    z = i * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
steps = (z >> np.uint64(61)).astype(np.int64) - 3
data = (100000 + np.cumsum(steps)).astype('<i4')
data.tofile(d + '/data.bin')
out = np.empty_like(data)
for name, codec in [('lz4-shuffle', Blosc('lz4', 5, Blosc.SHUFFLE)), ('zstd3-bitshuffle', Blosc('zstd', 3, Blosc.BITSHUFFLE))]:
    frame = codec.encode(data)
    open(d + '/' + name + '.blosc', 'wb').write(frame)
    def times(f):
        for _ in range(3): f()
        t = timeit.repeat(f, number=1, repeat=repeats)
        return statistics.median(t), min(t)
    enc, enc_min = times(lambda: codec.encode(data))
    dec, dec_min = times(lambda: codec.decode(frame, out=out))
    assert (out == data).all()
    print(f"{name} encode_s={enc:.4e} encode_min_s={enc_min:.4e} decode_s={dec:.4e} decode_min_s={dec_min:.4e} size={len(frame)}")
PY

dotnet benchmarks/Zarr.Benchmarks/bin/Release/net10.0/Zarr.Benchmarks.dll --compare "$dir" "$repeats" "$threads" > "$dir/ours.txt"

/usr/bin/python3 - "$dir" "$threads" <<'PY'
import sys
d, threads = sys.argv[1], sys.argv[2]
def load(p):
    r = {}
    for line in open(p):
        name, *kv = line.split()
        r[name] = {k: float(v) for k, v in (x.split('=') for x in kv)}
    return r
c, o = load(d + '/numcodecs.txt'), load(d + '/ours.txt')
mb = 4 * (1 << 20) / 1e6
print(f"4 MiB int32 random walk; numcodecs 1 thread, ours {threads} thread(s); MB/s = 1e6 bytes/s of uncompressed data")
print("median = median of the repeats (timeit); best = fastest repeat, steadier on a busy machine")
print(f"{'case':18} {'op':7} {'numcodecs MB/s':>15} {'ours MB/s':>10} {'ratio':>6}   {'best: numcodecs':>15} {'ours':>6} {'ratio':>6}")
for name in c:
    for op in ('encode', 'decode'):
        a, b = mb / c[name][op + '_s'], mb / o[name][op + '_s']
        am, bm = mb / c[name][op + '_min_s'], mb / o[name][op + '_min_s']
        print(f"{name:18} {op:7} {a:15.0f} {b:10.0f} {b / a:6.2f}   {am:15.0f} {bm:6.0f} {bm / am:6.2f}")
    print(f"{name:18} sizes   numcodecs {int(c[name]['size'])} B, ours {int(o[name]['size'])} B; ours decoding our own frame: {mb / o[name]['decode_own_s']:.0f} MB/s")
PY
