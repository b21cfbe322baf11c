// node write.mjs <dir>
//
// Writes one Zarr v3 hierarchy with zarrita 0.7.5 (zarr.create / zarr.set on @zarrita/storage's
// FileSystemStore) and, beside it, manifest.json: for every group its attributes, for every array its
// path, data_type, shape, fill value, attributes, dimension names and full expected contents (flat, C
// order), computed here from the values handed to zarr.set, never by reading the store back.
//
// The matrix: every data type zarrita writes (bool, int8..uint64, float16 through a polyfill,
// float32, float64, string through vlen-utf8), codec chains (bytes little and big endian, transpose,
// gzip, zstd, blosc with each shuffle, crc32c, several bytes->bytes codecs in a row), the chunk key
// encodings (default with "/" and ".", v2 with "." and "/"), special and large fill values, dimension
// names, nested groups with attributes, partial edge chunks, missing chunks and a 0-d array.
// zarrita cannot write shards: tests/peers/spec/make_sharded.py builds those by hand.

import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
	cStrides,
	FileSystemStore,
	forEachIndex,
	setElement,
	toManifest,
	typedArrayFor,
	zarr,
	zarritaVersion,
} from "./lib.mjs";

const dir = process.argv[2];
if (!dir) {
	console.error("usage: node write.mjs <dir>");
	process.exit(2);
}
const root = resolve(dir);
mkdirSync(root, { recursive: true });
const store = new FileSystemStore(root);
const location = zarr.root(store);

// --- element values -------------------------------------------------------------------------
// Position i of an array gets specials[i] while there are any, then a pattern; every value is
// exactly representable in its type.

const f16 = (x) => {
	const a = new globalThis.Float16Array(1);
	a[0] = x;
	return a[0];
};
const values = {
	bool: { specials: [true, false], gen: (i) => i % 3 === 0 },
	int8: { specials: [-128, 127, 0, -1], gen: (i) => ((i * 37) % 256) - 128 },
	int16: { specials: [-32768, 32767], gen: (i) => ((i * 1237) % 65536) - 32768 },
	int32: { specials: [-2147483648, 2147483647], gen: (i) => ((i * 7919 * 1031) % 4294967296) - 2147483648 },
	int64: {
		specials: [-(2n ** 63n), 2n ** 63n - 1n, -(2n ** 53n) - 1n, 2n ** 53n + 1n],
		gen: (i) => BigInt(i) * 1234567890123457n - 5n * 10n ** 17n,
	},
	uint8: { specials: [255, 0], gen: (i) => (i * 37) % 256 },
	uint16: { specials: [65535, 0], gen: (i) => (i * 1237) % 65536 },
	uint32: { specials: [4294967295, 0], gen: (i) => (i * 7919 * 1031) % 4294967296 },
	uint64: {
		specials: [2n ** 64n - 1n, 2n ** 63n, 2n ** 53n + 1n, 0n],
		gen: (i) => BigInt(i) * 98765432109876543n,
	},
	float16: {
		specials: [NaN, Infinity, -Infinity, 65504, 5.960464477539063e-8, f16(0.1), -0.5],
		gen: (i) => f16(i * 0.25 - 3),
	},
	float32: {
		specials: [NaN, Infinity, -Infinity, 3.4028234663852886e38, 1.401298464324817e-45, Math.fround(0.1), -1.5],
		gen: (i) => Math.fround(i * 0.37 - 5),
	},
	float64: {
		specials: [NaN, Infinity, -Infinity, Number.MAX_VALUE, 5e-324, 0.1, -2.5e-300],
		gen: (i) => i * 0.37 - 5,
	},
	string: {
		specials: ["", "h\u00e9llo", "\u00fcn\u00efc\u00f6d\u00e9 \u2713", "emoji \u{1f389}", "tab\tand \"quotes\""],
		gen: (i) => `s${i}`,
	},
};
// The codec cases use a repetitive pattern after the specials, so that compressors (Blosc above
// all, which stores incompressible input as a plain copy) really compress.
const smooth = (dataType, i) => {
	const k = Math.floor(i / 5) % 13;
	if (dataType === "bool") return k % 5 === 0;
	if (dataType === "string") return `v${k % 7}`;
	if (dataType === "int64" || dataType === "uint64") return BigInt(k) * 1000000000000n;
	if (dataType.startsWith("float")) return k * 0.5;
	return dataType.startsWith("u") ? k : k - 40;
};
const valueAt = (dataType, i, repetitive) => {
	const v = values[dataType];
	if (i < v.specials.length) return v.specials[i];
	return repetitive ? smooth(dataType, i) : v.gen(i);
};

