#!/usr/bin/python3
"""Reads the w1 array of benchmarks/compare.py (10000x10000 int32, Blosc, 1000x1000 chunks,
consolidated) whole and as 200 random 300x300 windows from object stores on 127.0.0.1, and prints
the median time, throughput and requests of each:

  - over HTTP: zarr-python 2.13 through fsspec's HTTPFileSystem (Debian's python3-fsspec,
    python3-aiohttp) against Zarr.Typed's HttpStore, alternating, same server: the ratio is
    zarr-python / ours. Two static servers over the same folder, both keeping connections alive:
    node's (benchmarks/static_server.js), and the threading server of Python's standard library,
    which spends about a millisecond of Python per request, so that it sets much of both times;
  - from s3rver (S3) and azurite (Azure Blob), the npm packages the tests use, with parallel
    requests (concurrency 16) and one at a time;
  - from local disk.

Usage: /usr/bin/python3 benchmarks/object_stores.py [--reps N] [--size N] [--dir DIR] [--only http,s3,azure,local]
       [--modes whole,windows] [--build aot|r2r|jit|package]
       [--http-servers node,python] [--http 1.1|1.0]
Needs: dotnet, node with tests/servers installed (npm ci), /usr/bin/python3 with zarr, fsspec, aiohttp.
Each side times the operation inside its own process (start-up excluded), in a fresh process per rep.
Our side is published as an application ships, as in compare.py (--build): aot (default) is Native AOT
for this machine's CPU, so no JIT compilation lands inside the timed region; r2r is ReadyToRun; jit is
the plain build, which compiles every method on its first use inside the timed region.
"""
import argparse, http.server, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import Lcg  # the windows compare.py's w7 reads  # noqa: E402
import ourside  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc=None, timeout=60):
    t = time.time()
    while time.time() - t < timeout:
        if proc is not None and proc.poll() is not None:
            raise SystemExit("server exited: %s" % proc.args)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server on port %d did not start" % port)


