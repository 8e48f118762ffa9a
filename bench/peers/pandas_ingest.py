#!/usr/bin/env python3
"""The pandas baseline for bench/ingest: read_csv + to_sql into a fresh SQLite file.

Usage: pandas_ingest.py CSV [--repeat N]; prints the median seconds of N runs.
Run with Debian's python3 (python3-pandas).
"""
import argparse
import os
import sqlite3
import statistics
import tempfile
import time

import pandas as pd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--repeat", type=int, default=10)
    a = ap.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.repeat):
            db = os.path.join(tmp, f"pandas{i}.db")
            t0 = time.perf_counter()
            df = pd.read_csv(a.csv)
            con = sqlite3.connect(db)
            df.to_sql("observation", con, index=False)
            con.commit()
            con.close()
            times.append(time.perf_counter() - t0)
    print(f"pandas {pd.__version__}: rows={len(df)} median_s={statistics.median(times):.4f} "
          f"min_s={min(times):.4f}")


if __name__ == "__main__":
    main()
