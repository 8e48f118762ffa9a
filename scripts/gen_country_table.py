#!/usr/bin/env python3
"""Generates the C++ country table compiled into kosh_core (run by CMake at build time).

Inputs: Debian iso-codes (ISO 3166-1 JSON and the ru/kk gettext catalogues), the UN M49
regions and UNHCR codes of data/embedded/country_codes/country_codes.csv, World Bank
aggregates from data/embedded/remittances/wdi_country_metadata.csv, and the hand-kept
lists in data/codes/ (historical and special entities, publisher aliases, aggregates).
"""
import argparse
import csv
import gettext
import json
import os


def cxx(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iso-json", required=True)
    ap.add_argument("--locale-dir", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    def catalogue(domain, lang):
        try:
            return gettext.translation(domain, a.locale_dir, languages=[lang])
        except OSError:
            return gettext.NullTranslations()

    ru, kk = catalogue("iso_3166-1", "ru"), catalogue("iso_3166-1", "kk")
    iso = json.load(open(os.path.join(a.iso_json, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    crosswalk = {r["iso3"]: r for r in rows(os.path.join(a.data, "embedded/country_codes/country_codes.csv"))}

    entities = []  # dicts with the Country fields
    names = []     # (folded-later name, code)
    for e in sorted(iso, key=lambda e: e["alpha_3"]):
        code = e["alpha_3"]
        cw = crosswalk.get(code, {})
        name = e.get("common_name") or e["name"]
        entities.append(dict(
            code=code, iso2=e["alpha_2"], m49=e.get("numeric", ""), name_en=name,
            name_ru=cw.get("name_ru") or ru.gettext(e["name"]),
            name_kk=cw.get("name_kk") or kk.gettext(e["name"]),
            region=cw.get("region_name", ""), subregion=cw.get("subregion_name", ""),
            intermediate=cw.get("intermediate_region_name", ""),
            region_code=cw.get("region_code", ""), subregion_code=cw.get("subregion_code", ""),
            unhcr=cw.get("unhcr_code", ""), kind="kCountry", valid_from="", valid_to=""))
        for n in {e["name"], e.get("official_name", ""), e.get("common_name", ""),
                  cw.get("official_name_en", ""), cw.get("unterm_en_short", ""),
                  cw.get("unterm_ru_short", ""), ru.gettext(e["name"]), kk.gettext(e["name"]),
                  ru.gettext(e.get("official_name", "")) if e.get("official_name") else ""}:
            if n:
                names.append((n, code))
    # Crosswalk rows that ISO lacks (CHI Channel Islands, XKX Kosovo) count as countries.
    known = {e["code"] for e in entities}
    for code, cw in sorted(crosswalk.items()):
        if code in known:
            continue
        entities.append(dict(
            code=code, iso2=cw["iso2"], m49=cw["m49"], name_en=cw["name_en"],
            name_ru=cw["name_ru"], name_kk=cw["name_kk"], region=cw["region_name"],
            subregion=cw["subregion_name"], intermediate=cw["intermediate_region_name"],
            region_code=cw["region_code"], subregion_code=cw["subregion_code"],
            unhcr=cw["unhcr_code"], kind="kCountry", valid_from="", valid_to=""))
        known.add(code)
    for r in rows(os.path.join(a.data, "codes/entities.csv")):
        kind = {"historical": "kHistorical", "special": "kSpecial"}[r["kind"]]
        entities.append(dict(
            code=r["code"], iso2=r["iso2"], m49=r["m49"], name_en=r["name_en"],
            name_ru=r["name_ru"], name_kk=r["name_kk"], region="", subregion="",
            intermediate="", region_code="", subregion_code="", unhcr="", kind=kind,
            valid_from=r["valid_from"], valid_to=r["valid_to"]))
        known.add(r["code"])
    aggregates = [(r["iso3"], r["country_name"]) for r in
                  rows(os.path.join(a.data, "embedded/remittances/wdi_country_metadata.csv"))
                  if r["is_aggregate"] == "1"]
    aggregates += [(r["code"], r["name_en"]) for r in rows(os.path.join(a.data, "codes/aggregates.csv"))]
    for code, name in aggregates:
        if code in known:
            continue
        entities.append(dict(
            code=code, iso2="", m49="", name_en=name, name_ru="", name_kk="", region="",
            subregion="", intermediate="", region_code="", subregion_code="", unhcr="",
            kind="kAggregate", valid_from="", valid_to=""))
        known.add(code)

    for r in rows(os.path.join(a.data, "codes/names.csv")):
        names.append((r["name"], r["code"]))
    desa = os.path.join(a.data, "embedded/un_desa_migrant_stock/countries_2020rev.csv")
    for r in rows(desa):
        names.append((r["name"], r["iso3"]))
    for e in entities:
        for f in ("name_en", "name_ru", "name_kk"):
            if e[f]:
                names.append((e[f], e["code"]))
    for _, code in names:
        if code not in known:
            raise SystemExit(f"gen_country_table: name alias points to unknown {code}")

    aliases = [(r["system"], r["code"], r["target"]) for r in rows(os.path.join(a.data, "codes/aliases.csv"))]
    for e in entities:
        if e["unhcr"]:
            aliases.append(("unhcr", e["unhcr"], e["code"]))
    for system, code, target in aliases:
        if target not in known:
            raise SystemExit(f"gen_country_table: alias {system}:{code} points to unknown {target}")

    fields = ["code", "iso2", "m49", "name_en", "name_ru", "name_kk", "region", "subregion",
              "intermediate", "region_code", "subregion_code", "unhcr"]
    out = ["// Generated by scripts/gen_country_table.py from Debian iso-codes and data/. Do not edit.",
           '#include "country_table.hpp"', "", "namespace kosh::internal {", "",
           "const Country kCountryTable[] = {"]
    for e in entities:
        vals = ", ".join(cxx(e[f]) for f in fields)
        out.append(f"    {{{vals}, EntityKind::{e['kind']}, {cxx(e['valid_from'])}, {cxx(e['valid_to'])}}},")
    out += ["};", f"const std::size_t kCountryTableSize = {len(entities)};", "",
            "const CodeAlias kCodeAliases[] = {"]
    for system, code, target in aliases:
        out.append(f"    {{{cxx(system)}, {cxx(code)}, {cxx(target)}}},")
    out += ["};", f"const std::size_t kCodeAliasesSize = {len(aliases)};", "",
            "const NameAlias kNameAliases[] = {"]
    for name, code in sorted(set(names)):
        out.append(f"    {{{cxx(name)}, {cxx(code)}}},")
    out += ["};", f"const std::size_t kNameAliasesSize = {len(set(names))};", "",
            "}  // namespace kosh::internal", ""]
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
