"""nbexec.py executes one notebook in a fresh kernel and writes the result.

    nbexec.py INPUT OUTPUT [--kernel introdl] [--timeout SECONDS]

It is the Python half of the notebook tests (internal/nbtest) and of the
author command (cmd/nbrun): Go decides what to run and checks the result,
this script only talks to Jupyter, because nbclient is the reference
implementation of "run every cell like the notebook server would".

Every cell runs, even after an error (the caller reports all of them). The
output notebook is canonical, so that re-running an unchanged notebook gives
an identical file:
  - consecutive stream outputs of a cell are merged: GoNB forwards a
    program's stdout in chunks whose boundaries depend on timing;
  - cell metadata "execution" (wall-clock timestamps) is removed;
  - the notebook's kernelspec names the introdl kernel;
  - language_info drops the Go version, which differs between machines;
  - cells get ids derived from their position when they have none;
  - the file is written the way Jupyter writes it (sorted keys, indent 1).

On stdout it prints one JSON object with timings: the wall-clock time from
sending a code cell to the kernel until its reply and outputs arrived, and
the total including the kernel's start:
  {"kernel": "introdl", "seconds": total, "cells": [{"index": i, "seconds": s}, ...]}
"""

import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

KERNELSPEC = {"display_name": "Go (introdl)", "language": "go", "name": "introdl"}


class TimingClient(NotebookClient):
    """A NotebookClient that measures each code cell with a monotonic clock.

    The kernel's own message timestamps are not used: GoNB stamps them to the
    second, too coarse for cells that take a fraction of one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timings = []

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        start = time.monotonic()
        result = await super().async_execute_cell(cell, cell_index, *args, **kwargs)
        if cell.cell_type == "code":
            self.timings.append({"index": cell_index, "seconds": round(time.monotonic() - start, 3)})
        return result


def merge_streams(outputs):
    """Join consecutive stream outputs written to the same stream."""
    merged = []
    for out in outputs:
        last = merged[-1] if merged else None
        if out.output_type == "stream" and last is not None and last.output_type == "stream" and last.name == out.name:
            last.text += out.text
        else:
            merged.append(out)
    return merged


def canonicalize(nb):
    """Remove what changes from run to run or from machine to machine."""
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
        if nb.nbformat_minor >= 5 and not cell.get("id"):
            cell["id"] = "cell-%d" % index
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info")
    if info:
        info.pop("version", None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--kernel", default=KERNELSPEC["name"])
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    args = parser.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    client = TimingClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=120,
        allow_errors=True,
        record_timing=False,
        # Cells run with the notebook's folder as working directory, as in Jupyter.
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.input))}},
    )
    start = time.monotonic()
    client.execute()
    total = time.monotonic() - start
    canonicalize(nb)
    nbformat.write(nb, args.output)
    json.dump({"kernel": args.kernel, "seconds": round(total, 3), "cells": client.timings}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
