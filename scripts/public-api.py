#!/usr/bin/env python3
"""Declares an intended public API change of the shipped libraries (Zarr.Runtime, Zarr.Stores.S3,
Zarr.Stores.Azure) in their PublicAPI.Unshipped.txt, from what PublicApiAnalyzers reports in a build:
RS0016 (a public symbol no file declares) adds its line, RS0017 (a declared symbol that is gone)
drops it from Unshipped or, if it had shipped, adds the *REMOVED* line. It does what the IDE's
RS0016 code fix does, and also for generated code (Hierarchy/Typed/ZarrArrayRanks.g.cs), which the
code fix skips. Review the diff: every line is an API change.

    python3 scripts/public-api.py           declare the changes the build reports
    python3 scripts/public-api.py --ship    at a release: fold Unshipped into Shipped
"""
import os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# In dependency order: a library builds only once the ones it references do.
PROJECTS = ["src/Zarr.Runtime", "src/Zarr.Stores.S3", "src/Zarr.Stores.Azure"]
ADDED = re.compile(r"RS0016: Symbol '(.*)' is not part of the declared public API")
GONE = re.compile(r"RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found")
REMOVED = "*REMOVED*"


def read(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return lines[0], [l for l in lines[1:] if l.strip()]


def write(path, head, lines):
    # Sorted as the code fix sorts, without regard to case.
    body = sorted(set(lines), key=lambda l: (l.removeprefix(REMOVED).lower(), l))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(head + "\n" + "".join(l + "\n" for l in body))


def declare(project):
    directory = os.path.join(ROOT, project)
    name = os.path.basename(project)
    build = subprocess.run(
        ["dotnet", "build", os.path.join(directory, name + ".csproj"), "-c", "Release", "-nologo", "-v", "q"],
        cwd=ROOT, capture_output=True, text=True)
    # Only this project's own diagnostics: its references were declared in an earlier round.
    report = [l for l in build.stdout.splitlines() if l.rstrip().endswith(name + ".csproj]")]
    added = {m.group(1) for l in report if (m := ADDED.search(l))}
    gone = {m.group(1) for l in report if (m := GONE.search(l))}
    shipped_path = os.path.join(directory, "PublicAPI.Shipped.txt")
    unshipped_path = os.path.join(directory, "PublicAPI.Unshipped.txt")
    _, shipped = read(shipped_path)
    head, unshipped = read(unshipped_path)
    unshipped = [l for l in unshipped if l not in gone]
    unshipped += [REMOVED + s for s in gone if s in shipped]
    unshipped += [s for s in added if REMOVED + s not in unshipped]
    unshipped = [l for l in unshipped if not (l.startswith(REMOVED) and l[len(REMOVED):] in added)]
    write(unshipped_path, head, unshipped)
    print(f"{project}: {len(added)} added, {len(gone)} removed")
    others = [l for l in report if " error " in l and not (ADDED.search(l) or GONE.search(l))]
    if others:
        print("\n".join(sorted(set(others))), file=sys.stderr)
        sys.exit(f"{project} has other build errors; fix them and run this again.")


def ship(project):
    directory = os.path.join(ROOT, project)
    shipped_path = os.path.join(directory, "PublicAPI.Shipped.txt")
    unshipped_path = os.path.join(directory, "PublicAPI.Unshipped.txt")
    head, shipped = read(shipped_path)
    unshipped_head, unshipped = read(unshipped_path)
    removed = {l[len(REMOVED):] for l in unshipped if l.startswith(REMOVED)}
    shipped = [l for l in shipped if l not in removed] + [l for l in unshipped if not l.startswith(REMOVED)]
    write(shipped_path, head, shipped)
    write(unshipped_path, unshipped_head, [])
    print(f"{project}: {len(unshipped)} lines shipped")


for p in PROJECTS:
    (ship if "--ship" in sys.argv[1:] else declare)(p)
