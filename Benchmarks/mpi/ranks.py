#!/usr/bin/env python3
"""MPI mode of the benchmark suite: `mlfit train` under `mpirun -np R` for several R, on one
file, reporting per-rank figures as the suite reports per-process ones.

For each rank count it runs (after one unmeasured run) `--repeat` measured runs of

    mpirun -np R --oversubscribe sh -c 'exec /usr/bin/time -o rank-$OMPI_COMM_WORLD_RANK -f "%M %e" mlfit …'

so every rank's own peak RSS and wall time come from its own `time` (not mpirun's), and
reads rank 0's `--report-json`: rows, bytes, passes, the slowest rank's read time and the
bytes rank 0 communicated. It prints a Markdown table; medians over the measured runs.

    M=$(scripts/build-mpi | tail -1)
    python3 Benchmarks/mpi/ranks.py --binary "$M" --file big.csv --ranks 1,2,4 -- \\
        linear-regression --label y
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def run_once(binary, ranks, data, train_args, threads):
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        model = os.path.join(tmp, "model.json")
        # Each rank's `time` writes to its own file: ranks' stderr lines can interleave.
        inner = f'exec /usr/bin/time -o "{tmp}/rank-$OMPI_COMM_WORLD_RANK" -f "%M %e" "$@"'
        command = ["mpirun", "-np", str(ranks), "--oversubscribe", "sh", "-c", inner, "sh", binary,
                   "train", *train_args, "--data", data, "--model", model, "--report-json", report, "--quiet"]
        if threads:
            command += ["--threads", str(threads)]
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"mpirun failed ({done.returncode}): {done.stderr[-2000:]}")
        per_rank = {}
        for rank in range(ranks):
            with open(os.path.join(tmp, f"rank-{rank}")) as f:
                kb, seconds = f.read().split()[-2:]
            per_rank[rank] = (int(kb), float(seconds))
        with open(report) as f:
            fit = json.load(f)["report"]
        return fit, per_rank


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="mlfit built with the MPI trait (scripts/build-mpi)")
    parser.add_argument("--file", required=True)
    parser.add_argument("--ranks", default="1,2,4")
    parser.add_argument("--threads", type=int, help="--threads per rank (default: mlfit's, its share of the cores)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("train_args", nargs=argparse.REMAINDER, help="-- then the algorithm and its options")
    args = parser.parse_args()
    train_args = [a for a in args.train_args if a != "--"]

    print(f"File: {args.file} ({os.path.getsize(args.file) / 1e6:.0f} MB); `mlfit train {' '.join(train_args)}`; "
          f"load average before: {os.getloadavg()[0]:.2f}\n")
    print("| ranks | threads/rank | wall s (slowest rank) | read s | passes | s per pass | bytes communicated per pass "
          "(rank 0) | peak RSS per rank (MiB) |")
    print("|---|---|---|---|---|---|---|---|")
    for ranks in [int(r) for r in args.ranks.split(",")]:
        run_once(args.binary, ranks, args.file, train_args, args.threads)  # unmeasured
        runs = [run_once(args.binary, ranks, args.file, train_args, args.threads) for _ in range(args.repeat)]
        wall = statistics.median(max(s for _, s in per.values()) for _, per in runs)
        read = statistics.median(fit["passSeconds"] for fit, _ in runs)
        fit = runs[-1][0]
        passes = fit["passes"]
        seconds_per_pass = statistics.median(
            (f["passSeconds"] + f["inMemorySeconds"]) / max(1, f["passes"]) for f, _ in runs)
        communicated = fit["communicatedBytes"] / max(1, passes)
        rss = [statistics.median(per[r][0] for _, per in runs) / 1024 for r in range(ranks)]
        print(f"| {ranks} | {fit['threads']} | {wall:.3f} | {read:.3f} | {passes} | {seconds_per_pass:.4f} | "
              f"{communicated:,.0f} | {', '.join(f'{m:.0f}' for m in rss)} |")


if __name__ == "__main__":
    main()