// --- codecs ---------------------------------------------------------------------------------

const bytesLE = { name: "bytes", configuration: { endian: "little" } };
const bytesBE = { name: "bytes", configuration: { endian: "big" } };
const transpose = (...order) => ({ name: "transpose", configuration: { order } });
const gzip = (level) => ({ name: "gzip", configuration: { level } });
const zstd = (level) => ({ name: "zstd", configuration: { level, checksum: false } });
const crc = { name: "crc32c", configuration: {} };
const blosc = (cname, shuffle, typesize) => ({
	name: "blosc",
	configuration: { cname, clevel: 5, shuffle, typesize, blocksize: 0 },
});
const vlen = { name: "vlen-utf8", configuration: {} };

// --- the matrix -----------------------------------------------------------------------------
// Each case: the array, its fill value (an element value), and the regions written (half-open
// [start, stop) per dimension); everything else stays missing or padding and reads as the fill.

const typical = [
	[
		[0, 4],
		[0, 5],
	],
	[
		[6, 7],
		[4, 5],
	],
]; // on a [7, 5] array with [3, 2] chunks: partial edge chunks, chunks (2, 0) and (2, 1) missing

const fills = {
	bool: true,
	int8: -7,
	int16: 300,
	int32: 42,
	int64: 42n,
	uint8: 200,
	uint16: 60000,
	uint32: 4000000000,
	uint64: 42n,
	float16: 1.5,
	float32: -2.5,
	float64: 0.25,
	string: "fill",
};
const dataTypes = Object.keys(values);

const cases = [];
for (const dt of dataTypes) {
	const isString = dt === "string";
	cases.push({
		path: `dtypes/${dt}`,
		dataType: dt,
		shape: [7, 5],
		chunks: [3, 2],
		codecs: isString ? [vlen] : dt === "bool" || dt.endsWith("8") ? [{ name: "bytes", configuration: {} }] : [bytesLE],
		fill: fills[dt],
		regions: typical,
		attributes: { dtype: dt, description: `every ${dt} edge value, then a pattern` },
	});
}

