// Shared by write.mjs and read.mjs: loads zarrita 0.7.5 from tests/servers/node_modules (installed by
// scripts/test.sh with npm ci), fills the encoders zarrita 0.7.5 leaves out, and converts element
// values to and from the manifest's JSON form.
//
// The manifest (written by every producer: write.mjs, tests/peers/spec/make_sharded.py and the C#
// tests) is one JSON object:
//   { "writer": "...", "notes": [...],
//     "groups": [ { "path": "", "attributes": {...} }, ... ],
//     "arrays": [ { "path": "a/b", "data_type": "int64", "shape": [7, 5], "fill_value": <as data>,
//                   "attributes": {...}, "dimension_names": [...]?, "sharded": bool?,
//                   "data": [ flat C-order values ] }, ... ],
//     "corrupt": [ { "path", "data_type", "shape", "shard_key", "error" }, ... ]? }
// Values: bool as true/false, int8..uint32 as JSON numbers, int64/uint64 as decimal strings, floats as
// JSON numbers or the strings "NaN", "Infinity", "-Infinity", strings as JSON strings.

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
/** The node_modules that holds zarrita: ZARR_PEER_NODE_MODULES, else tests/servers/node_modules. */
export const nodeModules = resolve(process.env.ZARR_PEER_NODE_MODULES ?? join(here, "..", "..", "servers", "node_modules"));

async function importPackageFile(relative) {
	const file = join(nodeModules, relative);
	if (!existsSync(file)) {
		throw new Error(`${relative} is not installed under ${nodeModules}: run 'npm ci' in tests/servers (scripts/test.sh does)`);
	}
	return import(pathToFileURL(file).href);
}

// Node 20 has no Float16Array, which zarrita uses for float16; the polyfill supplies it.
if (typeof globalThis.Float16Array === "undefined") {
	const f16 = await importPackageFile("@petamoriken/float16/src/index.mjs");
	globalThis.Float16Array = f16.Float16Array;
}

export const zarr = await importPackageFile("zarrita/dist/src/index.js");
export const FileSystemStore = (await importPackageFile("@zarrita/storage/dist/src/fs.js")).default;
const GZip = (await importPackageFile("numcodecs/dist/gzip.js")).default;

export const zarritaVersion = "0.7.5";

// ---------------------------------------------------------------------------------------------
// CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF,
// the checksum the v3 crc32c codec appends as a little-endian uint32
// (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/crc32c/index.html).
const crcTable = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

