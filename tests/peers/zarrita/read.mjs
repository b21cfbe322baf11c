// node read.mjs <dir>
//
// Reads the Zarr v3 hierarchy in <dir> with zarrita 0.7.5 (v3 only: a node without zarr.json fails) and compares it with <dir>/manifest.json (the
// format is described in lib.mjs): every group's attributes, and every array's data type, shape,
// dimension names, fill value, attributes and whole contents; for sharded arrays also a few
// sub-selections (so zarrita fetches single inner chunks through the shard index). Prints one JSON
// report on stdout and exits 1 when anything differs (naming the array and the first differing
// index), 2 on a usage error.
//
// Where zarrita 0.7.5 cannot read what the spec allows, the array is listed under "unsupported" with
// the reason instead of failing; read.mjs decides that from zarr.json alone (no manifest hint), so
// the same rules hold whoever wrote the store:
//  - sharding_indexed with index_location "start": zarrita always reads the index from the end;
//  - sharding_indexed inside a shard's codecs: zarrita has no inner sharding codec;
//  - an int64/uint64 fill value that is not exactly a double: zarrita parses zarr.json with
//    JSON.parse, so the fill is rounded; only the elements that differ from the fill are compared.
// "corrupt" manifest entries are for the C# tests; read.mjs records what zarrita does with them.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
	bigintTypes,
	elementAt,
	FileSystemStore,
	forEachIndex,
	fromManifest,
	jsonEqual,
	offsetOf,
	sameElement,
	zarr,
	zarritaVersion,
} from "./lib.mjs";

const dir = process.argv[2];
if (!dir) {
	console.error("usage: node read.mjs <dir>");
	process.exit(2);
}
const root = resolve(dir);
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const store = new FileSystemStore(root);
const location = zarr.root(store);
const nodeLocation = (path) => (path === "" ? location : location.resolve(path));

const report = { reader: `zarrita ${zarritaVersion}`, groups: 0, arrays: 0, checked: [], unsupported: [], failures: [], corrupt: [] };
const fail = (path, message) => report.failures.push({ path, message });

function describe(v) {
	if (typeof v === "bigint") return `${v}n`;
	if (typeof v === "number" && Object.is(v, -0)) return "-0";
	return JSON.stringify(v) ?? String(v);
}

function zarrJson(path) {
	const file = join(root, path, "zarr.json");
	if (!existsSync(file)) throw new Error(`no zarr.json at '${path}': not a Zarr v3 node`);
	return readFileSync(file, "utf8");
}

function limitations(path) {
	const text = zarrJson(path);
	const meta = JSON.parse(text);
	const reasons = [];
	const walk = (codecs, depth) => {
		for (const c of codecs ?? []) {
			if (c.name !== "sharding_indexed") continue;
			if (depth > 0) reasons.push("sharding_indexed inside a shard: zarrita 0.7.5 has no inner sharding codec");
			if ((c.configuration?.index_location ?? "end") === "start")
				reasons.push("index_location 'start': zarrita 0.7.5 always reads the shard index from the end");
			walk(c.configuration?.codecs, depth + 1);
		}
	};
	walk(meta.codecs, 0);
	let inexactFill = false;
	if (bigintTypes.has(meta.data_type)) {
		const token = /"fill_value"\s*:\s*(-?\d+)/.exec(text)?.[1];
		if (token !== undefined && BigInt(token) !== BigInt(Number(token))) inexactFill = true;
	}
	return { reasons, inexactFill, sharded: (meta.codecs ?? []).some((c) => c.name === "sharding_indexed") };
}

/** Compares a zarrita chunk (any strides) with expected values in C order; returns the first problem. */
function compare(dataType, chunk, expectedShape, expectedFlat, skip) {
	if (!jsonEqual(chunk.shape, expectedShape)) return `shape ${JSON.stringify(chunk.shape)}, expected ${JSON.stringify(expectedShape)}`;
	let problem = null;
	let compared = 0;
	forEachIndex(expectedShape, (idx, i) => {
		if (problem) return;
		const want = fromManifest(dataType, expectedFlat[i]);
		if (skip?.(want)) return;
		const got = elementAt(chunk.data, offsetOf(idx, chunk.stride));
		compared++;
		if (!sameElement(dataType, got, want))
			problem = `first difference at index [${idx.join(", ")}] (flat ${i}): read ${describe(got)}, expected ${describe(want)}`;
	});
	return problem ?? { compared };
}

/** A few selections inside the array: a middle box, a strided box and one element per corner. */
function selections(shape) {
	if (shape.length === 0) return [];
	const out = [];
	out.push(shape.map((n) => [Math.floor(n / 3), Math.max(Math.floor(n / 3) + 1, Math.ceil((2 * n) / 3)), 1]));
	out.push(shape.map((n) => [1 % n, n, 2]));
	out.push(shape.map((n) => [n - 1, n, 1]));
	out.push(shape.map(() => [0, 1, 1]));
	return out;
}