const codecMatrix = [
	["bytes_little", "int32", [bytesLE]],
	["bytes_big_int32", "int32", [bytesBE]],
	["bytes_big_int16", "int16", [bytesBE]],
	["bytes_big_uint64", "uint64", [bytesBE]],
	["bytes_big_int64", "int64", [bytesBE]],
	["bytes_big_float32", "float32", [bytesBE]],
	["bytes_big_float64", "float64", [bytesBE]],
	["bytes_big_float16", "float16", [bytesBE]],
	["transpose_2d", "int32", [transpose(1, 0), bytesLE]],
	["transpose_2d_big_float64", "float64", [transpose(1, 0), bytesBE]],
	["gzip", "int32", [bytesLE, gzip(5)]],
	["gzip_float64", "float64", [bytesLE, gzip(1)]],
	["zstd", "int32", [bytesLE, zstd(3)]],
	["zstd_uint64", "uint64", [bytesLE, zstd(1)]],
	["blosc_lz4_shuffle", "int32", [bytesLE, blosc("lz4", "shuffle", 4)]],
	["blosc_zstd_bitshuffle", "float32", [bytesLE, blosc("zstd", "bitshuffle", 4)]],
	["blosc_blosclz_noshuffle", "int16", [bytesLE, blosc("blosclz", "noshuffle", 2)]],
	["blosc_zlib_shuffle", "float64", [bytesLE, blosc("zlib", "shuffle", 8)]],
	["blosc_lz4hc_bool", "bool", [{ name: "bytes", configuration: {} }, blosc("lz4hc", "bitshuffle", 1)]],
	["crc32c", "int32", [bytesLE, crc]],
	["chain_zstd_crc32c", "int32", [bytesLE, zstd(5), crc]],
	["chain_gzip_crc32c_big", "uint16", [bytesBE, gzip(9), crc]],
	["chain_blosc_gzip", "int64", [bytesLE, blosc("lz4", "shuffle", 8), gzip(1)]],
	["chain_transpose_big_gzip_crc32c", "float32", [transpose(1, 0), bytesBE, gzip(6), crc]],
	["string_zstd_crc32c", "string", [vlen, zstd(3), crc]],
	["string_gzip", "string", [vlen, gzip(1)]],
];
for (const [name, dt, codecs] of codecMatrix) {
	cases.push({
		path: `codecs/${name}`,
		dataType: dt,
		shape: [40, 36],
		chunks: [16, 16],
		codecs,
		fill: fills[dt],
		repetitive: true,
		// Chunks (2, 0) and (2, 1) stay missing; the rest is written, edges partial.
		regions: [
			[
				[0, 32],
				[0, 36],
			],
			[
				[32, 40],
				[32, 36],
			],
		],
		attributes: { codecs: codecs.map((c) => c.name) },
	});
}
cases.push({
	path: "codecs/transpose_3d",
	dataType: "int32",
	shape: [4, 5, 6],
	chunks: [3, 2, 4],
	codecs: [transpose(2, 0, 1), bytesBE],
	fill: 42,
	regions: [
		[
			[0, 4],
			[0, 4],
			[0, 6],
		],
	],
	attributes: {},
});
cases.push({
	path: "codecs/transpose_3d_string",
	dataType: "string",
	shape: [3, 4, 2],
	chunks: [2, 3, 2],
	codecs: [transpose(1, 2, 0), vlen],
	fill: "",
	regions: [
		[
			[0, 3],
			[0, 4],
			[0, 2],
		],
	],
	attributes: {},
});

for (const [name, sep] of [
	["default_slash", "/"],
	["default_dot", "."],
]) {
	cases.push({
		path: `keys/${name}`,
		dataType: "int16",
		shape: [5, 5],
		chunks: [2, 2],
		codecs: [bytesLE],
		fill: 0,
		separator: sep,
		regions: [
			[
				[0, 5],
				[0, 3],
			],
		],
		attributes: { chunk_key_encoding: `default ${sep}` },
	});
}
for (const [name, sep, shape, chunks] of [
	["v2_dot", ".", [5, 5], [2, 2]],
	["v2_slash", "/", [5, 5], [2, 2]],
	["v2_dot_1d", ".", [11], [4]],
	["v2_slash_3d", "/", [3, 4, 5], [2, 3, 2]],
]) {
	cases.push({
		path: `keys/${name}`,
		dataType: "uint8",
		shape,
		chunks,
		codecs: [{ name: "bytes", configuration: {} }],
		fill: 9,
		v2Keys: sep,
		regions: [shape.map((n, d) => (d === 0 ? [0, n - 1] : [0, n]))],
		attributes: { chunk_key_encoding: `v2 ${sep}` },
	});
}
cases.push({
	path: "keys/default_dot_3d",
	dataType: "int64",
	shape: [3, 4, 5],
	chunks: [2, 3, 2],
	codecs: [bytesLE],
	fill: -1n,
	separator: ".",
	regions: [
		[
			[1, 3],
			[0, 4],
			[0, 5],
		],
	],
	attributes: {},
});

