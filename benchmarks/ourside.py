"""How the benchmark scripts build our side: one home for compare.py, shard_compare.py and
object_stores.py.

Modes:
  aot      Native AOT for this machine's CPU (IlcInstructionSet=native): no JIT compilation and no
           type loading on first use inside a timed region;
  r2r      framework-dependent ReadyToRun: precompiled, but types are still loaded and methods bound on
           first use;
  jit      the plain build against the project: every method is compiled on its first use;
  package  the plain build against the packed Zarr.Typed.Runtime (and, when the program references them,
           the store packages) from a local feed, as an app that references the packages is built: the
           library's code is the package's ReadyToRun image for this machine, and only the app's own
           code and generic instantiations over its types are compiled on first use.

The publish modes are set by CompareMode inside the program's project rather than by -p:PublishAot=true
on the command line: a global property reaches every project the build and its restore touch, and the
generator the runtime references (netstandard2.0) fails NETSDK1207.
"""
import os, shutil, subprocess, time

MODES = ["aot", "r2r", "jit", "package"]
QUIET = dict(check=True, stdout=subprocess.DEVNULL)
PACKAGES = {  # project folder under src/ -> the package it packs to, for package mode
    "Zarr.Runtime": "Zarr.Typed.Runtime",
    "Zarr.Stores.S3": "Zarr.Typed.Stores.S3",
    "Zarr.Stores.Azure": "Zarr.Typed.Stores.Azure",
}


def build(root, project, mode, out_name=None):
    """Builds or publishes the program in the folder `project` (relative to `root`) the way `mode` says;
    returns the command line that runs it."""
    project_dir = os.path.join(root, project)
    name = os.path.basename(project_dir)
    out = os.path.join(root, "artifacts", out_name or "%s-%s" % (name.lower(), mode))
    if mode == "jit":
        subprocess.run(["dotnet", "build", project_dir, "-c", "Release", "-nologo", "-v", "q", "-o", out], **QUIET)
        return ["dotnet", os.path.join(out, name + ".dll")]
    if mode == "package":
        return _build_against_packages(root, project_dir, name, out)
    if mode not in ("aot", "r2r"):
        raise ValueError("unknown mode " + mode)
    # A RID-specific publish leaves its own intermediate folder; a stale one from another mode breaks the next publish.
    rid_obj = os.path.join(project_dir, "obj/Release/net10.0/linux-x64")
    shutil.rmtree(rid_obj, ignore_errors=True)
    try:
        subprocess.run(["dotnet", "publish", project_dir, "-c", "Release", "-r", "linux-x64", "-p:CompareMode=" + mode,
                        "-o", out, "-nologo", "-v", "q"], **QUIET)
    finally:
        shutil.rmtree(rid_obj, ignore_errors=True)
    return [os.path.join(out, name)] if mode == "aot" else ["dotnet", os.path.join(out, name + ".dll")]


def _build_against_packages(root, project_dir, name, out):
    feed = os.path.join(out, "feed")
    shutil.rmtree(out, ignore_errors=True)
    # A version of its own, restored into a packages folder of its own: never a stale package.
    version = "0.0.0-compare." + time.strftime("%Y%m%d%H%M%S")
    text = open(os.path.join(project_dir, name + ".csproj")).read()
    for folder in PACKAGES:
        if folder == "Zarr.Runtime" or folder in text:
            subprocess.run(["dotnet", "pack", os.path.join(root, "src", folder), "-c", "Release", "-o", feed,
                            "-p:PackageVersion=" + version, "-nologo", "-v", "q"], **QUIET)
    props = ["-p:ZarrTypedPackageVersion=" + version, "-p:RestoreAdditionalProjectSources=" + feed,
             "-p:RestorePackagesPath=" + os.path.join(out, "packages")]
    # A copy of the program (still under the repository's Directory.*.props), so its obj/ is its own.
    copy = os.path.join(out, name)
    shutil.copytree(project_dir, copy, ignore=shutil.ignore_patterns("bin", "obj"))
    subprocess.run(["dotnet", "build", copy, "-c", "Release", *props, "-o", os.path.join(out, "bin"), "-nologo", "-v", "q"], **QUIET)
    return ["dotnet", os.path.join(out, "bin", name + ".dll")]