function expectedSelection(shape, flat, sel) {
	const stride = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
	const outShape = sel.map(([a, b, s]) => Math.max(0, Math.ceil((b - a) / s)));
	const out = [];
	forEachIndex(outShape, (idx) => {
		let o = 0;
		for (let d = 0; d < idx.length; d++) o += (sel[d][0] + idx[d] * sel[d][2]) * stride[d];
		out.push(flat[o]);
	});
	return { outShape, out };
}

for (const g of manifest.groups ?? []) {
	try {
		zarrJson(g.path);
		const group = await zarr.open.v3(nodeLocation(g.path), { kind: "group" });
		report.groups++;
		if (!jsonEqual(group.attrs ?? {}, g.attributes ?? {}))
			fail(g.path, `group attributes ${JSON.stringify(group.attrs)}, expected ${JSON.stringify(g.attributes)}`);
	} catch (e) {
		fail(g.path, `group could not be opened: ${e?.message ?? e}`);
	}
}

for (const a of manifest.arrays ?? []) {
	const path = a.path;
	try {
		const lim = limitations(path);
		if (lim.reasons.length > 0) {
			report.unsupported.push({ path, reasons: [...new Set(lim.reasons)] });
			continue;
		}
		const arr = await zarr.open.v3(nodeLocation(path), { kind: "array" });
		report.arrays++;
		if (arr.dtype !== a.data_type) {
			fail(path, `data_type ${arr.dtype}, expected ${a.data_type}`);
			continue;
		}
		if (!jsonEqual(arr.shape, a.shape)) {
			fail(path, `shape ${JSON.stringify(arr.shape)}, expected ${JSON.stringify(a.shape)}`);
			continue;
		}
		if (!jsonEqual(arr.attrs ?? {}, a.attributes ?? {}))
			fail(path, `attributes ${JSON.stringify(arr.attrs)}, expected ${JSON.stringify(a.attributes)}`);
		if (a.dimension_names !== undefined && !jsonEqual(arr.dimensionNames ?? null, a.dimension_names))
			fail(path, `dimension_names ${JSON.stringify(arr.dimensionNames)}, expected ${JSON.stringify(a.dimension_names)}`);
		let skip;
		if (a.fill_value !== undefined) {
			const want = fromManifest(a.data_type, a.fill_value);
			if (lim.inexactFill) {
				// zarrita rounds this fill value; check only the elements that are not the fill.
				skip = (v) => sameElement(a.data_type, v, want);
			} else if (!sameElement(a.data_type, arr.fillValue, want)) {
				fail(path, `fill_value ${describe(arr.fillValue)}, expected ${describe(want)}`);
			}
		}
		const whole = await zarr.get(arr, arr.shape.length === 0 ? null : arr.shape.map(() => null));
		const chunk = arr.shape.length === 0 && !("shape" in Object(whole)) ? { data: [whole], shape: [], stride: [] } : whole;
		const result = compare(a.data_type, chunk, a.shape, a.data, skip);
		if (typeof result === "string") {
			fail(path, `whole array: ${result}`);
			continue;
		}
		const checked = { path, elements: result.compared };
		if (lim.inexactFill) checked.note = "int64/uint64 fill value is not exactly a double: zarrita rounds it; fill elements not compared";
		if (lim.sharded || a.sharded) {
			let n = 0;
			for (const sel of selections(a.shape)) {
				const { outShape, out } = expectedSelection(a.shape, a.data, sel);
				const got = await zarr.get(
					arr,
					sel.map(([s, e, st]) => zarr.slice(s, e, st)),
				);
				const r = compare(a.data_type, got, outShape, out, skip);
				if (typeof r === "string") {
					fail(path, `selection ${JSON.stringify(sel)}: ${r}`);
					break;
				}
				n++;
			}
			checked.selections = n;
		}
		report.checked.push(checked);
	} catch (e) {
		fail(path, `could not be read: ${e?.name ?? "Error"}: ${e?.message ?? e}${e?.cause ? ` (${e.cause.message ?? e.cause})` : ""}`);
	}
}

for (const c of manifest.corrupt ?? []) {
	let outcome;
	try {
		const lim = limitations(c.path);
		if (lim.reasons.length > 0) outcome = `not attempted: ${lim.reasons.join("; ")}`;
		else {
			const arr = await zarr.open.v3(nodeLocation(c.path), { kind: "array" });
			await zarr.get(arr, arr.shape.map(() => null));
			outcome = "read without an error";
		}
	} catch (e) {
		outcome = `error: ${e?.name ?? "Error"}: ${e?.message ?? e}${e?.cause ? ` (${e.cause.message ?? e.cause})` : ""}`;
	}
	report.corrupt.push({ path: c.path, expected_error: c.error, zarrita: outcome });
}

report.ok = report.failures.length === 0;
console.log(JSON.stringify(report, null, 1));
process.exit(report.ok ? 0 : 1);
