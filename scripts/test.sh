#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need (Debian's
# python3-zarr, python3-numcodecs and python3-zfpy, the judges of byte compatibility, and libzfp1,
# which the zfpy codec loads), builds everything in
# Release, runs every test project, and ends with one line: "N passed, M failed, K skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_python=0
# The judges: zarr-python and numcodecs, with zfpy (whose libzfp the zfpy codec also loads).
packages="python3-zarr python3-numcodecs python3-zfpy libzfp1"
if ! /usr/bin/python3 -c "import zarr, numcodecs, zfpy" >/dev/null 2>&1; then need_python=1; fi
if ! { ldconfig -p 2>/dev/null | grep -q 'libzfp\.so\.1'; }; then need_python=1; fi
if [ "$need_python" = 1 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  # Say what is about to happen before apt (and, when not root, sudo) runs: sudo may ask for a password.
  echo "== /usr/bin/python3 cannot import zarr, numcodecs and zfpy (or libzfp.so.1 is missing): installing Debian's $packages"
  if [ -n "$SUDO" ]; then
    echo "   with 'sudo apt-get update' and 'sudo apt-get install -y $packages' (sudo may ask for your password)"
  else
    echo "   with 'apt-get update' and 'apt-get install -y $packages' (running as root)"
  fi
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $packages >/dev/null 2>&1 \
    || echo "warning: could not install $packages; interop tests will fail under CI and skip elsewhere"
fi

# The node packages of tests/servers, from the npm registry: the object-store servers the tests start
# on 127.0.0.1 (s3rver, azurite) and zarrita, the independent Zarr v3 implementation the v3 interop
# tests run (tests/peers/zarrita). Reinstalled when one is missing or package-lock.json is newer than
# the last install (npm ci records it in node_modules/.package-lock.json).
servers_installed() {
  local m=tests/servers/node_modules
  [ -f $m/s3rver/bin/s3rver.js ] && [ -f $m/azurite/dist/src/blob/main.js ] \
    && [ -f $m/zarrita/dist/src/index.js ] && [ -f $m/@zarrita/storage/dist/src/fs.js ] \
    && [ -f $m/.package-lock.json ] && [ ! tests/servers/package-lock.json -nt $m/.package-lock.json ]
}
if ! servers_installed; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "== installing nodejs and npm (Debian packages${SUDO:+, with sudo})"
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null 2>&1 \
      || echo "warning: could not install nodejs/npm; the object-store and zarrita interop tests will fail"
  fi
  echo "== installing the test servers and zarrita (npm ci in tests/servers)"
  (cd tests/servers && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || echo "warning: npm ci failed in tests/servers; the object-store and zarrita interop tests will fail"
fi

echo "== building"
if ! dotnet build Zarr.Typed.sln -c Release -nologo -v q; then
  echo "0 passed, 1 failed, 0 skipped"
  echo "build failed" >&2
  exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== testing $name"
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# Sum the counters of every TRX file, so a run that tested nothing is visible.
read -r passed failed skipped < <(
  python_sum() {
    local p=0 f=0 s=0
    for trx in "$results"/*.trx; do
      [ -f "$trx" ] || continue
      line=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
      get() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
      total=$(get total); executed=$(get executed); pa=$(get passed); fa=$(get failed)
      er=$(get error); to=$(get timeout); ab=$(get aborted)
      p=$((p + ${pa:-0}))
      f=$((f + ${fa:-0} + ${er:-0} + ${to:-0} + ${ab:-0}))
      s=$((s + ${total:-0} - ${executed:-0}))
    done
    echo "$p $f $s"
  }
  python_sum
)
count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
expected=$(ls tests/*/*.csproj | wc -l)
if [ "$count" -lt "$expected" ]; then
  echo "only $count of $expected test projects produced results" >&2
  status=1
  failed=$((failed + expected - count))
fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
