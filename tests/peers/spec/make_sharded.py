#!/usr/bin/python3
"""make_sharded.py <dir>: sharded Zarr v3 stores built by hand from the specifications.

zarrita (tests/peers/zarrita) reads sharded arrays but cannot write them, so these are assembled byte
by byte here, from
  the sharding codec  https://zarr-specs.readthedocs.io/en/latest/v3/codecs/sharding-indexed/index.html
  the core metadata   https://zarr-specs.readthedocs.io/en/latest/v3/core/index.html
  bytes, transpose, gzip and crc32c  https://zarr-specs.readthedocs.io/en/latest/v3/codecs/
with numpy only for the element bytes. Each shard is the encoded inner chunks (in an order and with
gaps chosen per array, as the spec allows any order and unused space) plus the index: a uint64 array
of shape chunks_per_shard + [2] holding (offset, nbytes) per inner chunk in C order, offsets counted
from the start of the shard even when the index comes first, both 2^64 - 1 for an empty inner chunk,
encoded by the index codecs and put at the start or the end.

Writes <dir>/zarr.json (a group), one array per case and <dir>/manifest.json in the format of
tests/peers/zarrita/lib.mjs: "arrays" lists the valid arrays with their full expected contents,
"corrupt" the damaged ones with the error a reader must raise:
  index-out-of-range  an index entry points outside the shard (or is half empty)
  index-checksum      the crc32c of the shard index does not match
  truncated-shard     the shard is shorter than its index
  inner-checksum      the crc32c of an inner chunk does not match
"""

import gzip
import json
import os
import sys

import numpy as np

MAX = 2**64 - 1

# --- CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, init and final xor 0xFFFFFFFF ----------

_CRC_TABLE = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0x82F63B78 if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)


def crc32c(data: bytes) -> int:
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283  # the check value of CRC-32C

# --- data types ---------------------------------------------------------------------------------

NUMPY = {
    "bool": np.bool_, "int8": np.int8, "int16": np.int16, "int32": np.int32, "int64": np.int64,
    "uint8": np.uint8, "uint16": np.uint16, "uint32": np.uint32, "uint64": np.uint64,
    "float16": np.float16, "float32": np.float32, "float64": np.float64,
}


def manifest_value(data_type, v):
    """An element as the manifest writes it (and the metadata's fill_value, except int64/uint64)."""
    if data_type == "bool":
        return bool(v)
    if data_type in ("int64", "uint64"):
        return str(int(v))
    if data_type.startswith("float"):
        f = float(v)
        if f != f:
            return "NaN"
        if f in (float("inf"), float("-inf")):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return int(v)


def metadata_fill(data_type, v):
    m = manifest_value(data_type, v)
    return int(m) if data_type in ("int64", "uint64") else m


def all_fill(a: np.ndarray, fill) -> bool:
    if a.dtype.kind == "f" and np.isnan(fill):
        return bool(np.isnan(a).all())
    return bool((a == fill).all())


# --- codecs -------------------------------------------------------------------------------------

BYTES_LE = {"name": "bytes", "configuration": {"endian": "little"}}
BYTES_BE = {"name": "bytes", "configuration": {"endian": "big"}}
CRC = {"name": "crc32c"}


def gz(level):
    return {"name": "gzip", "configuration": {"level": level}}


def transpose(*order):
    return {"name": "transpose", "configuration": {"order": list(order)}}


def sharding(chunk_shape, codecs, index_codecs, location="end"):
    return {"name": "sharding_indexed", "configuration": {
        "chunk_shape": list(chunk_shape), "codecs": codecs, "index_codecs": index_codecs,
        "index_location": location}}


class Layout:
    """How a shard is laid out: the order of its inner chunks, junk between them, and whether inner
    chunks holding only the fill value are stored (else they get the empty entry)."""

    def __init__(self, order="c", gap=0, store_fill_chunks=False, keep_empty_shards=False):
        self.order, self.gap, self.store_fill_chunks, self.keep_empty_shards = order, gap, store_fill_chunks, keep_empty_shards


