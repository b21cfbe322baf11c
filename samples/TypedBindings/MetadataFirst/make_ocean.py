"""Writes data/ocean.zarr, the store the MetadataFirst sample is generated from, with zarr-python 2.13.
Run from this folder: python3 make_ocean.py"""
import numcodecs
import numpy as np
import zarr

root = zarr.open_group("data/ocean.zarr", mode="w")
root.attrs.update({"title": "Sea surface sample", "institution": "Zarr.Typed samples", "version": 2})
sst = root.create_dataset("sea_surface_temperature", shape=(4, 6, 8), chunks=(1, 6, 8), dtype="<f4",
                          compressor=numcodecs.Zlib(level=1), fill_value=float("nan"))
sst[:] = np.arange(4 * 6 * 8, dtype="<f4").reshape(4, 6, 8) / 10 + 10
sst.attrs.update({"units": "degC", "valid_range": [-2.0, 40.0], "long_name": "sea surface temperature"})
land = root.create_dataset("land", shape=(6, 8), chunks=(6, 8), dtype="|b1", compressor=None, fill_value=False)
mask = np.zeros((6, 8), bool)
mask[:, 0] = True
land[:] = mask
stations = root.create_group("stations")
names = stations.create_dataset("name", shape=(3,), chunks=(3,), dtype=str, compressor=None)
names[:] = ["Aberdeen", "Brest", "Cádiz"]
reading = stations.create_dataset("reading", shape=(3,), chunks=(3,), compressor=None,
                                  dtype=[("id", "<i4"), ("depth", "<f8"), ("ok", "|b1")])
reading[:] = np.array([(1, 5.5, True), (2, 12.0, False), (3, 30.25, True)], dtype=reading.dtype)
time = stations.create_dataset("time", shape=(3,), chunks=(3,), dtype="<M8[s]", compressor=numcodecs.Zstd(level=1))
time[:] = np.array(["2024-01-01T00:00:00", "2024-01-02T00:00:00", "2024-01-03T12:00:00"], dtype="<M8[s]")
print(root.tree())