// Fill values: the float specials, and integers past 2^53. zarrita writes metadata with
// JSON.stringify, which prints a large integer with its shortest round-trip digits padded with
// zeros (2^63 comes out as 9223372036854776000): only integers that print exactly can be written
// as fill values. These two (2^53·1000 and 2^54·1000) do; the hand-built stores cover 2^64 − 1.
const fillCases = [
	["float64_nan", "float64", NaN],
	["float64_inf", "float64", Infinity],
	["float64_neg_inf", "float64", -Infinity],
	["float32_nan", "float32", NaN],
	["float32_neg_inf", "float32", -Infinity],
	["float16_inf", "float16", Infinity],
	["float16_nan", "float16", NaN],
	["int64_large_negative", "int64", -9007199254740992000n],
	["uint64_large", "uint64", 18014398509481984000n],
	["bool_false", "bool", false],
	["string_unicode", "string", "f\u00fcll \u2713"],
];
for (const [name, dt, fill] of fillCases) {
	cases.push({
		path: `fills/${name}`,
		dataType: dt,
		shape: [6, 7],
		chunks: [4, 3],
		codecs: dt === "string" ? [vlen] : dt === "bool" ? [{ name: "bytes", configuration: {} }] : [bytesLE, zstd(1)],
		fill,
		// Chunk row 1 is padded with the fill at the edge; chunks (0, 2) and (1, 2) are missing.
		regions: [
			[
				[0, 5],
				[0, 6],
			],
		],
		attributes: {},
	});
}

cases.push({
	path: "scalar",
	dataType: "float64",
	shape: [],
	chunks: [],
	codecs: [bytesLE],
	fill: 0,
	scalar: 2.75,
	regions: [],
	attributes: { kind: "0-d" },
});
cases.push({
	path: "never_written",
	dataType: "uint32",
	shape: [9, 4],
	chunks: [4, 4],
	codecs: [bytesLE, gzip(1)],
	fill: 7,
	regions: [],
	attributes: { note: "no chunk stored" },
});
cases.push({
	path: "dims",
	dataType: "float32",
	shape: [4, 6],
	chunks: [2, 3],
	codecs: [bytesLE],
	fill: 0,
	dimensionNames: ["y", "x"],
	regions: [
		[
			[0, 4],
			[0, 6],
		],
	],
	attributes: { units: "m" },
});
cases.push({
	path: "dims_partial",
	dataType: "int8",
	shape: [2, 3, 4],
	chunks: [1, 3, 3],
	codecs: [{ name: "bytes", configuration: {} }],
	fill: 0,
	dimensionNames: ["time", null, "lon"],
	regions: [
		[
			[0, 2],
			[0, 3],
			[0, 4],
		],
	],
	attributes: {},
});
cases.push({
	path: "nested/a/b/c/leaf",
	dataType: "uint16",
	shape: [13],
	chunks: [5],
	codecs: [bytesBE, gzip(1), crc],
	fill: 1,
	regions: [[[2, 11]]],
	attributes: { depth: 4, path: ["nested", "a", "b", "c", "leaf"] },
});

// --- groups ---------------------------------------------------------------------------------

const groups = [
	{
		path: "",
		attributes: {
			title: "zarrita peer hierarchy",
			writer: `zarrita ${zarritaVersion}`,
			nested: { a: [1, 2.5, "x", null, true, false], b: { c: {}, d: [] } },
			unicode: "h\u00e9llo \u2713 \u{1f389}",
			// The largest integer zarrita writes exactly: past 2^53 JSON.stringify pads with zeros.
			big: 9007199254740992000,
			negative: -9007199254740991,
			float: 0.1,
			tiny: 5e-324,
			huge: 1.7976931348623157e308,
			empty_string: "",
		},
	},
	{ path: "dtypes", attributes: { what: "one array per data type" } },
	{ path: "codecs", attributes: { what: "codec chains" } },
	{ path: "keys", attributes: { what: "chunk key encodings" } },
	{ path: "fills", attributes: { what: "fill values" } },
	{ path: "nested", attributes: { level: 1 } },
	{ path: "nested/a", attributes: { level: 2, list: [[1, 2], [3]] } },
	{ path: "nested/a/b", attributes: {} },
	{ path: "nested/a/b/c", attributes: { level: 4, deep: { x: { y: { z: "bottom" } } } } },
	{ path: "nested/empty", attributes: {} },
];

