"""zarr-python 2.13 as the judge of Zarr.Typed's conformance (issue 7).

Run by the C# tests with Debian's /usr/bin/python3 (zarr 2.13, numcodecs 0.11). Two commands, each
one process for the whole matrix so that the run takes seconds:

  conformance.py make ROOT    < cases.json
      Builds every case with zarr-python under ROOT/py (directory or zip stores) and writes
      ROOT/manifest.json: per case the metadata documents' bytes, every key of the store, per array
      the data as zarr-python reads it back (C-order raw bytes, or items for object arrays), the fill
      value's raw bytes, patch data for the mixed cases, and info/tree texts.

  conformance.py verify ROOT  < request.json
      Checks what C# wrote under ROOT/cs: for each case zarr-python builds the same nodes with the
      same creation calls and the same writes in a MemoryStore (the reference) and compares the key
      set, the bytes of every metadata document, every chunk after the compressor (i.e. the filter
      output, byte for byte) and the data zarr-python reads. Then it overwrites part of the C#
      arrays of the mixed cases (C# reads them back afterwards), and checks the Python arrays that
      C# overwrote under ROOT/mixed. Prints one JSON object of results.

A case (JSON, built by ConformanceMatrix.cs):
  {"name", "store": "dir"|"zip", "consolidate": bool, "info": [paths], "tree": [paths],
   "nodes": [{"path", "kind": "group"|"array", "attrs": {...},
              "create": {shape, chunks, dtype, compressor, filters, fill_value, order,
                         dimension_separator, write_empty_chunks},
              "data": {"gen": ..., "seed": n, ...}, "writes": [null | [[start, stop], ...]],
              "patch": {"region": [[start, stop], ...], "seed": n, "resize": [shape]}}]}
A missing "compressor" means zarr-python's default; {"bytes": base64} stands for a bytes value.
"""

import base64
import json
import os
import shutil
import sys
import traceback

import numpy as np
import numcodecs
import zarr
from zarr.meta import Metadata2

META_SUFFIXES = (".zarray", ".zgroup", ".zattrs", ".zmetadata")
UNICODE_POOL = ["a", "b", "Z", " ", "\u00e9", "\u00df", "\u4e2d", "\u03a9", "\U0001F600", "\u0000x"]


def b64(b):
    return base64.b64encode(bytes(b)).decode("ascii")


def unb64(s):
    return base64.b64decode(s)


# ---- specs to zarr-python arguments -----------------------------------------------------------

def py_dtype(d):
    if d == "str":
        return str
    if d == "bytes":
        return bytes
    return Metadata2.decode_dtype(d)


def np_dtype(d):
    if d == "str" or d == "bytes":
        return np.dtype(object)
    return np.dtype(Metadata2.decode_dtype(d))


def py_fill(v, dt):
    if isinstance(v, dict) and "bytes" in v:
        return unb64(v["bytes"])  # S, V and structured take bytes (zarr's normalize_fill_value)
    if v is None:
        return None
    if dt.kind in "fc" and isinstance(v, str):
        return float(v)
    if dt.kind == "c" and isinstance(v, list):
        return complex(float(v[0]), float(v[1]))
    if dt.kind in "mM":
        if v == "NaT":
            return np.array("NaT", dtype=dt)[()]
        return np.array(v, dtype=np.int64).view(dt)[()]
    return v


def create_kwargs(node):
    c = node["create"]
    dt = np_dtype(c["dtype"])
    kw = dict(shape=tuple(c["shape"]), dtype=py_dtype(c["dtype"]))
    if "chunks" in c:
        ch = c["chunks"]
        kw["chunks"] = tuple(ch) if isinstance(ch, list) else ch
    if "compressor" in c:
        kw["compressor"] = None if c["compressor"] is None else numcodecs.get_codec(dict(c["compressor"]))
    if c.get("filters") is not None:
        kw["filters"] = [numcodecs.get_codec(dict(f)) for f in c["filters"]]
    if "fill_value" in c:
        kw["fill_value"] = py_fill(c["fill_value"], dt)
    for k in ("order", "dimension_separator", "write_empty_chunks"):
        if k in c:
            kw[k] = c[k]
    return kw


