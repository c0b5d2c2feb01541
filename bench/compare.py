"""dl against PyTorch on the same machine in the same run (bench/README.md).

bench/run builds dl's test binaries and the spiral data, then calls

    python3 bench/compare.py --dl-test DL_TEST --lessons-test LESSONS_TEST \
        --spiral SPIRAL_FILE --mnist MNIST_DIR [--rounds N] [--cases xor,spiral]

Each round runs every case three ways, one right after the other: dl's Go
benchmark (GOMAXPROCS=1), then peer.py's PyTorch version in float32 and in
float64 (one thread). Running them in turn, round after round, lets both
see the same machine: a neighbour that slows one round slows both sides of
it. The report gives each side's median over the rounds and the ratio of
the medians, dl/PyTorch (below 1: dl is faster), with the range of the
ratios within single rounds beside it.
"""

import argparse
import ctypes
import os
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass

import torch

import peer


@dataclass
class Case:
    name: str  # peer.CASES key and --cases name
    title: str  # short: peer.py and bench/README.md say the rest
    go_test: str  # which test binary: "dl" or "lessons"
    benchmark: str  # Go benchmark function
    iterations: int  # Go iterations per round: their mean is the round's time


CASES = [
    Case("xor", "XOR 2-2-1, SGD, 5000 steps", "dl", "BenchmarkXOR", 20),
    Case("spiral", "spiral 2-64-64-3, Adam, 2000 steps", "dl", "BenchmarkSpiral", 1),
    Case("mnist", "MNIST epoch 784-100-10, batch 64", "lessons", "BenchmarkMNISTEpoch", 1),
]

DTYPES = ["float32", "float64"]


def go_seconds(binary, case):
    """One round of dl: the Go benchmark run case.iterations times in a
    fresh process on one thread; the mean time of one run in seconds (data
    loading is outside Go's timing)."""
    out = subprocess.run(
        [binary, "-test.run", "^$", "-test.bench", f"^{case.benchmark}$",
         "-test.benchtime", f"{case.iterations}x"],
        cwd=case.go_test, env={**os.environ, "GOMAXPROCS": "1"},
        capture_output=True, text=True)
    match = re.search(rf"^{case.benchmark}\S*\s+\d+\s+([\d.]+) ns/op", out.stdout, re.M)
    if out.returncode != 0 or match is None:
        sys.exit(f"bench: {case.benchmark} failed:\n{out.stdout}{out.stderr}")
    return float(match.group(1)) / 1e9


def cpu():
    """The CPU model and the vector extensions that decide which kernels run."""
    info = {}
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())
    flags = info.get("flags", "").split()
    avx512 = sorted(f for f in flags if f.startswith("avx512"))
    model = (f"{info.get('model name', '?')} (family {info.get('cpu family', '?')} "
             f"model {info.get('model', '?')}), {os.cpu_count()} logical CPUs")
    features = (f"AVX2 {'yes' if 'avx2' in flags else 'no'}, FMA {'yes' if 'fma' in flags else 'no'}, "
                f"AVX-512 {'yes (' + ' '.join(avx512) + ')' if avx512 else 'no'}")
    return model, features


def blas():
    """The BLAS library this process loaded (PyTorch's products go through
    it), and for OpenBLAS the kernel set it picked for this CPU."""
    with open("/proc/self/maps") as f:
        paths = sorted({line.split()[-1] for line in f if "blas" in os.path.basename(line.split()[-1])})
    if not paths:
        return "none loaded"
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return (f"{lib.openblas_get_config().decode()}, core {lib.openblas_get_corename().decode()}, "
                    f"{lib.openblas_get_num_threads()} thread(s)")
        except (OSError, AttributeError):
            continue
    return ", ".join(paths) + " (not OpenBLAS: the reference BLAS is slow; apt-get install libopenblas0)"


