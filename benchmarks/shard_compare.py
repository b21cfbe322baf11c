#!/usr/bin/python3
"""Sharding benchmark of issue 18: Zarr.Typed against zarrita 0.7.5 (under node) on a Zarr v3 array
with shards, and our sharded read against our own unsharded Zarr v2 reads of the same data.
Alternating, several times, in one run; each side times the operation inside its own process; prints
medians with the spread (min-max) and the ratios.

Usage: /usr/bin/python3 benchmarks/shard_compare.py [--reps N] [--mode aot|r2r|jit|package] [--codec zstd|gzip] [--dir DIR] [--workloads s1,s1u,s2,s3,u100,u1000]

The array: 4000x4000 int32, element (i, j) = i*4000 + j, stored as Zarr v3 with 1000x1000 shards of
100x100 inner chunks; codecs inside the shard: bytes (little endian) then the compressor (zstd level
1 by default, which zarrita encodes itself; gzip level 1 as an option, which zarrita decodes but
encodes only through numcodecs.js registered by the benchmark). Shard index: bytes + crc32c at the end.
  s1   write the whole array. Ours: sharded (16 files). zarrita cannot write shards, so its side writes
       the unsharded v3 layout with the same 100x100 chunks and codecs (1,600 files).
  s1u  the like-for-like write: both sides unsharded v3, 100x100 chunks.
  s2   read the sharded array whole (both sides read the same files, written by our side).
  s3   read 1,000 inner chunks of it, each a 100x100 window read with its own call, in a list drawn by
       the same seeded LCG on both sides (duplicates included).
  u100, u1000  ours only: the same data as unsharded Zarr v2 (same compressor) in 100x100 and in
       1000x1000 chunks, read whole, for the sharded-vs-unsharded line.
Goals (issue 18): ours >= 3x zarrita on s1, s2, s3; s2 within 1.2x of the unsharded read.
After the runs each side reads the other's last s1/s1u writes back whole and checks every element.

zarrita runs from tests/servers/node_modules (npm ci there). --mode is compare.py's (benchmarks/ourside.py): aot
(default, Native AOT for this CPU), r2r, jit (the plain build, which also counts JIT compilation), or
package (the plain build against the packed library, whose ReadyToRun image runs, as a user's app does).
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile
import ourside

ALL = ["s1", "s1u", "s2", "u100", "u1000", "s3"]
ZARRITA = {"s1", "s1u", "s2", "s3"}
GOALS = {"s1": 3.0, "s2": 3.0, "s3": 3.0}
LABELS = {
    "s1": "s1 write whole (ours sharded, zarrita unsharded 100²)",
    "s1u": "s1u write whole (both unsharded v3, 100²)",
    "s2": "s2 read sharded whole",
    "s3": "s3 read 1,000 inner chunks",
}


def seconds(command, env):
    """(wall seconds, CPU seconds) of the timed region, as the side reports them."""
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout.split()
    return float(out[1]), float(out[2])


def spread(values):
    return "%.3f (%.3f–%.3f)" % (statistics.median(values), min(values), max(values))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--mode", choices=ourside.MODES, default="aot")
    ap.add_argument("--codec", choices=["zstd", "gzip"], default="zstd")
    ap.add_argument("--workloads", default=",".join(ALL))
    ap.add_argument("--dir", default=None)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    node_bench = os.path.join(root, "benchmarks/zarrita/shard_bench.mjs")
    if not os.path.isdir(os.path.join(root, "tests/servers/node_modules/zarrita")) and "ZARR_PEER_NODE_MODULES" not in os.environ:
        raise SystemExit("zarrita is not installed: run 'npm ci' in tests/servers")
    ours = ourside.build(root, "benchmarks/Zarr.Compare", args.mode, "compare-" + args.mode)
    workloads = [w for w in args.workloads.split(",") if w]
    for w in workloads:
        if w not in ALL:
            raise SystemExit("unknown workload " + w)
    d = args.dir or tempfile.mkdtemp(prefix="zarr-shard-compare-")
    os.makedirs(d, exist_ok=True)
    env = dict(os.environ)
    subprocess.run([*ours, "shard-prepare", d, "", args.codec], check=True, stdout=subprocess.DEVNULL, env=env)
    js, cs, js_cpu, cs_cpu = {}, {}, {}, {}
    for rep in range(args.reps):
        # New output paths every rep (see compare.py: ext4 without a journal rescans recently freed inodes).
        tag = "_r%d" % (rep + 1)
        for w in workloads:
            if w in ZARRITA:
                wall, cpu = seconds(["node", node_bench, w, d, tag, args.codec], env)
                js.setdefault(w, []).append(wall)
                js_cpu.setdefault(w, []).append(cpu)
            wall, cpu = seconds([*ours, w, d, tag, args.codec], env)
            cs.setdefault(w, []).append(wall)
            cs_cpu.setdefault(w, []).append(cpu)
            print("rep %d %s: zarrita %s, ours %.3fs (cpu %.3fs)" % (
                rep + 1, w, "%.3fs (cpu %.3fs)" % (js[w][-1], js_cpu[w][-1]) if w in js else "-", cs[w][-1], cs_cpu[w][-1]), file=sys.stderr)
    # Each side reads the other's last writes back whole and checks every element (untimed).
    last = "_r%d" % args.reps
    for w in ("s1", "s1u"):
        if w in workloads:
            subprocess.run([*ours, "check", os.path.join(d, "%s_js%s.zarr" % (w, last))], check=True, stdout=subprocess.DEVNULL, env=env)
            subprocess.run(["node", node_bench, "check", os.path.join(d, "%s_cs%s.zarr" % (w, last))], check=True, stdout=subprocess.DEVNULL, env=env)
    load = os.getloadavg()
    print("our side: %s build; codec %s level 1 (after bytes little-endian); %d reps, alternating; "
          "seconds as median (min–max); load average at the end %.1f / %.1f / %.1f on %d cores"
          % (args.mode, args.codec, args.reps, load[0], load[1], load[2], os.cpu_count()))
    print()
    print("| workload | zarrita 0.7.5 (s) | Zarr.Typed (s) | ratio (zarrita / ours) | goal |")
    print("| --- | ---: | ---: | ---: | --- |")
    for w in workloads:
        if w not in js:
            continue
        ratio = statistics.median(js[w]) / statistics.median(cs[w])
        goal = GOALS.get(w)
        verdict = ("≥%.0fx: %s" % (goal, "met" if ratio >= goal else "missed")) if goal else "(like for like, no goal)"
        print("| %s | %s | %s | %.2fx | %s |" % (LABELS[w], spread(js[w]), spread(cs[w]), ratio, verdict))
    print()
    print("CPU seconds of the timed region (every thread; steadier than wall time on a busy machine):")
    print()
    print("| workload | zarrita CPU (s) | Zarr.Typed CPU (s) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for w in workloads:
        if w in js_cpu:
            print("| %s | %s | %s | %.2fx |" % (w, spread(js_cpu[w]), spread(cs_cpu[w]), statistics.median(js_cpu[w]) / statistics.median(cs_cpu[w])))
    for w in ("s2", "u100", "u1000"):
        if w in cs_cpu and w not in js_cpu:
            print("| %s (ours only) | | %s | |" % (w, spread(cs_cpu[w])))
    if "s2" in cs and ("u100" in cs or "u1000" in cs):
        print()
        print("| our whole read | Zarr.Typed (s) | sharded / unsharded | goal ≤1.2x |")
        print("| --- | ---: | ---: | --- |")
        s2 = statistics.median(cs["s2"])
        print("| v3 sharded (1000² shards of 100² inner chunks) | %s | | |" % spread(cs["s2"]))
        for w, what in (("u100", "v2 unsharded, 100² chunks"), ("u1000", "v2 unsharded, 1000² chunks")):
            if w in cs:
                r = s2 / statistics.median(cs[w])
                print("| %s | %s | %.2fx | %s |" % (what, spread(cs[w]), r, "met" if r <= 1.2 else "missed"))
    if not args.dir:
        shutil.rmtree(d, ignore_errors=True)
    else:
        for name in os.listdir(d):
            if re.fullmatch(r"s1u?_(js|cs)_r\d+\.zarr", name):
                shutil.rmtree(os.path.join(d, name), ignore_errors=True)


if __name__ == "__main__":
    main()
