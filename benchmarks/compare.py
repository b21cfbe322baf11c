#!/usr/bin/python3
"""Runs each workload through zarr-python 2.13 and through Zarr.Typed, alternating, several times,
on the same files, and prints: workload, zarr-python median, ours median, ratio.

Usage: /usr/bin/python3 benchmarks/compare.py [--reps N] [--workloads w1,w2,...] [--dir DIR] [--mode aot|r2r|jit|package] [--warm] [--same-path]
Each side times the operation inside its own process (interpreter / runtime start-up excluded). With
--warm each process first runs the operation once, untimed, on other paths (its own output names; the
reads read a copy of w1.zarr), so the timed run is what a long-running process sees. Each side's peak
resident memory is that of its whole process (GNU time's %M, the same for both; needs /usr/bin/time). Our
side is published as an application ships; --mode picks how (benchmarks/ourside.py builds it):
  aot  (default) Native AOT for this machine's CPU (IlcInstructionSet=native, like -march=native): no JIT
       and no type loading at run time, the closest to "the operation itself";
  r2r  ReadyToRun, framework-dependent: precompiled code, but the runtime still loads types and binds
       methods on first use inside the timed region;
  jit  the plain build: also counts JIT compilation on first use;
  package  the plain build of the same program against the packed Zarr.Typed.Runtime (from a local feed),
       as an app that references the package is built: the library's code is the package's ReadyToRun image
       for this machine, the program's own code and generic instantiations over its types are JIT-compiled.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time
import ourside

MASK = (1 << 64) - 1
TIME = "/usr/bin/time"  # GNU time (Debian's 'time' package), for each process's peak resident memory


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 33) % bound


def run_python(workload, d, tag="", source="w1.zarr"):
    import numpy as np
    import zarr
    from numcodecs import Zstd
    if workload == "w1":
        data = np.arange(10000 * 10000, dtype="i4").reshape(10000, 10000)
        t = time.perf_counter()
        z = zarr.open_array(os.path.join(d, "w1_py%s.zarr" % tag), mode="w", shape=(10000, 10000), chunks=(1000, 1000), dtype="i4")
        z[:] = data
        return time.perf_counter() - t
    if workload == "w2":
        t = time.perf_counter()
        a = zarr.open_array(os.path.join(d, source), mode="r")[:]
        el = time.perf_counter() - t
        assert a[1, 2345] == 12345
        return el
    if workload == "w3":
        rng = Lcg(3)
        rows, cols = [], []
        for _ in range(10000):
            rows.append(rng.next(10000)); cols.append(rng.next(10000))
        rows = np.array(rows); cols = np.array(cols)
        t = time.perf_counter()
        z = zarr.open_array(os.path.join(d, source), mode="r")
        v = z.get_coordinate_selection((rows, cols))
        el = time.perf_counter() - t
        assert v[0] == rows[0] * 10000 + cols[0]
        return el
    if workload == "w4":
        data = np.random.default_rng(42).standard_normal((4000, 4000))
        t = time.perf_counter()
        z = zarr.open_array(os.path.join(d, "w4_py%s.zarr" % tag), mode="w", shape=(4000, 4000), chunks=(500, 500), dtype="f8", compressor=Zstd(level=3))
        z[:] = data
        back = z[:]
        el = time.perf_counter() - t
        assert back[7, 7] == data[7, 7]
        return el
    if workload == "w5":
        data = np.arange(2000 * 2000, dtype="i4").reshape(2000, 2000)
        t = time.perf_counter()
        z = zarr.open_array(os.path.join(d, "w5_py%s.zarr" % tag), mode="w", shape=(2000, 2000), chunks=(20, 20), dtype="i4")
        z[:] = data
        back = z[:]
        el = time.perf_counter() - t
        assert back[2, 321] == 4321
        return el
    if workload == "w6":
        p = os.path.join(d, "w6_py%s.zarr" % tag)
        t = time.perf_counter()
        root = zarr.group(store=p, overwrite=True)
        for g in range(10):
            grp = root.create_group("group%d" % g)
            grp.attrs["index"] = g
            for a in range(100):
                arr = grp.zeros("array%d" % a, shape=(100,), chunks=(100,), dtype="i4")
                arr.attrs.update({"units": "m", "scale": a * 0.5})
        opened = zarr.open_group(p, mode="r")

        def walk(g):
            n = 0
            for _, node in g.items():
                n += 1
                len(node.attrs.asdict())
                if isinstance(node, zarr.hierarchy.Group):
                    n += walk(node)
                else:
                    node.shape
            return n
        count = walk(opened)
        el = time.perf_counter() - t
        assert count == 1010, count
        return el
    if workload == "w7":
        rng = Lcg(7)
        windows = [(rng.next(10000 - 300), rng.next(10000 - 300)) for _ in range(200)]
        t = time.perf_counter()
        z = zarr.open_array(os.path.join(d, source), mode="r")
        s = 0
        for r, c in windows:
            s += int(z[r:r + 300, c:c + 300][0, 0])
        el = time.perf_counter() - t
        assert s != 0
        return el
    raise SystemExit("unknown workload " + workload)


def prepare(d):
    import numpy as np
    import zarr
    z = zarr.open_array(os.path.join(d, "w1.zarr"), mode="w", shape=(10000, 10000), chunks=(1000, 1000), dtype="i4")
    z[:] = np.arange(10000 * 10000, dtype="i4").reshape(10000, 10000)


def run_measured(command, env):
    """Runs one side's process; returns (stdout, peak resident memory in MB) of that process alone.

    Both sides run under GNU time (its %M, the kernel's ru_maxrss of the child it waits for). Not wait4 from
    here: a child's ru_maxrss starts from the peak of the process that forked it, and this script holds the
    400 MB test array.
    """
    with tempfile.NamedTemporaryFile("r") as rss, tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.run([TIME, "-f", "%M", "-o", rss.name, *command], stdout=out, stderr=err, text=True, env=env)
        out.seek(0); err.seek(0)
        if p.returncode != 0:
            raise SystemExit("%s failed (%d):\n%s" % (" ".join(command), p.returncode, err.read()))
        return out.read(), int(rss.read().split()[-1]) / 1024  # %M is in KiB


def spread(values):
    return "%.3f–%.3f" % (min(values), max(values))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "--run":
        argv = [a for a in sys.argv[2:] if a != "--warm"]
        tag = argv[2] if len(argv) > 2 else ""
        if "--warm" in sys.argv:
            run_python(argv[0], argv[1], tag + "_warm", "w1_warm.zarr")
        print("%s %.6f" % (argv[0], run_python(argv[0], argv[1], tag)))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--workloads", default="w1,w2,w3,w4,w5,w6,w7")
    ap.add_argument("--dir", default=None)
    ap.add_argument("--same-path", action="store_true",
                    help="rewrite the same output paths every rep (deleting the previous rep's tree inside the timed region)")
    ap.add_argument("--mode", choices=ourside.MODES, default="aot", help="how our side is built (see the docstring)")
    ap.add_argument("--warm", action="store_true", help="each process runs the operation once, untimed, on other paths before the timed run")
    args = ap.parse_args()
    if not os.path.exists(TIME):
        raise SystemExit("needs GNU time at /usr/bin/time for the peak memory figures: apt-get install time")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    command = ourside.build(root, "benchmarks/Zarr.Compare", args.mode, "compare-" + args.mode)
    d = args.dir or tempfile.mkdtemp(prefix="zarr-compare-")
    os.makedirs(d, exist_ok=True)
    prepare(d)
    if args.warm:
        shutil.rmtree(os.path.join(d, "w1_warm.zarr"), ignore_errors=True)
        shutil.copytree(os.path.join(d, "w1.zarr"), os.path.join(d, "w1_warm.zarr"))
    warm = ["--warm"] if args.warm else []
    env = dict(os.environ)
    times = {}
    for rep in range(args.reps):
        # Each rep writes new paths by default and the outputs are removed after the run: on ext4 without a
        # journal (this machine), allocating inodes right after thousands were deleted scans past every
        # recently deleted one (kernel profile: recently_deleted, find_inode_bit), which would time the
        # previous rep's deletion rather than the operation. --same-path measures that case.
        tag = "" if args.same_path else "_r%d" % (rep + 1)
        for w in args.workloads.split(","):
            py, py_mb = run_measured(["/usr/bin/python3", os.path.abspath(__file__), "--run", w, d, tag, *warm], env)
            cs, cs_mb = run_measured([*command, w, d, tag, *warm], env)
            row = times.setdefault(w, ([], [], [], []))
            row[0].append(float(py.split()[1]))
            row[1].append(float(cs.split()[1]))
            row[2].append(py_mb)
            row[3].append(cs_mb)
            print("rep %d %s: zarr-python %.3fs %.0f MB, ours %.3fs %.0f MB" % (rep + 1, w, row[0][-1], py_mb, row[1][-1], cs_mb), file=sys.stderr)
    print("our side: %s build; %s; %s; %d reps, alternating" % (args.mode, "warm (operation run once before, untimed)" if args.warm else "first call in the process",
                                                            "same paths every rep" if args.same_path else "new paths every rep", args.reps))
    print("| workload | zarr-python median (s) | Zarr.Typed median (s) | ratio (python / ours) | zarr-python range (s) | Zarr.Typed range (s) | zarr-python peak RSS (MB) | Zarr.Typed peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: |")
    for w, (p, c, pm, cm) in times.items():
        mp, mc = statistics.median(p), statistics.median(c)
        print("| %s | %.3f | %.3f | %.2fx | %s | %s | %.0f | %.0f |" % (w, mp, mc, mp / mc, spread(p), spread(c), statistics.median(pm), statistics.median(cm)))
    if "w2" in times:
        # The machine limit for w2: the same chunks decoded with no Zarr logic around them.
        limits = [float(run_measured([*command, "limit", d], env)[0].split()[1]) for _ in range(args.reps)]
        limit = statistics.median(limits)
        ours = statistics.median(times["w2"][1])
        print("w2 against the machine's limit: decoding the 100 chunks alone (LZ4 + unshuffle, every core, reused buffers) "
              "takes %.3f s (%.1f GB/s of output); our w2 reads at %.1f GB/s, %.0f%% of that." % (limit, 0.4 / limit, 0.4 / ours, 100 * limit / ours))
    if not args.dir:
        shutil.rmtree(d, ignore_errors=True)
    else:
        shutil.rmtree(os.path.join(d, "w1_warm.zarr"), ignore_errors=True)
        for name in os.listdir(d):
            if re.fullmatch(r"w\d_(py|cs)(_r\d+)?_warm\.zarr", name) or (not args.same_path and re.fullmatch(r"w\d_(py|cs)_r\d+\.zarr", name)):
                shutil.rmtree(os.path.join(d, name), ignore_errors=True)


if __name__ == "__main__":
    main()
