#!/usr/bin/env bash
# Advanced indexing, Zarr.Typed beside zarr-python 2.13 (Debian's python3-zarr) on this machine:
#   points  — 10,000 random points (coordinate selection) from a 10000x10000 int32 array in 1000x1000 chunks;
#   windows — 200 random 300x300 windows, each straddling a chunk corner (four chunks each).
# The array (values 0, 1, 2, ... in C order) is held in memory on both sides (zarr-python's KVStore,
# our MemoryStore), so the comparison is of indexing and decoding, not of disk I/O. Points and
# windows come from the same LCG on both sides. Each process builds the array (not timed), warms up,
# then times every operation REPEATS times inside the process; the script runs ROUNDS rounds,
# alternating the two sides, and prints the median of all timed runs and the ratio.
#
# Usage: benchmarks/indexing_compare.sh [blosc|zlib] [ROUNDS] [REPEATS]
#   blosc (default): zarr-python's default compressor, Blosc(lz4, 5, SHUFFLE); zlib: Zlib(level=1).
set -euo pipefail
cd "$(dirname "$0")/.."
compressor=${1:-blosc}
rounds=${2:-3}
repeats=${3:-5}

dotnet build benchmarks/Zarr.Benchmarks -c Release -nologo -v q >/dev/null
dll=benchmarks/Zarr.Benchmarks/bin/Release/net10.0/Zarr.Benchmarks.dll

py_side() {
/usr/bin/python3 - "$compressor" "$repeats" <<'PY'
import sys, time
import numpy as np
import zarr
from numcodecs import Zlib

compressor, repeats = sys.argv[1], int(sys.argv[2])
SIZE, CHUNK, WINDOW = 10000, 1000, 300
MASK = (1 << 64) - 1

class Lcg:
    def __init__(self, seed): self.state = seed
    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 33) % bound

kwargs = {} if compressor == "blosc" else {"compressor": Zlib(level=1)}
z = zarr.zeros((SIZE, SIZE), chunks=(CHUNK, CHUNK), dtype="i4", **kwargs)
for r0 in range(0, SIZE, CHUNK):
    z[r0:r0 + CHUNK, :] = np.arange(r0 * SIZE, (r0 + CHUNK) * SIZE, dtype="i4").reshape(CHUNK, SIZE)
rng = Lcg(3)
rows, cols = [], []
for _ in range(10000):
    rows.append(rng.next(SIZE)); cols.append(rng.next(SIZE))
rows, cols = np.array(rows), np.array(cols)
wrng = Lcg(7)
def corner():
    k = 1 + wrng.next(SIZE // CHUNK - 1)
    return k * CHUNK - 1 - wrng.next(WINDOW - 1)
windows = []
for _ in range(200):
    r = corner(); c = corner(); windows.append((r, c))

def points():
    return int(z.get_coordinate_selection((rows, cols)).astype("i8").sum())

def windows200():
    s = 0
    for r, c in windows:
        s += int(z[r:r + WINDOW, c:c + WINDOW][-1, -1])
    return s

expected_points = int((rows * SIZE + cols).sum())
expected_windows = sum((r + WINDOW - 1) * SIZE + c + WINDOW - 1 for r, c in windows)
for name, op, expected in (("points", points, expected_points), ("windows", windows200, expected_windows)):
    assert op() == expected, name
    op()
    times, cpu = [], []
    for _ in range(repeats):
        c = time.process_time(); t = time.perf_counter()
        op()
        times.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
    times.sort(); cpu.sort()
    print("%s median_s=%.6f cpu_s=%.6f min_s=%.6f" % (name, times[len(times) // 2], cpu[len(cpu) // 2], times[0]))
PY
}

cs_side() { dotnet "$dll" --indexing-compare "$compressor" "$repeats"; }

declare -A py cs pycpu cscpu
for ((round = 1; round <= rounds; round++)); do
  while read -r name med cpu _; do
    py[$name]+="${med#median_s=} "; pycpu[$name]+="${cpu#cpu_s=} "
    echo "round $round zarr-python $name ${med#median_s=} s (cpu ${cpu#cpu_s=} s)" >&2
  done < <(py_side)
  while read -r name med cpu _; do
    cs[$name]+="${med#median_s=} "; cscpu[$name]+="${cpu#cpu_s=} "
    echo "round $round Zarr.Typed  $name ${med#median_s=} s (cpu ${cpu#cpu_s=} s)" >&2
  done < <(cs_side)
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "compressor: $compressor; $rounds rounds x $repeats timed runs per side (medians of the per-round medians); nproc=$(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| workload | zarr-python 2.13 wall (s) | Zarr.Typed wall (s) | wall ratio | zarr-python CPU (s) | Zarr.Typed CPU (s) | CPU ratio |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in points windows; do
  p=$(echo "${py[$name]}" | median); c=$(echo "${cs[$name]}" | median)
  pc=$(echo "${pycpu[$name]}" | median); cc=$(echo "${cscpu[$name]}" | median)
  printf '| %s | %s | %s | %.2fx | %s | %s | %.2fx |\n' "$name" "$p" "$c" "$(echo "$p / $c" | bc -l)" "$pc" "$cc" "$(echo "$pc / $cc" | bc -l)"
done
echo "(wall ratio: python / ours, higher is better for Zarr.Typed; CPU is the process's CPU time over all threads, the fairer measure on a loaded machine)"
