#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets into fuzz/corpus/TARGET/.

Configs and compare specs are copied from experiments/; IDX and digits CSV seeds are made
here, tiny and in the framing of fuzz/fuzz_input.hpp (a flag byte: 1 gzip, 0 raw). With a
run directory (written by `convneat run ... --out DIR`), its champion.json and its checkpoint
(checkpoint.cbor, or checkpoint.json with output.checkpoint_format=json) become seeds too.

    python3 fuzz/make_corpus.py [RUN_DIR]
"""
import gzip
import pathlib
import shutil
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def target(name):
    folder = CORPUS / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def framed(gzipped, *files, extra_flags=0):
    """[flags][len(first) as 4 bytes big-endian][first][second], or [flags][only]."""
    parts = [gzip.compress(f, mtime=0) if gzipped else f for f in files]
    flag = bytes([(1 if gzipped else 0) | extra_flags])
    if len(parts) == 1:
        return flag + parts[0]
    return flag + struct.pack(">I", len(parts[0])) + parts[0] + parts[1]


def idx_pair(count, rows, columns):
    images = struct.pack(">IIII", 0x803, count, rows, columns) + bytes(
        (i * 37) % 256 for i in range(count * rows * columns))
    labels = struct.pack(">II", 0x801, count) + bytes(i % 10 for i in range(count))
    return images, labels


def digits_csv(rows):
    lines = []
    for r in range(rows):
        pixels = [str((r + i) % 17) for i in range(64)]
        lines.append(",".join(pixels + [str(r % 10)]))
    return ("\n".join(lines) + "\n").encode()


# One `--set KEY=VALUE` per line, as fuzz_set_override reads them.
SET_OVERRIDES = {
    "population.txt": "population.size=300\nseed=7\npopulation.innovation_policy=persistent\n",
    "pointers.txt": "/genome/hidden_activation=tanh\n/stop/fitness_threshold=null\n/evaluation/threads=2\n",
    "task.txt": "task.name=aligned_parts\ntask.train=10\ntask.size=16\n",
    "spatial.txt": 'genome.spatial.layers=[{"kernel_size": 3}, {"mode": "local"}]\n'
                   "genome.spatial.layers.1.kernel_size=5\n/genome/spatial/layers/0/mode=centroid\n",
    "lists.txt": 'genome.activation_options=["tanh", "relu"]\noutput.directory=runs/x\nstop.when_solved=false\n',
    "nested.txt": "seed=[[[[1]]]]\ntask.a.b.c=[{}]\n",
}

# Answer lines of environment workers, as fuzz_environment_answer reads them.
ENVIRONMENT_ANSWERS = {
    "base64.txt": '{"observations": "AAAAAAAAAAAAAAAAAAAAAA==", "rewards": "AAAAAAAA+D8AAAAAAAAEQA==", "dones": "AQE="}',
    "json.txt": '{"observations": [0, 0.5, -1e3], "rewards": [1], "dones": [false]}',
    "nested.txt": '{"info": {"observations": "AAAA"}, "note": "\\"rewards\\": \\"x\\"", "rewards": "AAAA"}',
    "escaped.txt": '{"observations" : "AA\\u0041A", "dones":"AQ=="}',
    "plain.txt": '{"observation": [0.1, 0.2], "reward": 1.0, "done": true}',
    "duplicate.txt": '{"info": {"observations": "AAAA"}, "observations": "", "dones": "AQ==", "dones": ""}',
}


def main():
    for config in sorted((ROOT / "experiments" / "configs").glob("*.json")):
        shutil.copy(config, target("fuzz_config") / config.name)
    for spec in sorted((ROOT / "experiments" / "compare").glob("*.json")):
        shutil.copy(spec, target("fuzz_compare_spec") / spec.name)
    (target("fuzz_compare_spec") / "overrides.json").write_text(
        '{"base": "../configs/xor.json", "tasks": [{"name": "small", "set": {"population.size": 20}}],\n'
        ' "set": {"stop.max_generations": 5}, "variants": [{"name": "a", "set": {}}], "seeds": [3, 5]}\n')
    for name, overrides in SET_OVERRIDES.items():
        (target("fuzz_set_override") / name).write_text(overrides)
    for name, answer in ENVIRONMENT_ANSWERS.items():
        (target("fuzz_environment_answer") / name).write_text(answer)
    for gzipped in (False, True):
        suffix = "gz" if gzipped else "raw"
        (target("fuzz_idx") / f"pair_3x4x5.{suffix}").write_bytes(framed(gzipped, *idx_pair(3, 4, 5)))
        (target("fuzz_idx") / f"pair_1x2x2.{suffix}").write_bytes(framed(gzipped, *idx_pair(1, 2, 2)))
        (target("fuzz_digits_csv") / f"rows_4.{suffix}").write_bytes(framed(gzipped, digits_csv(4)))
        (target("fuzz_digits_csv") / f"rows_1.{suffix}").write_bytes(framed(gzipped, digits_csv(1)))
    # fuzz_digits_task: flag bit 1 is split "file_order", bit 2 the digit_pairs task. Files of
    # 1, 3 and 10 rows are too small to fill every split; 50 rows fill them, and 100 rows give
    # every split pairs of both kinds.
    for rows, flags in ((1, 0), (3, 0), (3, 2), (10, 0), (10, 2), (10, 4), (50, 0), (50, 2), (100, 4)):
        name = f"rows_{rows}_{'file_order' if flags & 2 else 'stratified'}{'_pairs' if flags & 4 else ''}"
        (target("fuzz_digits_task") / f"{name}.raw").write_bytes(framed(False, digits_csv(rows), extra_flags=flags))
    (target("fuzz_digits_task") / "rows_10_stratified.gz").write_bytes(framed(True, digits_csv(10)))
    if len(sys.argv) > 1:
        run = pathlib.Path(sys.argv[1])
        shutil.copy(run / "champion.json", target("fuzz_champion") / "xor_champion.json")
        if (run / "checkpoint.json").exists():
            shutil.copy(run / "checkpoint.json", target("fuzz_checkpoint") / "xor_checkpoint.json")
        if (run / "checkpoint.cbor").exists():
            # The CBOR body alone: the target frames each input as a binary checkpoint's payload,
            # with a right CRC, so mutations reach the decoders instead of failing the CRC.
            body = (run / "checkpoint.cbor").read_bytes().split(b"\n", 1)[1]
            (target("fuzz_checkpoint") / "xor_checkpoint_cbor_body").write_bytes(body)


if __name__ == "__main__":
    main()
