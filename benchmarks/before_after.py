#!/usr/bin/python3
"""Runs compare.py's workloads through two builds of our side, alternating, on the same files, and
prints each workload's median for both and the ratio: the check that a change leaves no workload
slower ("no v2 workload slower").

Usage: /usr/bin/python3 benchmarks/before_after.py --base <git ref> [--reps N] [--workloads w1,w2,...] [--mode aot|jit]
The base build comes from a temporary git worktree of <ref>; the other build is this checkout.
"""
import argparse, importlib.util, os, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_compare():
    spec = importlib.util.spec_from_file_location("compare", os.path.join(ROOT, "benchmarks/compare.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(tree, mode, out):
    project = os.path.join(tree, "benchmarks/Zarr.Compare")
    quiet = dict(check=True, stdout=subprocess.DEVNULL)
    if mode == "jit":
        subprocess.run(["dotnet", "build", project, "-c", "Release", "-nologo", "-v", "q", "-o", out], **quiet)
        return ["dotnet", os.path.join(out, "Zarr.Compare.dll")]
    rid_obj = os.path.join(project, "obj/Release/net10.0/linux-x64")
    shutil.rmtree(rid_obj, ignore_errors=True)
    try:
        # CompareMode=aot sets PublishAot in Zarr.Compare.csproj (a base older than that ignores it: then pass both).
        subprocess.run(["dotnet", "publish", project, "-c", "Release", "-r", "linux-x64", "-p:CompareMode=aot",
                        *([] if "CompareMode" in open(os.path.join(project, "Zarr.Compare.csproj")).read() else ["-p:PublishAot=true", "-p:IlcInstructionSet=native"]),
                        "-o", out, "-nologo", "-v", "q"], **quiet)
    finally:
        shutil.rmtree(rid_obj, ignore_errors=True)
    return [os.path.join(out, "Zarr.Compare")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="the git ref to compare against")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--workloads", default="w1,w2,w3,w4,w5,w6,w7")
    ap.add_argument("--mode", choices=["aot", "jit"], default="aot")
    args = ap.parse_args()
    compare = load_compare()
    work = tempfile.mkdtemp(prefix="zarr-before-after-")
    base_tree = os.path.join(work, "base")
    subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", base_tree, args.base], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = build(base_tree, args.mode, os.path.join(work, "base-out"))
        head = build(ROOT, args.mode, os.path.join(work, "head-out"))
        d = os.path.join(work, "data")
        os.makedirs(d)
        compare.prepare(d)
        times = {}
        for rep in range(args.reps):
            for w in args.workloads.split(","):
                row = times.setdefault(w, ([], []))
                # Alternate which build goes first, so that neither always meets a warm page cache first.
                order = [(0, base), (1, head)] if rep % 2 == 0 else [(1, head), (0, base)]
                for side, command in order:
                    tag = "_%s%d" % ("b" if side == 0 else "h", rep)
                    r = subprocess.run([*command, w, d, tag], check=True, capture_output=True, text=True)
                    row[side].append(float(r.stdout.split()[1]))
                    # Written arrays are removed at once (w1 writes 400 MB a run).
                    shutil.rmtree(os.path.join(d, "%s_cs%s.zarr" % (w, tag)), ignore_errors=True)
                print("rep %d %s: base %.3fs, head %.3fs" % (rep + 1, w, row[0][-1], row[1][-1]), file=sys.stderr)
        print("our side: %s build; base %s vs this checkout; %d reps, alternating" % (args.mode, args.base, args.reps))
        print("| workload | base median (s) | head median (s) | head / base | base range | head range |")
        print("| --- | ---: | ---: | ---: | --- | --- |")
        for w, (b, h) in times.items():
            print("| %s | %.3f | %.3f | %.2f | %.3f–%.3f | %.3f–%.3f |" % (w, statistics.median(b), statistics.median(h),
                  statistics.median(h) / statistics.median(b), min(b), max(b), min(h), max(h)))
    finally:
        subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", base_tree], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