export function crc32c(bytes) {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// zarrita 0.7.5 decodes gzip, crc32c and vlen-utf8 but cannot encode them (their encode throws
// UnsupportedError), and its crc32c decode strips the checksum without checking it. Through its
// public codec registry the harness keeps zarrita's decoders and adds: gzip encoding by numcodecs.js
// (zarrita's own codec dependency, fflate inside), crc32c encoding and a checked crc32c decode, and
// vlen-utf8 encoding (u32 count, then u32 length + UTF-8 bytes per item, in C order).

function wrap(name, makeEncoder, checkDecode) {
	const original = zarr.registry.get(name);
	zarr.registry.set(name, async () => {
		const Codec = await original();
		return {
			kind: Codec.kind,
			fromConfig(config, meta) {
				const inner = Codec.fromConfig(config, meta);
				const encode = makeEncoder(config ?? {}, meta);
				return {
					kind: inner.kind,
					encode,
					decode: checkDecode ? (data) => inner.decode(checkDecode(data)) : (data) => inner.decode(data),
					computeEncodedSize: inner.computeEncodedSize?.bind(inner),
					getEncodedMeta: inner.getEncodedMeta?.bind(inner),
				};
			},
		};
	});
}

export class ChecksumError extends Error {}

wrap("gzip", (config) => {
	const codec = GZip.fromConfig({ id: "gzip", level: config.level ?? 1 });
	return async (bytes) => codec.encode(bytes);
});

wrap(
	"crc32c",
	() => async (bytes) => {
		const out = new Uint8Array(bytes.length + 4);
		out.set(bytes, 0);
		new DataView(out.buffer).setUint32(bytes.length, crc32c(bytes), true);
		return out;
	},
	(bytes) => {
		if (bytes.length < 4) throw new ChecksumError(`crc32c: ${bytes.length} bytes cannot hold a checksum`);
		const payload = bytes.subarray(0, bytes.length - 4);
		const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
		const actual = crc32c(payload);
		if (stored !== actual) throw new ChecksumError(`crc32c mismatch: stored ${stored.toString(16)}, computed ${actual.toString(16)}`);
		return bytes;
	},
);

// Items go out in the order of the chunk's buffer, as zarrita's bytes codec does: after a transpose
// codec that buffer already holds the transposed array in C order, which is what the spec serialises.
wrap("vlen-utf8", () => async (chunk) => {
	const encoder = new TextEncoder();
	const n = chunk.shape.reduce((a, b) => a * b, 1);
	const items = [];
	let total = 4;
	for (let i = 0; i < n; i++) {
		const value = chunk.data[i];
		const bytes = encoder.encode(value == null ? "" : String(value));
		items.push(bytes);
		total += 4 + bytes.length;
	}
	const out = new Uint8Array(total);
	const view = new DataView(out.buffer);
	view.setUint32(0, n, true);
	let pos = 4;
	for (const bytes of items) {
		view.setUint32(pos, bytes.length, true);
		out.set(bytes, pos + 4);
		pos += 4 + bytes.length;
	}
	return out;
});

// ---------------------------------------------------------------------------------------------
// Indexing helpers: zarrita returns chunks with strides (a transposed array reads back in its
// stored order), so every element is addressed through them.

export function forEachIndex(shape, fn) {
	const n = shape.reduce((a, b) => a * b, 1);
	const idx = new Array(shape.length).fill(0);
	for (let i = 0; i < n; i++) {
		fn(idx, i);
		for (let d = shape.length - 1; d >= 0; d--) {
			if (++idx[d] < shape[d]) break;
			idx[d] = 0;
		}
	}
}

export function offsetOf(idx, stride) {
	let o = 0;
	for (let d = 0; d < idx.length; d++) o += idx[d] * stride[d];
	return o;
}

export function elementAt(data, offset) {
	return data instanceof zarr.BoolArray ? data.get(offset) : data[offset];
}

// ---------------------------------------------------------------------------------------------
// Manifest values.

export const bigintTypes = new Set(["int64", "uint64"]);
export const floatTypes = new Set(["float16", "float32", "float64"]);

/** An element as the manifest writes it. */
export function toManifest(dataType, v) {
	if (bigintTypes.has(dataType)) return BigInt(v).toString();
	if (floatTypes.has(dataType)) {
		if (Number.isNaN(v)) return "NaN";
		if (v === Infinity) return "Infinity";
		if (v === -Infinity) return "-Infinity";
		return v;
	}
	return v;
}

const f16scratch = () => new globalThis.Float16Array(1);

/** A manifest value rounded to the element type, as zarrita holds it (bigint, number, boolean, string). */
export function fromManifest(dataType, m) {
	if (bigintTypes.has(dataType)) return BigInt(m);
	if (floatTypes.has(dataType)) {
		const x = m === "NaN" ? NaN : m === "Infinity" ? Infinity : m === "-Infinity" ? -Infinity : Number(m);
		if (dataType === "float32") return Math.fround(x);
		if (dataType === "float16") {
			const s = f16scratch();
			s[0] = x;
			return s[0];
		}
		return x;
	}
	return m;
}

/** Equality of two elements of one type; NaN equals NaN, and -0 equals 0 only for non-floats. */
export function sameElement(dataType, a, b) {
	if (floatTypes.has(dataType)) return Object.is(a, b) || (a === 0 && b === 0);
	if (bigintTypes.has(dataType)) return BigInt(a) === BigInt(b);
	return a === b;
}

/** Structural JSON equality (key order ignored). */
export function jsonEqual(a, b) {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null) return false;
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
	if (typeof a === "object") {
		if (Array.isArray(b)) return false;
		const ka = Object.keys(a).sort();
		const kb = Object.keys(b).sort();
		return jsonEqual(ka, kb) && ka.every((k) => jsonEqual(a[k], b[k]));
	}
	return false;
}

export function typedArrayFor(dataType, n) {
	switch (dataType) {
		case "bool":
			return new zarr.BoolArray(n);
		case "int8":
			return new Int8Array(n);
		case "int16":
			return new Int16Array(n);
		case "int32":
			return new Int32Array(n);
		case "int64":
			return new BigInt64Array(n);
		case "uint8":
			return new Uint8Array(n);
		case "uint16":
			return new Uint16Array(n);
		case "uint32":
			return new Uint32Array(n);
		case "uint64":
			return new BigUint64Array(n);
		case "float16":
			return new globalThis.Float16Array(n);
		case "float32":
			return new Float32Array(n);
		case "float64":
			return new Float64Array(n);
		case "string":
			return new Array(n).fill("");
		default:
			throw new Error(`no typed array for ${dataType}`);
	}
}

export function setElement(data, i, v) {
	if (data instanceof zarr.BoolArray) data.set(i, v);
	else data[i] = v;
}

export function cStrides(shape) {
	const stride = new Array(shape.length);
	let s = 1;
	for (let d = shape.length - 1; d >= 0; d--) {
		stride[d] = s;
		s *= shape[d];
	}
	return stride;
}
