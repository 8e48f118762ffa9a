#!/usr/bin/env python3
"""Writes data/embedded/: the small default extract of ../shared/data that `kosh init
--embedded` loads. Central Asia (KAZ, KGZ, TJK, TKM, UZB) and its main partners, only from
openly licensed datasets. Standard library only; deterministic output.

Usage: scripts/make_embedded.py [--shared ../shared/data] [--out data/embedded]
"""
import argparse
import csv
import os
import sys

CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
PARTNERS_PER_COUNTRY = 8  # top corridors in and out of each Central Asian country, 2020


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def write(out_dir, rel, header, rows, quote_all=False):
    path = os.path.join(out_dir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n",
                       quoting=csv.QUOTE_NONNUMERIC if quote_all else csv.QUOTE_MINIMAL)
        w.writerow(header)
        for row in rows:
            w.writerow(row)
    return path


def filter_rows(header, rows, keep):
    idx = {name: i for i, name in enumerate(header)}
    return [r for r in rows if keep({k: r[i] for k, i in idx.items()})]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "embedded"))
    args = ap.parse_args()
    src = args.shared
    if not os.path.isdir(src):
        sys.exit(f"make_embedded: {src} not found; it holds the public datasets")

    # The focus set: Central Asia plus its main partners by migrant stock in 2020.
    header, stock = read(f"{src}/un_desa_migrant_stock/bilateral_stock_2020rev.csv")
    partners = set()
    for country in sorted(CENTRAL_ASIA):
        for side, other in (("origin_iso3", "dest_iso3"), ("dest_iso3", "origin_iso3")):
            rows = filter_rows(header, stock, lambda r: r["year"] == "2020" and
                               r["sex"] == "total" and r[side] == country)
            rows.sort(key=lambda r: -float(r[header.index("stock")]))
            partners.update(r[header.index(other)] for r in rows[:PARTNERS_PER_COUNTRY])
    focus = CENTRAL_ASIA | partners
    world = {"WLD"}
    print(f"focus set ({len(focus)}): {' '.join(sorted(focus))}", file=sys.stderr)

    def bilateral(origin_col, dest_col):
        return lambda r: r[origin_col] in CENTRAL_ASIA or r[dest_col] in CENTRAL_ASIA

    def country(col):
        return lambda r: r[col] in focus or r[col] in world

    jobs = [
        # (relative path, row filter or None for the whole file, quote every text field)
        ("country_codes/country_codes.csv", None, False),
        ("un_desa_migrant_stock/bilateral_stock_2020rev.csv",
         bilateral("origin_iso3", "dest_iso3"), False),
        ("un_desa_migrant_stock/totals_2020rev.csv", country("iso3"), False),
        ("un_desa_migrant_stock/countries_2020rev.csv", None, False),
        ("unhcr_refugees/population.csv", bilateral("coo_iso", "coa_iso"), False),
        ("unhcr_refugees/countries.csv", None, False),
        ("abel_cohen_flows/bilateral_flows_abel_cohen_2022.csv",
         lambda r: bilateral("origin_iso3", "dest_iso3")(r) and r["method"] == "da_pb_closed",
         False),
        ("remittances/wdi_remittances.csv", country("iso3"), False),
        ("remittances/wdi_country_metadata.csv", None, False),
        ("remittances/knomad_remittance_inflows_2023.csv", country("iso3"), False),
        ("remittances/knomad_remittance_outflows_2023.csv", country("iso3"), False),
        ("remittances/bilateral_remittance_matrix_knomad.csv",
         bilateral("sending_iso3", "receiving_iso3"), False),
        ("wb_population_gdp/wb_population.csv", country("iso3"), False),
        ("wb_population_gdp/wb_gdp.csv", country("iso3"), False),
        ("wb_labour_indicators/wdi_labour_indicators.csv", country("iso3"), False),
        ("net_migration/un_wpp2024_net_migration.csv", country("iso3"), False),
        ("net_migration/un_wpp2024_demographic_indicators.csv", country("iso3"), False),
        ("remittance_prices/wdi_remittance_cost_by_country.csv", country("iso3"), False),
    ]
    total = 0
    for rel, keep, quote_all in jobs:
        header, rows = read(os.path.join(src, rel))
        if keep is not None:
            rows = filter_rows(header, rows, keep)
        path = write(args.out, rel, header, rows, quote_all)
        size = os.path.getsize(path)
        total += size
        print(f"{rel}: {len(rows)} rows, {size / 1024:.0f} KiB", file=sys.stderr)
    print(f"total {total / 1024 / 1024:.2f} MiB", file=sys.stderr)
    if total >= 5 * 1024 * 1024:
        sys.exit("make_embedded: the extract must stay under 5 MB")


if __name__ == "__main__":
    main()
