// node shard_bench.mjs <workload> <folder> [tag] [codec]   — prints "<workload> <seconds> <cpu seconds>"
//
// zarrita's side of benchmarks/shard_compare.py (issue 18); our side is
// benchmarks/Zarr.Compare/ShardWorkloads.cs. zarrita 0.7.5 and @zarrita/storage's FileSystemStore,
// as pinned in tests/servers/package.json (npm ci there). The operation alone is timed
// (performance.now() around open + get/set, and process.cpuUsage(): every thread of the process,
// libuv's file-system pool included); node start-up, module loading and making the input are not.
//   s1  write the 4000² int32 array (element = flat index) as Zarr v3 in 100² chunks, one file each:
//       zarrita cannot write shards ("set on sharded arrays" is unsupported), so this is the
//       unsharded layout with the same chunking and codecs
//   s1u the same (the driver compares it with our unsharded write)
//   s2  read the sharded array s.zarr (written by our side) whole
//   s3  read 1,000 inner chunks of s.zarr as 100² windows, one zarr.get each, in order: Lcg(18)
//       draws row then column, as ShardWorkloads.InnerChunkWindows does
//   check  read the array at <folder> (our s1/s1u output) whole and check every element, untimed
// codec: zstd (level 1, numcodecs.js, zarrita's own encoder) or gzip (level 1; zarrita decodes gzip
// but cannot encode it, so the numcodecs.js gzip encoder is registered for s1 as
// tests/peers/zarrita/lib.mjs does).

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const here = fileURLToPath(new URL(".", import.meta.url));
const nodeModules = resolve(process.env.ZARR_PEER_NODE_MODULES ?? join(here, "..", "..", "tests", "servers", "node_modules"));
async function importPackageFile(relative) {
	const file = join(nodeModules, relative);
	if (!existsSync(file)) throw new Error(`${relative} is not installed under ${nodeModules}: run 'npm ci' in tests/servers`);
	return import(pathToFileURL(file).href);
}
const zarr = await importPackageFile("zarrita/dist/src/index.js");
const FileSystemStore = (await importPackageFile("@zarrita/storage/dist/src/fs.js")).default;

const [workload, dir, tag = "", codec = "zstd"] = process.argv.slice(2);
if (!workload || !dir) {
	console.error("usage: node shard_bench.mjs <s1|s1u|s2|s3|check> <folder> [tag] [zstd|gzip]");
	process.exit(2);
}
const SIZE = 4000;
const INNER = 100;
const WINDOWS = 1000;

const compressor =
	codec === "zstd"
		? { name: "zstd", configuration: { level: 1, checksum: false } }
		: codec === "gzip"
			? { name: "gzip", configuration: { level: 1 } }
			: (() => {
					throw new Error(`unknown codec '${codec}' (zstd or gzip)`);
				})();

if (codec === "gzip" && (workload === "s1" || workload === "s1u")) {
	const GZip = (await importPackageFile("numcodecs/dist/gzip.js")).default;
	const original = zarr.registry.get("gzip");
	zarr.registry.set("gzip", async () => {
		const Codec = await original();
		return {
			kind: Codec.kind,
			fromConfig(config, meta) {
				const inner = Codec.fromConfig(config, meta);
				const encoder = GZip.fromConfig({ id: "gzip", level: config?.level ?? 1 });
				return { kind: inner.kind, encode: async (bytes) => encoder.encode(bytes), decode: (bytes) => inner.decode(bytes) };
			},
		};
	});
}
// Load the codec module (numcodecs.js's wasm for zstd) before the clock starts: that is start-up.
await (await zarr.registry.get(codec)()).fromConfig(compressor.configuration, {});

/** The LCG of benchmarks/compare.py and Zarr.Compare. */
function lcg(seed) {
	let state = BigInt(seed);
	const mask = (1n << 64n) - 1n;
	return (bound) => {
		state = (state * 6364136223846793005n + 1442695040888963407n) & mask;
		return Number((state >> 33n) % BigInt(bound));
	};
}

let seconds, cpu, cpu0;
if (workload === "s1" || workload === "s1u") {
	const data = new Int32Array(SIZE * SIZE);
	for (let i = 0; i < data.length; i++) data[i] = i;
	const store = new FileSystemStore(join(dir, `${workload}_js${tag}.zarr`));
	const t = performance.now();
	cpu0 = process.cpuUsage();
	const arr = await zarr.create(zarr.root(store), {
		shape: [SIZE, SIZE],
		chunkShape: [INNER, INNER],
		dtype: "int32",
		codecs: [{ name: "bytes", configuration: { endian: "little" } }, compressor],
		fillValue: 0,
	});
	await zarr.set(arr, null, { data, shape: [SIZE, SIZE], stride: [SIZE, 1] });
	seconds = (performance.now() - t) / 1000;
	cpu = process.cpuUsage(cpu0);
} else if (workload === "s2") {
	const t = performance.now();
	cpu0 = process.cpuUsage();
	const arr = await zarr.open(zarr.root(new FileSystemStore(join(dir, "s.zarr"))), { kind: "array" });
	const all = await zarr.get(arr, null);
	seconds = (performance.now() - t) / 1000;
	cpu = process.cpuUsage(cpu0);
	if (all.data.length !== SIZE * SIZE || all.data[12_345_678] !== 12_345_678 || all.data[SIZE * SIZE - 1] !== SIZE * SIZE - 1)
		throw new Error("s2 read wrong data");
} else if (workload === "s3") {
	const next = lcg(18);
	const windows = [];
	for (let i = 0; i < WINDOWS; i++) windows.push([next(SIZE / INNER) * INNER, next(SIZE / INNER) * INNER]);
	const t = performance.now();
	cpu0 = process.cpuUsage();
	const arr = await zarr.open(zarr.root(new FileSystemStore(join(dir, "s.zarr"))), { kind: "array" });
	let sum = 0;
	for (const [r, c] of windows) {
		const w = await zarr.get(arr, [zarr.slice(r, r + INNER), zarr.slice(c, c + INNER)]);
		sum += w.data[0] + w.data[w.data.length - 1];
	}
	seconds = (performance.now() - t) / 1000;
	cpu = process.cpuUsage(cpu0);
	let expected = 0;
	for (const [r, c] of windows) expected += r * SIZE + c + (r + INNER - 1) * SIZE + c + INNER - 1;
	if (sum !== expected) throw new Error(`s3 read wrong data (${sum}, expected ${expected})`);
} else if (workload === "check") {
	// The array at <folder> (our s1/s1u output) read whole and every element checked; untimed.
	const arr = await zarr.open(zarr.root(new FileSystemStore(dir)), { kind: "array" });
	const all = await zarr.get(arr, null);
	if (all.data.length !== SIZE * SIZE) throw new Error(`${dir}: ${all.data.length} elements`);
	for (let i = 0; i < all.data.length; i++) if (all.data[i] !== i) throw new Error(`${dir}: element ${i} is ${all.data[i]}, expected ${i}`);
	seconds = cpu = 0;
} else {
	console.error(`unknown workload '${workload}'`);
	process.exit(2);
}
console.log(`${workload} ${seconds.toFixed(6)} ${cpu ? ((cpu.user + cpu.system) / 1e6).toFixed(6) : "0"}`);