def encode(chunk: np.ndarray, codecs, fill, layout: Layout) -> bytes:
    """Runs a v3 codec list forwards on one chunk (already padded to the full chunk shape)."""
    i = 0
    arr = chunk
    while codecs[i]["name"] == "transpose":
        arr = np.transpose(arr, codecs[i]["configuration"]["order"])
        i += 1
    c = codecs[i]
    i += 1
    if c["name"] == "bytes":
        endian = (c.get("configuration") or {}).get("endian", "little")
        dt = arr.dtype.newbyteorder("<" if endian == "little" else ">")
        data = np.ascontiguousarray(arr, dtype=dt).tobytes(order="C")
    elif c["name"] == "sharding_indexed":
        data = encode_shard(arr, c["configuration"], fill, layout)
        if data is None:  # an inner shard with nothing in it is still a chunk of the outer shard here
            data = encode_shard(arr, c["configuration"], fill, Layout(keep_empty_shards=True))
    else:
        raise ValueError(f"not an array->bytes codec: {c['name']}")
    for c in codecs[i:]:
        if c["name"] == "gzip":
            data = gzip.compress(data, compresslevel=c["configuration"]["level"], mtime=0)
        elif c["name"] == "crc32c":
            data = data + crc32c(data).to_bytes(4, "little")
        else:
            raise ValueError(f"unknown bytes->bytes codec {c['name']}")
    return data


def index_bytes(entries: np.ndarray, index_codecs) -> bytes:
    return encode(entries, index_codecs, None, Layout())


def index_size(n_inner: int, index_codecs) -> int:
    return 16 * n_inner + 4 * sum(1 for c in index_codecs if c["name"] == "crc32c")


def encode_shard(shard: np.ndarray, config, fill, layout: Layout):
    """One shard's bytes, or None when every inner chunk is empty and the shard is not kept."""
    inner = config["chunk_shape"]
    per_shard = tuple(s // c for s, c in zip(shard.shape, inner))
    entries = np.full(per_shard + (2,), MAX, dtype=np.uint64)
    coords = list(np.ndindex(*per_shard))
    if layout.order == "reverse":
        coords.reverse()
    at_start = config.get("index_location", "end") == "start"
    n_index = index_size(int(np.prod(per_shard)), config["index_codecs"])
    body = bytearray()
    base = n_index if at_start else 0
    stored = 0
    for coord in coords:
        sub = shard[tuple(slice(k * c, (k + 1) * c) for k, c in zip(coord, inner))]
        if not layout.store_fill_chunks and all_fill(sub, fill):
            continue
        payload = encode(sub, config["codecs"], fill, layout)
        if layout.gap:
            body += bytes([0xAB]) * (layout.gap + stored % 3)
        entries[coord] = (base + len(body), len(payload))
        body += payload
        stored += 1
    if stored == 0 and not layout.keep_empty_shards:
        return None
    if layout.gap:
        body += bytes([0xCD]) * layout.gap
    index = index_bytes(entries, config["index_codecs"])
    assert len(index) == n_index
    return index + bytes(body) if at_start else bytes(body) + index


# --- arrays -------------------------------------------------------------------------------------


def pattern(data_type, shape, salt=0):
    """Deterministic values with the type's edge values first."""
    n = int(np.prod(shape))
    dt = np.dtype(NUMPY[data_type])
    i = np.arange(n, dtype=np.int64) + salt
    if data_type == "bool":
        v = (i % 3 == 0)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        span = min(int(info.max) - int(info.min), 2**40)
        v = ((i * 7919) % span + max(int(info.min), -(2**39))).astype(dt)
        specials = [info.min, info.max, 0, 1]
        v[: min(n, 4)] = np.array(specials[: min(n, 4)], dtype=dt)
    else:
        v = ((i % 251) * 0.375 - 20.0).astype(dt)
        specials = [np.nan, np.inf, -np.inf, np.finfo(dt).max, np.finfo(dt).smallest_subnormal, dt.type(0.1)]
        v[: min(n, 6)] = np.array(specials[: min(n, 6)], dtype=dt)
    return v.reshape(shape)


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False, allow_nan=False)


def chunk_key(coord, separator="/"):
    return separator.join(["c"] + [str(c) for c in coord])