def command(*args):
    out = subprocess.run(args, capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else "?"


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def human(seconds):
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dl-test", required=True, help="go test -c binary of ./dl")
    parser.add_argument("--lessons-test", required=True, help="go test -c binary of ./lessons")
    parser.add_argument("--spiral", required=True, help="output of go run ./bench/spiraldata")
    parser.add_argument("--mnist", required=True, help="folder of the MNIST .gz files")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cases", default="xor,spiral,mnist")
    args = parser.parse_args()
    cases = [c for c in CASES if c.name in args.cases.split(",")]
    binaries = {"dl": args.dl_test, "lessons": args.lessons_test}
    data = {"xor": (), "spiral": (args.spiral,), "mnist": (args.mnist,)}

    torch.set_num_threads(1)
    torch.manual_seed(1)
    model, features = cpu()
    capability = re.search(r"CPU capability usage: (\S+)", torch.__config__.show())
    print("dl against PyTorch, same machine, same run, interleaved in rounds")
    print(f"CPU      {model}")
    print(f"         {features}")
    print(f"Go       {command('go', 'env', 'GOVERSION')}, GOMAXPROCS=1, "
          f"GOFLAGS={os.environ.get('GOFLAGS', '') or '(none)'}, dl at {command('git', 'describe', '--always', '--dirty')}")
    print(f"PyTorch  {torch.__version__} (Debian python3-torch {command('dpkg-query', '-W', '-f', '${Version}', 'python3-torch')}), "
          f"{torch.get_num_threads()} thread, kernels {capability.group(1) if capability else '?'}")
    print(f"BLAS     {blas()}")
    load_before = loadavg()

    # The PyTorch runs, data already in tensors: run[case][dtype]().
    runs = {c.name: {d: peer.CASES[c.name](getattr(torch, d), *data[c.name]) for d in DTYPES}
            for c in cases}
    times = {c.name: {"dl": [], **{d: [] for d in DTYPES}} for c in cases}
    print(f"\nrounds: {args.rounds}; in each, per case: dl, PyTorch float32, PyTorch float64")
    for r in range(1, args.rounds + 1):
        for c in cases:
            t = times[c.name]
            t["dl"].append(go_seconds(binaries[c.go_test], c))
            reached = {}
            for d in DTYPES:
                elapsed, reached[d] = peer.timed(runs[c.name][d])
                t[d].append(elapsed)
            print(f"round {r} {c.name:7} dl {human(t['dl'][-1]):>9}   "
                  + "   ".join(f"{d} {human(t[d][-1]):>9} ({reached[d]})" for d in DTYPES), flush=True)

    load_after = loadavg()
    print(f"\n1-minute load average {load_before} before the rounds, {load_after} after")
    if max(float(load_before), float(load_after)) > os.cpu_count():
        print(f"The machine was busy (more runnable threads than its {os.cpu_count()} CPUs): "
              "both sides waited for a CPU,\nso the ratios are rough; repeat the run when it is quieter.")
    print(f"\n{'case':<38}{'dl':>9}{'PT f32':>9}{'PT f64':>9}   {'dl/PT f32':<28}dl/PT f64")
    for c in cases:
        t = times[c.name]
        dl = statistics.median(t["dl"])
        cells = []
        for d in DTYPES:
            paired = [a / b for a, b in zip(t["dl"], t[d])]
            cells.append(f"{dl / statistics.median(t[d]):<6.3g} [{min(paired):.3g}-{max(paired):.3g}]")
        print(f"{c.title:<38}{human(dl):>9}{human(statistics.median(t['float32'])):>9}"
              f"{human(statistics.median(t['float64'])):>9}   " + "".join(f"{cell:<28}" for cell in cells).rstrip())
    print("\nTimes are medians over the rounds; dl computes in float64. dl/PT is median dl / median PyTorch\n"
          "(below 1: dl is faster), with [min-max] of the ratio within single rounds.")


if __name__ == "__main__":
    main()