def python_side(url, mode):
    """Runs in a child: zarr-python over fsspec HTTP."""
    import fsspec, zarr
    t = time.perf_counter()
    z = zarr.open_consolidated(fsspec.get_mapper(url), mode="r")["w1"]
    if mode == "whole":
        a = z[:]
        check = int(a.flat[12345])
    else:
        rng = Lcg(7)
        check = 0
        for _ in range(200):
            r, c = rng.next(10000 - 300), rng.next(10000 - 300)
            check += int(z[r:r + 300, c:c + 300][0, 0])
    el = time.perf_counter() - t
    assert check != 0
    print("%.6f" % el)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--python":
        python_side(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--size", type=int, default=10000, help="rows and columns of w1 (10000 as in compare.py)")
    ap.add_argument("--dir", default=None)
    ap.add_argument("--only", default="http,s3,azure,local", help="which stores to read from (comma-separated)")
    ap.add_argument("--modes", default="whole,windows", help="which reads (comma-separated)")
    ap.add_argument("--build", choices=ourside.MODES, default="aot", help="how our side is built (see the docstring)")
    ap.add_argument("--http", choices=("1.1", "1.0"), default="1.1",
                    help="HTTP version of the static server: 1.1 keeps connections alive, as object stores and web servers do; "
                         "1.0 (Python's default) opens a new connection for every request")
    ap.add_argument("--http-servers", default="node,python",
                    help="static HTTP servers to read from (comma-separated): node (benchmarks/static_server.js), python (http.server)")
    args = ap.parse_args()
    http_servers = [x for x in ("node", "python") if x in args.http_servers.split(",")]
    only, modes = set(args.only.split(",")), [m for m in ("whole", "windows") if m in args.modes.split(",")]
    if args.size != 10000:
        raise SystemExit("--size other than 10000 is not supported: the windows and checks assume w1's shape")
    work = args.dir or tempfile.mkdtemp(prefix="zarr-objbench-")
    servers = os.path.join(ROOT, "tests", "servers", "node_modules")
    env = dict(os.environ)
    procs = []
    try:
        # The data: w1 written by zarr-python, consolidated.
        import numpy as np, zarr
        store_dir = os.path.join(work, "w.zarr")
        if not os.path.exists(os.path.join(store_dir, ".zmetadata")):
            g = zarr.open_group(store_dir, mode="w")
            z = g.create("w1", shape=(10000, 10000), chunks=(1000, 1000), dtype="i4")
            z[:] = np.arange(10000 * 10000, dtype="i4").reshape(10000, 10000)
            zarr.consolidate_metadata(store_dir)

        # Our side, built once.
        bench_command = ourside.build(ROOT, "benchmarks/ObjectStoreBench", args.build, "object-stores-" + args.build)
        cli = os.path.join(ROOT, "src", "Zarr.Cli", "bin", "Release", "net10.0", "zarr.dll")
        if not os.path.exists(cli):
            subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Zarr.Cli"), "-c", "Release", "-nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)

        # HTTP: Python's threading static server over the folder.
        http_port = free_port()
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=work, **k)

            def log_message(self, *a):
                pass

        # Keep-alive as every object store and web server offers it; Python's handler defaults to
        # HTTP/1.0 (one connection, one thread per request), which made the server the bottleneck.
        # With connections kept alive, Nagle's algorithm against the client's delayed ACK stalls every
        # response whose headers and body leave in separate writes by ~40 ms: send at once.
        Quiet.protocol_version = "HTTP/" + args.http
        Quiet.disable_nagle_algorithm = True

        http.server.ThreadingHTTPServer.daemon_threads = True
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", http_port), Quiet)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        http_urls = {"python": "http://127.0.0.1:%d/w.zarr" % http_port}

        # HTTP: node's HTTP server over the same folder (benchmarks/static_server.js), so that the
        # server's own cost per request does not set the time of both clients.
        if "node" in http_servers:
            node_port = free_port()
            procs.append(subprocess.Popen(["node", os.path.join(ROOT, "benchmarks", "static_server.js"), work, str(node_port)], stdout=subprocess.DEVNULL))
            wait_port(node_port, procs[-1])
            http_urls["node"] = "http://127.0.0.1:%d/w.zarr" % node_port

        # s3rver and azurite, copied into with our zarr tool.
        if only & {"s3", "azure"}:
            start_object_servers(servers, work, env, procs, cli, bench_command, store_dir)

        def ours(url, mode, conc):
            out = subprocess.run([*bench_command, url, mode, str(conc)], check=True, env=env, capture_output=True, text=True).stdout.split()
            return float(out[0]), int(out[1]), int(out[2])

        def theirs(url, mode):
            out = subprocess.run([sys.executable, os.path.abspath(__file__), "--python", url, mode], check=True, capture_output=True, text=True).stdout.split()
            return float(out[0])

        rows = []
        for server in http_servers if "http" in only else ():
            for mode in modes:
                py, us, req = [], [], 0
                for _ in range(args.reps):
                    py.append(theirs(http_urls[server], mode))
                    s, req, _b = ours(http_urls[server], mode, 16)
                    us.append(s)
                rows.append(("http (%s server) %s" % (server, mode), statistics.median(py), statistics.median(us), req))
        for name, url in (("s3", "s3://bench/w.zarr"), ("azure", "az://bench/w.zarr"), ("local", store_dir)):
            if name not in only:
                continue
            for mode in modes:
                for conc in (16, 1):
                    times, req = [], 0
                    for _ in range(args.reps):
                        s, req, _b = ours(url, mode, conc)
                        times.append(s)
                    rows.append(("%s %s c=%d" % (name, mode, conc), None, statistics.median(times), req))
        mb = 10000 * 10000 * 4 / 1e6
        print("| read | zarr-python (s) | ours (s) | ratio | ours MB/s | requests |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, py, us, req in rows:
            size = mb if "whole" in name else 200 * 300 * 300 * 4 / 1e6
            print("| %s | %s | %.3f | %s | %.0f | %d |" % (name, "%.3f" % py if py else "", us, "%.2fx" % (py / us) if py else "", size / us, req))
        print("(%d reps, medians; %d cores; our side: %s build; HTTP server: HTTP/%s; concurrency c = requests in flight; our HTTP reads use 16)" % (args.reps, os.cpu_count(), args.build, args.http))
    finally:
        for p in procs:
            p.kill()
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


def start_object_servers(servers, work, env, procs, cli, bench_command, store_dir):
    """s3rver and azurite on free ports, w.zarr copied into each with our zarr tool; env gets their variables."""
    s3_port, az_port = free_port(), free_port()
    s3_dir, az_dir = os.path.join(work, "s3rver"), os.path.join(work, "azurite")
    os.makedirs(os.path.join(s3_dir, "bench"), exist_ok=True)
    os.makedirs(az_dir, exist_ok=True)
    procs.append(subprocess.Popen(["node", os.path.join(servers, "s3rver", "bin", "s3rver.js"), "-d", s3_dir, "-a", "127.0.0.1", "-p", str(s3_port), "--silent", "--configure-bucket", "bench"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    procs.append(subprocess.Popen(["node", os.path.join(servers, "azurite", "dist", "src", "blob", "main.js"), "--blobHost", "127.0.0.1", "--blobPort", str(az_port), "--location", az_dir, "--silent", "--skipApiVersionCheck", "--loose"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    wait_port(s3_port, procs[0]); wait_port(az_port, procs[1])
    account_key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # azurite's documented dev account
    env.update({
        "AWS_ENDPOINT_URL": "http://127.0.0.1:%d" % s3_port, "AWS_ACCESS_KEY_ID": "S3RVER", "AWS_SECRET_ACCESS_KEY": "S3RVER", "AWS_REGION": "us-east-1",
        "AZURE_STORAGE_CONNECTION_STRING": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%d/devstoreaccount1;" % (account_key, az_port),
    })
    subprocess.run(["dotnet", cli, "copy", store_dir, "s3://bench/w.zarr", "--quiet"], check=True, env=env)
    subprocess.run([*bench_command, "mkcontainer", "bench"], check=True, env=env)
    subprocess.run(["dotnet", cli, "copy", store_dir, "az://bench/w.zarr", "--quiet"], check=True, env=env)


if __name__ == "__main__":
    main()
