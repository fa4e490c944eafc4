"""Baseline for cnbudget's bench: jieba loading its dictionary and cutting a text.

Usage: python3 jieba_cut.py FILE ROUNDS
       python3 jieba_cut.py FILE -

Prints one JSON object: the load time (wall and CPU seconds), the number of tokens,
and the median wall and CPU seconds of jieba.lcut(text) (its default mode, with HMM)
over ROUNDS cuts after one warm-up cut. Runs with Debian's python3-jieba.

With - for ROUNDS it stays loaded: after the first object (no cuts), it reads a count
N per line of standard input and answers each with an object for N cuts, so the bench
can alternate its own rounds with jieba's and compare each pair.
"""

import json
import statistics
import sys
import time


def main():
    path, serve = sys.argv[1], sys.argv[2] == "-"
    rounds = 0 if serve else int(sys.argv[2])
    with open(path, encoding="utf-8") as f:
        text = f.read()
    w0, c0 = time.perf_counter(), time.process_time()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    load_wall, load_cpu = time.perf_counter() - w0, time.process_time() - c0
    tokens = len(jieba.lcut(text))
    info = {"version": jieba.__version__, "load_wall": load_wall, "load_cpu": load_cpu, "tokens": tokens}
    print(json.dumps(dict(info, **cuts(jieba, text, rounds))), flush=True)
    if serve:
        for line in sys.stdin:
            print(json.dumps(cuts(jieba, text, int(line))), flush=True)


def cuts(jieba, text, rounds):
    walls, cpus = [], []
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        jieba.lcut(text)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return {
        "cut_wall": statistics.median(walls) if walls else 0,
        "cut_cpu": statistics.median(cpus) if cpus else 0,
    }


if __name__ == "__main__":
    main()