def object_kind(node):
    """What the items of an object array are: 'str', 'bytes' or a vlen-array dtype."""
    c = node["create"]
    if c["dtype"] == "str":
        return "str"
    if c["dtype"] == "bytes":
        return "bytes"
    first = c["filters"][0]
    if first["id"] == "vlen-bytes":
        return "bytes"
    if first["id"] == "vlen-array":
        return np.dtype(first["dtype"])
    return "str"


# ---- data -------------------------------------------------------------------------------------

def gen_data(node, shape, seed):
    spec = node.get("data", {})
    dt = np_dtype(node["create"]["dtype"])
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape)) if len(shape) else 1
    gen = spec.get("gen", "random")
    if gen == "labels":
        labels = spec["labels"]
        picks = [labels[i] for i in rng.integers(0, len(labels), n)]
        if n > 3:
            picks[1] = "not-a-label"
        return np.array(picks, dtype=dt).reshape(shape)
    if gen == "fill-blocks":
        # Random values with whole chunks of one value, for write_empty_chunks=False.
        a = gen_data(dict(node, data={"seed": seed}), shape, seed).copy()
        v = py_fill(spec["value"], dt)
        if isinstance(v, bytes) and dt.kind == "V":
            v = np.frombuffer(v.ljust(dt.itemsize, b"\0"), dtype=dt)[0]
        a[tuple(slice(0, s // 2) for s in shape)] = v
        return a
    if gen == "zero-blocks":
        # Values with whole chunks of zeros, for write_empty_chunks.
        a = rng.integers(1, 100, n).astype(dt).reshape(shape)
        a[tuple(slice(0, s // 2) for s in shape)] = 0
        return a
    if dt.kind == "O":
        kind = object_kind(node)
        out = np.empty(n, dtype=object)
        for i in range(n):
            k = int(rng.integers(0, 9))
            if isinstance(kind, np.dtype):
                if kind.kind == "f":
                    out[i] = rng.standard_normal(k).astype(kind)
                elif kind.kind == "b":
                    out[i] = rng.integers(0, 2, k).astype(kind)
                else:
                    info = np.iinfo(kind)
                    out[i] = rng.integers(max(info.min, -1000), min(info.max, 1000), k).astype(kind)
            elif kind == "bytes":
                out[i] = rng.bytes(k)
            else:
                out[i] = "".join(UNICODE_POOL[j] for j in rng.integers(0, len(UNICODE_POOL), k))
        return out.reshape(shape)
    if gen == "small":
        return rng.integers(-50, 50, n).astype(dt).reshape(shape)
    if gen == "range":
        lo, hi = spec["range"]
        return (lo + (hi - lo) * rng.random(n)).astype(dt).reshape(shape)
    if gen == "bytes" or dt.kind in "SV":
        raw = rng.bytes(n * dt.itemsize)
        return np.frombuffer(raw, dtype=dt).copy().reshape(shape)
    if dt.kind == "b":
        return rng.integers(0, 2, n).astype(dt).reshape(shape)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(info.min, info.max, n, dtype=np.dtype(dt.str[1:]), endpoint=True).astype(dt).reshape(shape)
    if dt.kind == "f":
        a = (rng.standard_normal(n) * 1000).astype(dt)
        if n >= 6 and spec.get("specials", True):
            a[1], a[3], a[4], a[5] = np.nan, np.inf, -np.inf, -0.0
        return a.reshape(shape)
    if dt.kind == "c":
        a = (rng.standard_normal(n) * 100 + 1j * rng.standard_normal(n)).astype(dt)
        if n >= 4 and spec.get("specials", True):
            a[1] = complex(np.nan, 1.0)
            a[3] = complex(-np.inf, -0.0)
        return a.reshape(shape)
    if dt.kind in "mM":
        a = rng.integers(-10**12, 10**12, n).astype(np.int64)
        if n >= 3:
            a[2] = np.iinfo(np.int64).min  # NaT
        return a.view(dt).reshape(shape)
    if dt.kind == "U":
        chars = dt.itemsize // 4
        vals = ["".join(UNICODE_POOL[j] for j in rng.integers(0, len(UNICODE_POOL), int(rng.integers(0, chars + 1))))[:chars] for _ in range(n)]
        return np.array(vals, dtype=dt).reshape(shape)
    raise ValueError("no generator for dtype %r" % (dt,))


def region_slices(region, ndim):
    if region is None:
        return Ellipsis
    return tuple(slice(a, b) for a, b in region)


def encode_data(a, node):
    """The manifest form of an array: C-order raw bytes, or the items of an object array."""
    a = np.asarray(a)
    if a.dtype.kind != "O":
        return {"b64": b64(np.ascontiguousarray(a).tobytes())}
    kind = object_kind(node)
    items = []
    for x in a.reshape(-1, order="C"):
        if isinstance(kind, np.dtype) and x is not None and not isinstance(x, np.ndarray):
            # vlen-array stores np.ascontiguousarray(x, dtype): the fill 0 of missing chunks is [0].
            x = np.ascontiguousarray(x, dtype=kind).reshape(-1)
        if x is None or (isinstance(x, int) and x == 0):
            items.append(None)
        elif isinstance(x, str):
            items.append(x)
        elif isinstance(x, bytes):
            items.append({"b64": b64(x)})
        elif isinstance(x, np.ndarray):
            items.append({"b64": b64(np.ascontiguousarray(x).tobytes())})
        else:
            items.append({"repr": repr(x)})
    return {"items": items}


def decode_data(enc, node, shape):
    dt = np_dtype(node["create"]["dtype"])
    if "b64" in enc:
        return np.frombuffer(unb64(enc["b64"]), dtype=dt).copy().reshape(shape)
    kind = object_kind(node)
    out = np.empty(len(enc["items"]), dtype=object)
    for i, x in enumerate(enc["items"]):
        if x is None:
            out[i] = None
        elif isinstance(x, str):
            out[i] = x
        elif isinstance(kind, np.dtype):
            out[i] = np.frombuffer(unb64(x["b64"]), dtype=kind).copy()
        else:
            out[i] = unb64(x["b64"])
    return out.reshape(shape)


def data_equal(a, b):
    """Exact equality: raw bytes for fixed-size types (NaN payloads and -0.0 included), items otherwise.
    Returns None or a description of the first difference."""
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        return (), "shape %r != %r" % (a.shape, b.shape)
    if a.dtype != b.dtype:
        return (), "dtype %s != %s" % (a.dtype, b.dtype)
    fa, fb = a.reshape(-1), b.reshape(-1)
    for i in range(fa.size):
        x, y = fa[i], fb[i]
        if a.dtype.kind == "O":
            same = norm_obj(x) == norm_obj(y)
        else:
            same = fa[i:i + 1].tobytes() == fb[i:i + 1].tobytes()
        if not same:
            idx = tuple(int(j) for j in (np.unravel_index(i, a.shape) if a.shape else ()))
            if a.dtype.kind == "O":
                return idx, "element %s: %r != %r" % (idx, x, y)
            return idx, "element %s: %r (stored %s) != %r (stored %s)" % (idx, x, fa[i:i + 1].tobytes().hex(), y, fb[i:i + 1].tobytes().hex())
    return None


def chunk_key(z, idx):
    """The store key of the chunk holding element idx."""
    if not idx:
        return z._key_prefix + "0"
    return z._key_prefix + (z._dimension_separator or ".").join(str(i // c) for i, c in zip(idx, z.chunks))


def norm_obj(x):
    if x is None or (isinstance(x, int) and not isinstance(x, bool) and x == 0) or x == "" or x == b"":
        return None
    if isinstance(x, np.ndarray):
        return (x.dtype.str, x.tobytes())
    return x


# ---- building stores --------------------------------------------------------------------------

def open_store(case, where, mode):
    if case["store"] == "zip":
        return zarr.ZipStore(where + ".zip", mode=mode)
    if mode == "w" and os.path.exists(where):
        shutil.rmtree(where)
    return zarr.DirectoryStore(where)


def close_store(store):
    if isinstance(store, zarr.ZipStore):
        store.close()


def build(case, store, data_for):
    """Creates every node as the case says; data_for(node) gives the full-shape source data."""
    for node in case["nodes"]:
        path = node["path"]
        if node["kind"] == "group":
            g = zarr.open_group(store=store, mode="a", path=path)
            if "attrs" in node:
                g.attrs.put(node["attrs"])
            continue
        z = zarr.create(store=store, path=path, **create_kwargs(node))
        writes = node.get("writes", [None])
        if writes:
            src = data_for(node, z.shape)
            for region in writes:
                sel = region_slices(region, z.ndim)
                z[sel] = src[sel]
        if "attrs" in node:
            z.attrs.put(node["attrs"])
    if case.get("consolidate"):
        zarr.consolidate_metadata(store)


def all_keys(store):
    if isinstance(store, zarr.DirectoryStore):
        return sorted(store.keys())
    return sorted(store.keys())


def info_texts(case, store):
    info, tree = {}, {}
    for p in case.get("info", []):
        info[p] = repr(zarr.open(store=store, mode="r", path=p).info)
    for p in case.get("tree", []):
        tree[p] = str(zarr.open_group(store=store, mode="r", path=p).tree())
    return info, tree


def apply_patch(z, node, patch_data):
    if "resize" in node["patch"]:
        z.resize(*node["patch"]["resize"])
    sel = region_slices(node["patch"]["region"], z.ndim)
    z[sel] = patch_data


def patch_data(node, shape):
    region = node["patch"]["region"]
    pshape = tuple(b - a for a, b in region)
    return gen_data(node, pshape, node["patch"]["seed"])


# ---- make -------------------------------------------------------------------------------------

def make(root, cases):
    pyroot = os.path.join(root, "py")
    os.makedirs(pyroot, exist_ok=True)
    manifest = {"zarr": zarr.__version__, "numcodecs": numcodecs.__version__, "cases": {}}
    for case in cases:
        name = case["name"]
        entry = {}
        manifest["cases"][name] = entry
        try:
            where = os.path.join(pyroot, name)
            store = open_store(case, where, "w")
            try:
                build(case, store, lambda node, shape: gen_data(node, shape, node.get("data", {}).get("seed", 1)))
            finally:
                close_store(store)
            store = open_store(case, where, "r")
            try:
                keys = all_keys(store)
                entry["keys"] = keys
                entry["meta"] = {k: b64(store[k]) for k in keys if k.endswith(META_SUFFIXES)}
                entry["arrays"] = {}
                for node in case["nodes"]:
                    if node["kind"] != "array":
                        continue
                    z = zarr.open_array(store=store, mode="r", path=node["path"])
                    arr = {"data": encode_data(z[...], node)}
                    if z.dtype.kind != "O":
                        arr["fill"] = None if z.fill_value is None else b64(np.array(z.fill_value, dtype=z.dtype).tobytes())
                    if "patch" in node:
                        p = patch_data(node, z.shape)
                        arr["patch"] = encode_data(p, node)
                        mem = zarr.MemoryStore()
                        zarr.copy_store(store, mem)
                        zm = zarr.open_array(store=mem, mode="r+", path=node["path"])
                        apply_patch(zm, node, p)
                        arr["after_patch"] = encode_data(zm[...], node)
                    entry["arrays"][node["path"]] = arr
                entry["info"], entry["tree"] = info_texts(case, store)
            finally:
                close_store(store)
        except Exception:
            entry["error"] = traceback.format_exc()
    with open(os.path.join(root, "manifest.json"), "w") as f:
        json.dump(manifest, f)


# ---- verify -----------------------------------------------------------------------------------

def chunk_payload(z, raw):
    """A chunk after the compressor: the filters' encoded bytes, which every writer must agree on."""
    comp = z.compressor
    if comp is not None:
        if comp.codec_id == "zfpy":
            return bytes(raw)  # lossy: the compressed stream itself must be the same
        raw = comp.decode(raw)
    return bytes(raw)


def compare_stores(case, got, ref, errors):
    gk, rk = all_keys(got), all_keys(ref)
    if gk != rk:
        errors.append("keys differ: only in C# %s, only in zarr-python %s" % (sorted(set(gk) - set(rk)), sorted(set(rk) - set(gk))))
    for k in rk:
        if k in gk and k.endswith(META_SUFFIXES) and bytes(got[k]) != bytes(ref[k]):
            errors.append("key %s: bytes differ\n--- C# ---\n%s\n--- zarr-python ---\n%s" % (k, bytes(got[k]).decode("latin-1"), bytes(ref[k]).decode("latin-1")))
    for node in case["nodes"]:
        if node["kind"] != "array":
            continue
        path = node["path"]
        try:
            zg = zarr.open_array(store=got, mode="r", path=path)
        except Exception as e:
            errors.append("array %r: zarr-python cannot open it: %s" % (path, e))
            continue
        zr = zarr.open_array(store=ref, mode="r", path=path)
        prefix = path + "/" if path else ""
        for k in rk:
            if k in gk and k.startswith(prefix) and not k.endswith(META_SUFFIXES):
                try:
                    a, b = chunk_payload(zg, got[k]), chunk_payload(zr, ref[k])
                except Exception as e:
                    errors.append("key %s: the compressor cannot decode C#'s chunk: %s" % (k, e))
                    continue
                if a is not None and a != b:
                    first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
                    errors.append("key %s: the chunk differs after the compressor (%d vs %d bytes), first at byte %d" % (k, len(a), len(b), first))
        try:
            d = data_equal(zg[...], zr[...])
            if d:
                errors.append("key %s, %s (C# wrote, zarr-python's own array holds the second)" % (chunk_key(zr, d[0]), d[1]))
        except Exception as e:
            errors.append("array %r: zarr-python cannot read it: %s" % (path, e))


def verify(root, request):
    cases = {c["name"]: c for c in request["cases"]}
    with open(os.path.join(root, "manifest.json")) as f:
        manifest = json.load(f)["cases"]
    results = {}
    for name in request["written"]:
        case = cases[name]
        res = {"errors": []}
        results[name] = res
        try:
            entry = manifest[name]
            sources = {p: a["data"] for p, a in entry["arrays"].items()}
            ref = zarr.MemoryStore()
            build(case, ref, lambda node, shape: decode_data(sources[node["path"]], node, shape))
            got = open_store(case, os.path.join(root, "cs", name), "r")
            try:
                compare_stores(case, got, ref, res["errors"])
                res["info"], res["tree"] = info_texts(case, got)
            finally:
                close_store(got)
            # Mixed, C# first: zarr-python overwrites part of what C# wrote; C# reads it back.
            patched = [n for n in case["nodes"] if "patch" in n]
            if patched:
                got = open_store(case, os.path.join(root, "cs", name), "a")
                try:
                    res["after_patch"] = {}
                    for node in patched:
                        p = decode_data(entry["arrays"][node["path"]]["patch"], node, tuple(b - a for a, b in node["patch"]["region"]))
                        apply_patch(zarr.open_array(store=got, mode="r+", path=node["path"]), node, p)
                        zr = zarr.open_array(store=ref, mode="r+", path=node["path"])
                        apply_patch(zr, node, p)
                        res["after_patch"][node["path"]] = encode_data(zr[...], node)
                finally:
                    close_store(got)
        except Exception:
            res["errors"].append(traceback.format_exc())
    # Mixed, zarr-python first: C# overwrote part of a copy of the corpus under ROOT/mixed.
    mixed = {}
    for name in request.get("mixed", []):
        case = cases[name]
        errors = []
        mixed[name] = {"errors": errors}
        try:
            ref = zarr.MemoryStore()
            src = open_store(case, os.path.join(root, "py", name), "r")
            try:
                zarr.copy_store(src, ref)
            finally:
                close_store(src)
            entry = manifest[name]
            for node in case["nodes"]:
                if "patch" in node:
                    p = decode_data(entry["arrays"][node["path"]]["patch"], node, tuple(b - a for a, b in node["patch"]["region"]))
                    apply_patch(zarr.open_array(store=ref, mode="r+", path=node["path"]), node, p)
            got = open_store(case, os.path.join(root, "mixed", name), "r")
            try:
                compare_stores(case, got, ref, errors)
            finally:
                close_store(got)
        except Exception:
            errors.append(traceback.format_exc())
    json.dump({"cases": results, "mixed": mixed}, sys.stdout)


def main():
    command, root = sys.argv[1], sys.argv[2]
    request = json.loads(sys.stdin.read())
    if command == "make":
        make(root, request["cases"])
    elif command == "verify":
        verify(root, request)
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main()
