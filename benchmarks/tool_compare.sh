#!/usr/bin/env bash
# Times `zarr info` and `zarr cat` of compare.py's w1 array (10000² int32, Blosc, 1000² chunks) as whole
# processes, start-up included, with hyperfine (Debian's package): the tool as `dotnet tool install` puts
# it on this machine (Native AOT on linux-x64), the same tool's framework-dependent build (the package
# other RIDs get), and /usr/bin/python3 -c 'import zarr; ...' doing the same.
#
# Usage: bash benchmarks/tool_compare.sh [runs]     (default 30; prints two markdown tables)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-30}
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install hyperfine" >&2; exit 2; }

work=$root/artifacts/tool-compare
rm -rf "$work"
mkdir -p "$work"
feed=$work/feed
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
quiet=(-c Release -o "$feed" -nologo -v q)
dotnet pack src/Zarr.Cli "${quiet[@]}" >/dev/null            # the top-level package, naming the others
dotnet pack src/Zarr.Cli -r any "${quiet[@]}" >/dev/null     # framework-dependent, for every other RID
dotnet pack src/Zarr.Cli -r "$rid" "${quiet[@]}" >/dev/null  # Native AOT for this machine
version=$(ls "$feed" | sed -n 's/^zarr-typed-cli\.\([0-9].*\)\.nupkg$/\1/p')
NUGET_PACKAGES=$work/packages dotnet tool install --tool-path "$work/tool" --add-source "$feed" zarr-typed-cli --version "$version" >/dev/null
/usr/bin/python3 - "$feed/zarr-typed-cli.any.$version.nupkg" "$work/any" <<'EOF'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
EOF
/usr/bin/python3 -c "import sys; sys.path.insert(0, 'benchmarks'); import compare; compare.prepare('$work')"
store=$work/w1.zarr
native=$work/tool/zarr
portable="dotnet $work/any/tools/net10.0/any/zarr.dll"
python="/usr/bin/python3 -c"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for op in info cat; do
  if [ "$op" = info ]; then
    args="info $store"
    py="import zarr; print(zarr.open_array('$store', mode='r').info)"
  else
    args="cat $store 0:3,0:5"
    py="import zarr; print(zarr.open_array('$store', mode='r')[0:3, 0:5])"
  fi
  hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/$op.md" \
    -n "zarr $op (installed, $rid)" "$native $args" \
    -n "zarr $op (framework-dependent)" "$portable $args" \
    -n "python3 zarr $op" "$python \"$py\"" >/dev/null
  cat "$work/$op.md"
  echo
done
rm -rf "$work/w1.zarr"
