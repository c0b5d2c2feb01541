"""The PyTorch side of bench/: dl's three benchmark cases, written the way a
PyTorch user would write them, with the same architecture, initialization,
loss and optimizer as the Go benchmarks they are compared with:

    xor     BenchmarkXOR         (dl/bench_test.go)
    spiral  BenchmarkSpiral      (dl/bench_test.go)
    mnist   BenchmarkMNISTEpoch  (lessons/mnist_bench_test.go)

Like one op of the Go benchmark, one call of a case builds a fresh net and
trains it; the data is prepared beforehand, outside the timing. Each step
also reads the loss back into a Python list, as dl's Train records it in
its History. What may differ from dl: the random draws (weights, batch
order), and the loss takes class indices, PyTorch's usual form, where dl
takes one-hot rows (the same softmax cross-entropy).

Run one case alone with

    python3 bench/peer.py xor float32
    python3 bench/peer.py spiral float64 SPIRAL_FILE
    python3 bench/peer.py mnist float32 MNIST_DIR

bench/run calls these functions round after round, between dl's runs.
"""

import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def mlp(sizes, hidden, output, init_weight, dtype):
    """A fully connected net like dl.NewMLP: Linear layers of the given
    sizes, the activation hidden after every layer but the last and output
    (None: none, the net gives logits) after the last, weights drawn by
    init_weight and biases 0, as dl's NewDense leaves them."""
    layers = []
    pairs = list(zip(sizes, sizes[1:]))
    for i, (fan_in, fan_out) in enumerate(pairs):
        linear = nn.Linear(fan_in, fan_out, dtype=dtype)
        init_weight(linear.weight)
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        activation = output if i == len(pairs) - 1 else hidden
        if activation is not None:
            layers.append(activation())
    return nn.Sequential(*layers)


def uniform_1(w):
    """dl.Uniform{Scale: 1}: every weight from U(−1, 1)."""
    nn.init.uniform_(w, -1.0, 1.0)


def he(w):
    """dl.He: every weight from N(0, 2/fan_in) (He et al. 2015).
    kaiming_normal_ takes fan_in from the weight's second dimension, the
    layer's inputs, and its ReLU gain √2 gives the standard deviation
    √2/√fan_in."""
    nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu")


def xor(dtype):
    """BenchmarkXOR: the 2-2-1 sigmoid net of Rumelhart et al. on XOR,
    mean squared error, 5000 full-batch steps of plain SGD at rate 2."""
    x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype)
    y = torch.tensor([[0], [1], [1], [0]], dtype=dtype)

    def run():
        net = mlp([2, 2, 1], nn.Sigmoid, nn.Sigmoid, uniform_1, dtype)
        opt = torch.optim.SGD(net.parameters(), lr=2.0)
        losses = []
        for _ in range(5000):
            opt.zero_grad()
            loss = F.mse_loss(net(x), y)  # mean over all 4×1 entries, as dl.MSE
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return f"final loss {losses[-1]:.4g}"

    return run


def read_spiral(path):
    """The 300 points of lessons.Spiral(3, 100, PCG(1, 2)) as written by
    bench/spiraldata: one "x0 x1 class" line each."""
    points, classes = [], []
    with open(path) as f:
        for line in f:
            x0, x1, c = line.split()
            points.append((float(x0), float(x1)))
            classes.append(int(c))
    return points, classes


def spiral(dtype, path):
    """BenchmarkSpiral: 2-64-64-3 ReLU net, He initialization, softmax
    cross-entropy, 2000 full-batch steps of Adam at 0.01 (β₁ 0.9, β₂ 0.999,
    ε 1e-8: PyTorch's defaults are dl's). dl's Train also measures the
    accuracy of each epoch's predictions (its default metric for softmax
    cross-entropy), so this loop does too."""
    points, classes = read_spiral(path)
    x = torch.tensor(points, dtype=dtype)
    labels = torch.tensor(classes)

    def run():
        net = mlp([2, 64, 64, 3], nn.ReLU, None, he, dtype)
        opt = torch.optim.Adam(net.parameters(), lr=0.01)
        losses, accuracies = [], []
        for _ in range(2000):
            opt.zero_grad()
            logits = net(x)
            loss = F.cross_entropy(logits, labels)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            accuracies.append((logits.argmax(dim=1) == labels).double().mean().item())
        return f"final loss {losses[-1]:.4g}, train accuracy {accuracies[-1]:.3f}"

    return run


def read_idx(path, magic):
    """The array in a gzipped IDX file of LeCun's MNIST distribution: a
    big-endian header (magic number, then one size per dimension), then
    the bytes."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    found, = struct.unpack(">i", data[:4])
    if found != magic:
        raise ValueError(f"{path}: magic number {found}, want {magic}")
    ndim = magic & 0xFF
    shape = struct.unpack(">" + "i" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def mnist(dtype, data_dir):
    """BenchmarkMNISTEpoch: one epoch over the 60 000 training images,
    784-100-10 ReLU net, He initialization, softmax cross-entropy, plain SGD
    at 0.1, shuffled batches of 64 (the last one 32). Pixels are the raw
    bytes divided by 255, as lessons.LoadMNIST reads them."""
    images = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), 2051)
    digits = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"), 2049)
    x = torch.from_numpy(images.reshape(len(images), 28 * 28).astype(np.float64) / 255).to(dtype)
    labels = torch.from_numpy(digits.astype(np.int64))
    n = len(labels)
    generator = torch.Generator().manual_seed(1)

    def run():
        net = mlp([784, 100, 10], nn.ReLU, None, he, dtype)
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        losses = []
        order = torch.randperm(n, generator=generator)
        for start in range(0, n, 64):
            batch = order[start:start + 64]
            opt.zero_grad()
            loss = F.cross_entropy(net(x[batch]), labels[batch])
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return f"final loss {losses[-1]:.4g}"

    return run


CASES = {"xor": xor, "spiral": spiral, "mnist": mnist}
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def timed(run):
    """One run: its wall-clock time in seconds and what it reached."""
    start = time.perf_counter()
    reached = run()
    return time.perf_counter() - start, reached


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in CASES or sys.argv[2] not in DTYPES:
        sys.exit(__doc__)
    torch.set_num_threads(1)
    run = CASES[sys.argv[1]](DTYPES[sys.argv[2]], *sys.argv[3:])
    elapsed, reached = timed(run)
    print(f"{sys.argv[1]} {sys.argv[2]}: {elapsed:.3f} s, {reached}")