// --- write ----------------------------------------------------------------------------------

for (const g of groups) {
	await zarr.create(g.path === "" ? location : location.resolve(g.path), { attributes: g.attributes });
}

const manifestArrays = [];
for (const c of cases) {
	const size = c.shape.reduce((a, b) => a * b, 1);
	const expected = new Array(size).fill(c.fill);
	const arr = await zarr.create(location.resolve(c.path), {
		shape: c.shape,
		chunkShape: c.chunks,
		dtype: c.dataType,
		codecs: c.codecs,
		// zarrita's metadata writer cannot serialise a bigint: hand it the (exact) number.
		fillValue: typeof c.fill === "bigint" ? Number(c.fill) : c.fill,
		chunkSeparator: c.separator,
		dimensionNames: c.dimensionNames,
		attributes: c.attributes,
	});
	if (c.v2Keys !== undefined) {
		// zarr.create always writes the default chunk key encoding; the v2 encoding (which zarrita reads
		// and writes keys for) is set by rewriting zarr.json before any chunk is stored.
		const meta = JSON.parse(new TextDecoder().decode(await store.get(`/${c.path}/zarr.json`)));
		meta.chunk_key_encoding = { name: "v2", configuration: { separator: c.v2Keys } };
		await store.set(`/${c.path}/zarr.json`, new TextEncoder().encode(JSON.stringify(meta, null, 2)));
	}
	const target = c.v2Keys !== undefined ? await zarr.open(location.resolve(c.path), { kind: "array" }) : arr;
	if (c.shape.length === 0) {
		await zarr.set(target, null, c.scalar);
		expected[0] = c.scalar;
	}
	for (const region of c.regions) {
		const shape = region.map(([a, b]) => b - a);
		const data = typedArrayFor(c.dataType, shape.reduce((a, b) => a * b, 1));
		const fullStride = cStrides(c.shape);
		forEachIndex(shape, (idx, k) => {
			let flat = 0;
			for (let d = 0; d < idx.length; d++) flat += (idx[d] + region[d][0]) * fullStride[d];
			const v = valueAt(c.dataType, flat, c.repetitive);
			setElement(data, k, v);
			expected[flat] = v;
		});
		await zarr.set(
			target,
			region.map(([a, b]) => zarr.slice(a, b)),
			{ data, shape, stride: cStrides(shape) },
		);
	}
	const entry = {
		path: c.path,
		data_type: c.dataType,
		shape: c.shape,
		chunk_shape: c.chunks,
		fill_value: toManifest(c.dataType, c.fill),
		attributes: c.attributes,
		data: expected.map((v) => toManifest(c.dataType, v)),
	};
	if (c.dimensionNames) entry.dimension_names = c.dimensionNames;
	manifestArrays.push(entry);
}

const manifest = {
	writer: `zarrita ${zarritaVersion} (node ${process.versions.node})`,
	notes: [
		"zarrita cannot encode gzip, crc32c or vlen-utf8: the harness registers encoders for them (numcodecs.js gzip, a CRC-32C, the vlen-utf8 layout); zarrita's own decoders read them back",
		"zarrita writes blosc through numcodecs.js, which takes its shuffle as a number and so compresses with the v3 names ('shuffle', 'bitshuffle') as no shuffle; the Blosc header says so and any reader follows it",
		"float16 goes through the @petamoriken/float16 Float16Array polyfill (node 20 has none)",
		"the v2 chunk key encoding is set by rewriting zarr.json after zarr.create (which writes only 'default'); zarrita writes the chunks under v2 keys itself",
		"zarrita cannot write sharded arrays: tests/peers/spec/make_sharded.py builds them",
	],
	groups,
	arrays: manifestArrays,
};
writeFileSync(join(root, "manifest.json"), JSON.stringify(manifest, null, 1));
console.log(JSON.stringify({ ok: true, dir: root, groups: groups.length, arrays: manifestArrays.length }));