class Case:
    def __init__(self, path, data_type, shape, shard, codecs, fill, holes=(), layout=None, separator="/",
                 attributes=None, dimension_names=None, salt=0):
        self.path, self.data_type, self.shape, self.shard = path, data_type, list(shape), list(shard)
        self.codecs, self.fill, self.separator = codecs, NUMPY[data_type](fill), separator
        self.layout = layout or Layout()
        self.attributes = attributes if attributes is not None else {}
        self.dimension_names = dimension_names
        data = pattern(data_type, shape, salt)
        for hole in holes:  # boxes set to the fill: empty inner chunks, missing shards
            data[tuple(slice(a, b) for a, b in hole)] = self.fill
        self.data = data

    def metadata(self):
        meta = {
            "zarr_format": 3, "node_type": "array", "shape": self.shape, "data_type": self.data_type,
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": self.shard}},
            "chunk_key_encoding": {"name": "default", "configuration": {"separator": self.separator}},
            "fill_value": metadata_fill(self.data_type, self.fill),
            "codecs": self.codecs, "attributes": self.attributes,
        }
        if self.dimension_names is not None:
            meta["dimension_names"] = self.dimension_names
        return meta

    def shards(self):
        """(key, bytes) for every stored shard; edge shards padded with the fill."""
        grid = [-(-s // c) for s, c in zip(self.shape, self.shard)]
        for coord in np.ndindex(*grid):
            region = tuple(slice(k * c, min((k + 1) * c, s)) for k, c, s in zip(coord, self.shard, self.shape))
            block = np.full(self.shard, self.fill, dtype=self.data.dtype)
            block[tuple(slice(0, r.stop - r.start) for r in region)] = self.data[region]
            data = encode_shard_top(block, self.codecs, self.fill, self.layout)
            if data is not None:
                yield chunk_key(coord, self.separator), data

    def write(self, root):
        write_json(os.path.join(root, self.path, "zarr.json"), self.metadata())
        keys = []
        for key, data in self.shards():
            p = os.path.join(root, self.path, *key.split("/"))
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
            keys.append(key)
        return keys

    def manifest(self):
        entry = {
            "path": self.path, "data_type": self.data_type, "shape": self.shape, "chunk_shape": self.shard,
            "sharded": True, "fill_value": manifest_value(self.data_type, self.fill),
            "attributes": self.attributes,
            "data": [manifest_value(self.data_type, v) for v in self.data.ravel(order="C")],
        }
        if self.dimension_names is not None:
            entry["dimension_names"] = self.dimension_names
        return entry


def encode_shard_top(block, codecs, fill, layout):
    """The array's codec list when it is [sharding_indexed]: a shard with no stored inner chunk is
    not written (a missing shard reads as the fill)."""
    assert len(codecs) == 1 and codecs[0]["name"] == "sharding_indexed"
    return encode_shard(block, codecs[0]["configuration"], fill, layout)


def cases():
    inner_plain = [BYTES_LE]
    idx_plain = [BYTES_LE]
    idx_crc = [BYTES_LE, CRC]
    # Shape [20, 18] in [8, 8] shards: edge shards 4 rows / 2 columns deep. The holes empty inner
    # chunks (0, 1) and (1, 1) of shard (0, 0) and leave shard (1, 2) missing entirely.
    holes = [((0, 8), (4, 8)), ((8, 16), (16, 18))]
    yield Case("end_bytes", "int32", [20, 18], [8, 8], [sharding([4, 4], inner_plain, idx_plain, "end")], 42, holes,
               attributes={"index": "end", "index_codecs": "bytes"})
    yield Case("end_crc32c", "float64", [20, 18], [8, 8], [sharding([4, 4], inner_plain, idx_crc, "end")], np.nan, holes,
               attributes={"index": "end", "index_codecs": "bytes+crc32c"})
    yield Case("start_bytes", "uint16", [20, 18], [8, 8], [sharding([4, 4], inner_plain, idx_plain, "start")], 7, holes,
               attributes={"index": "start", "index_codecs": "bytes"})
    yield Case("start_crc32c", "uint64", [20, 18], [8, 8], [sharding([4, 4], inner_plain, idx_crc, "start")], MAX, holes,
               attributes={"index": "start", "index_codecs": "bytes+crc32c", "fill": "2^64 - 1"})
    yield Case("end_uint64_max_fill", "uint64", [20, 18], [8, 8], [sharding([4, 4], inner_plain, idx_crc, "end")], MAX, holes,
               attributes={"fill": "2^64 - 1, which no double holds"})
    # The start/end twins above share their inner chunks; these repeat the start ones with the index at
    # the end, so zarrita (which reads every index from the end) vouches for the same bytes.
    yield Case("start_twin_end", "uint16", [20, 18], [8, 8], [sharding([4, 4], inner_plain, idx_plain, "end")], 7, holes)
    yield Case("index_big_endian", "int16", [12, 12], [8, 8], [sharding([2, 4], inner_plain, [BYTES_BE, CRC], "end")], -1,
               [((0, 2), (0, 4))])
    yield Case("inner_gzip", "int64", [20, 18], [8, 8], [sharding([4, 4], [BYTES_LE, gz(6)], idx_crc, "end")], -(2**63), holes,
               attributes={"inner": "bytes+gzip"})
    yield Case("inner_gzip_crc32c_big", "float32", [17, 9], [8, 9], [sharding([4, 3], [BYTES_BE, gz(1), CRC], idx_crc, "end")],
               -np.inf, [((0, 4), (0, 3))])
    yield Case("inner_transpose", "int32", [20, 18], [8, 8], [sharding([4, 4], [transpose(1, 0), BYTES_LE], idx_crc, "end")],
               0, holes, dimension_names=["y", "x"], attributes={"inner": "transpose+bytes"})
    yield Case("inner_transpose_3d", "uint32", [6, 10, 7], [4, 6, 4],
               [sharding([2, 3, 2], [transpose(2, 0, 1), BYTES_BE, gz(3)], idx_crc, "start")], 5,
               [((0, 2), (0, 3), (0, 2))], dimension_names=["t", None, "x"])
    yield Case("inner_transpose_3d_end", "uint32", [6, 10, 7], [4, 6, 4],
               [sharding([2, 3, 2], [transpose(2, 0, 1), BYTES_BE, gz(3)], idx_crc, "end")], 5,
               [((0, 2), (0, 3), (0, 2))])
    yield Case("reverse_with_gaps", "int8", [16, 16], [8, 8], [sharding([2, 4], inner_plain, idx_crc, "end")], 3,
               [((2, 4), (0, 4))], layout=Layout(order="reverse", gap=5))
    yield Case("reverse_with_gaps_start", "int8", [16, 16], [8, 8], [sharding([2, 4], inner_plain, idx_crc, "start")], 3,
               [((2, 4), (0, 4))], layout=Layout(order="reverse", gap=5))
    yield Case("fill_chunks_stored", "float32", [10, 10], [5, 10], [sharding([5, 5], inner_plain, idx_plain, "end")], 1.5,
               [((0, 5), (0, 5))], layout=Layout(store_fill_chunks=True))
    yield Case("all_empty_shards", "int32", [8, 8], [4, 8], [sharding([2, 2], inner_plain, idx_crc, "end")], 9,
               [((0, 8), (0, 8))], layout=Layout(keep_empty_shards=True),
               attributes={"note": "each shard is an index of empty entries only"})
    yield Case("one_d_bool", "bool", [37], [16], [sharding([4], [{"name": "bytes"}], idx_crc, "end")], False,
               [((4, 8),), ((32, 37),)])
    yield Case("float16_dot_keys", "float16", [9, 9], [6, 6], [sharding([3, 3], inner_plain, idx_crc, "end")], np.nan,
               [((0, 3), (3, 6))], separator=".")
    yield Case("one_inner_chunk", "uint8", [5, 5], [5, 5], [sharding([5, 5], inner_plain, idx_plain, "end")], 0)
    # Shards in shards: the inner chunks of the outer shard are themselves shards (index at the
    # start) of 2x2 chunks. Holes leave an inner-inner chunk, an inner shard and an outer shard empty.
    nested = sharding([4, 4], [sharding([2, 2], [BYTES_LE], idx_crc, "start")], idx_crc, "end")
    yield Case("nested_shards", "int32", [20, 16], [8, 8], [nested], -5,
               [((0, 2), (0, 2)), ((4, 8), (4, 8)), ((16, 20), (8, 16))], attributes={"sharding": "nested"})
    nested_gzip = sharding([4, 4], [sharding([2, 2], [BYTES_BE, gz(1)], idx_plain, "end"), gz(1)], idx_crc, "start")
    yield Case("nested_shards_compressed", "float64", [12, 12], [8, 8], [nested_gzip], 0.5, [((0, 2), (0, 2))])


def corrupt_cases():
    """(case, shard key to damage, damage(bytes, case) -> bytes, expected error, description)."""
    def entry_offset(data, case, inner_index, field, value, at_start=False, crc=False):
        n = int(np.prod([s // c for s, c in zip(case.shard, case.codecs[0]["configuration"]["chunk_shape"])]))
        start = 0 if at_start else len(data) - index_size(n, case.codecs[0]["configuration"]["index_codecs"])
        b = bytearray(data)
        pos = start + 16 * inner_index + 8 * field
        b[pos:pos + 8] = int(value).to_bytes(8, "little")
        if crc:
            idx = bytes(b[start:start + 16 * n])
            b[start + 16 * n:start + 16 * n + 4] = crc32c(idx).to_bytes(4, "little")
        return bytes(b)

    plain = [sharding([4, 4], [BYTES_LE], [BYTES_LE], "end")]
    with_crc = [sharding([4, 4], [BYTES_LE], [BYTES_LE, CRC], "end")]
    yield (Case("corrupt/offset_past_end", "int32", [16, 8], [8, 8], plain, 0), "c/1/0",
           lambda d, c: entry_offset(d, c, 1, 0, len(d) - 8), "index-out-of-range",
           "inner chunk 1's offset puts its 64 bytes past the end of the shard")
    yield (Case("corrupt/huge_nbytes", "int32", [16, 8], [8, 8], with_crc, 0), "c/1/0",
           lambda d, c: entry_offset(d, c, 2, 1, 2**62, crc=True), "index-out-of-range",
           "inner chunk 2 claims 2^62 bytes (a valid checksum over it): refused before allocating")
    yield (Case("corrupt/half_empty_entry", "int32", [16, 8], [8, 8], plain, 0), "c/0/0",
           lambda d, c: entry_offset(d, c, 0, 0, MAX), "index-out-of-range",
           "inner chunk 0 has offset 2^64 - 1 but a real nbytes: neither empty nor inside the shard")
    yield (Case("corrupt/bad_index_crc32c", "int32", [16, 8], [8, 8], with_crc, 0), "c/1/0",
           lambda d, c: d[:-1] + bytes([d[-1] ^ 0x5A]), "index-checksum",
           "the last byte of the index checksum is flipped")
    yield (Case("corrupt/truncated", "int32", [16, 8], [8, 8], with_crc, 0), "c/0/0",
           lambda d, c: d[:40], "truncated-shard", "the shard is cut to 40 bytes, shorter than its 68-byte index")
    yield (Case("corrupt/bad_inner_crc32c", "int32", [16, 8], [8, 8],
                [sharding([4, 4], [BYTES_LE, CRC], [BYTES_LE, CRC], "end")], 0), "c/1/0",
           lambda d, c: bytes([d[0] ^ 0xFF]) + d[1:], "inner-checksum",
           "the first data byte of the shard's first inner chunk is flipped; its crc32c no longer matches")
    nested = [sharding([4, 4], [sharding([2, 2], [BYTES_LE], [BYTES_LE], "start")], [BYTES_LE, CRC], "end")]
    yield (Case("corrupt/nested_offset_past_end", "int32", [8, 8], [8, 8], nested, 0), "c/0/0",
           lambda d, c: (10**6).to_bytes(8, "little") + d[8:], "index-out-of-range",
           "the first entry of the first inner shard's index (at its start) points 1 MB into a shard of a few hundred bytes")


def main():
    if len(sys.argv) != 2:
        print("usage: make_sharded.py <dir>", file=sys.stderr)
        return 2
    root = sys.argv[1]
    os.makedirs(root, exist_ok=True)
    write_json(os.path.join(root, "zarr.json"), {"zarr_format": 3, "node_type": "group", "attributes": {"writer": "make_sharded.py"}})
    write_json(os.path.join(root, "corrupt", "zarr.json"), {"zarr_format": 3, "node_type": "group", "attributes": {}})
    arrays = []
    for case in cases():
        case.write(root)
        arrays.append(case.manifest())
    corrupt = []
    for case, key, damage, error, description in corrupt_cases():
        keys = case.write(root)
        assert key in keys, (case.path, key, keys)
        p = os.path.join(root, case.path, *key.split("/"))
        with open(p, "rb") as f:
            data = f.read()
        with open(p, "wb") as f:
            f.write(damage(data, case))
        corrupt.append({"path": case.path, "data_type": case.data_type, "shape": case.shape,
                        "shard_key": key, "error": error, "description": description})
    manifest = {
        "writer": "tests/peers/spec/make_sharded.py (by hand from the v3 sharding specification)",
        "notes": ["start_twin_end repeats start_bytes with the index at the end, inner_transpose_3d_end repeats "
                  "inner_transpose_3d, reverse_with_gaps repeats reverse_with_gaps_start: same inner chunks, so a "
                  "reader that only finds indexes at the end can vouch for them"],
        "groups": [{"path": "", "attributes": {"writer": "make_sharded.py"}}, {"path": "corrupt", "attributes": {}}],
        "arrays": arrays,
        "corrupt": corrupt,
    }
    write_json(os.path.join(root, "manifest.json"), manifest)
    print(json.dumps({"ok": True, "dir": root, "arrays": len(arrays), "corrupt": len(corrupt)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
