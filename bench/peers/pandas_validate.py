"""pandas peer: the DID record rules that run on the file alone, as vectorised checks.

Usage: python3 pandas_validate.py FILE CATALOGUE SUBMITTED PERIOD_START OUT
Prints the finding count per rule as JSON and writes every finding (line, rule) to OUT.
"""
import json
import sys

import pandas as pd

NAMES = ["nhs", "status", "birth", "ethnic", "gender", "postcode", "gp", "setting", "referrer", "reforg",
         "request", "received", "test", "nicip", "snomed", "report", "site", "acc"]
DATE = r"\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|\+00:00|-00:00|\+01:00))?"


def did_date(s):
    shaped = s.where(s.str.fullmatch(DATE, na=False))
    return pd.to_datetime(shaped.str[:10], format="%Y-%m-%d", errors="coerce")


def main(path, catalogue_path, submitted, period_start, out):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], names=NAMES, header=0)
    cat = pd.read_csv(catalogue_path, dtype=str, usecols=["nicip_code", "snomed_ct_id"])
    line = pd.Series(df.index + 2, index=df.index)
    b, q, v, t, p = (did_date(df[c]) for c in ["birth", "request", "received", "test", "report"])
    s = pd.Timestamp(submitted)
    m = s.replace(day=1)
    ps = pd.Timestamp(period_start)
    present = {c: df[c].notna() for c in NAMES}
    nhs10 = df["nhs"].str.fullmatch(r"[0-9]{10}", na=False)
    digits = df["nhs"].where(nhs10, "0000000000")
    total = sum(digits.str[i].astype(int) * (10 - i) for i in range(9))
    check = 11 - total % 11
    check_ok = (check != 10) & (check.where(check != 11, 0) == digits.str[9].astype(int))
    postcode_ok = df["postcode"].str.fullmatch(
        r"([A-PR-UWYZ][0-9]|[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9]|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]) *[0-9][ABD-HJLNP-UW-Z]{2}", na=False) & (
        df["postcode"].str.len() <= 8)
    nicip_ok = df["nicip"].isin(cat["nicip_code"])
    snomed_ok = df["snomed"].isin(cat["snomed_ct_id"])
    pair = df["nicip"].map(dict(zip(cat["nicip_code"], cat["snomed_ct_id"])))
    site_ok = df["site"].str.fullmatch(r"[A-Z0-9]{5}", na=False)
    keyed = present["acc"] & present["site"]
    demographics = ["nhs", "birth", "ethnic", "gender", "gp"]
    none_but_postcode = ~pd.concat([present[c] for c in demographics], axis=1).any(axis=1)
    rules = {
        "DIDS001": nhs10 & (~check_ok | (df["nhs"].str[::-1] == df["nhs"])),
        "DIDS002": present["nhs"] & ~nhs10,
        "DIDS003": present["status"] & ~df["status"].isin(["01", "02", "03", "04", "05", "06", "07", "08"]),
        "DIDS005": present["birth"] & b.isna(),
        "DIDS006": b > t,
        "DIDS008": b > p,
        "DIDS009": b <= pd.Timestamp("1900-01-01"),
        "DIDS010": b > q + pd.DateOffset(months=6),
        "DIDS012": present["ethnic"] & ~df["ethnic"].str.fullmatch(r"99|[A-HJ-NPRSZ][A-Za-z0-9]?", na=False),
        "DIDS014": present["gender"] & ~df["gender"].isin(["0", "1", "2", "9"]),
        "DIDS017": present["postcode"] & ~postcode_ok,
        "DIDS018": present["gp"] & ~df["gp"].str.fullmatch(r"[A-Z][0-9]{5}", na=False),
        "DIDS020": ~present["setting"],
        "DIDS021": present["setting"] & ~df["setting"].isin(["01", "02", "03", "04", "05", "06", "07"]),
        "DIDS023": present["referrer"] & ~df["referrer"].str.fullmatch(
            r"99|R9999981|[CG][0-9]{7}|D[0-9]{6}|[0-9]{2}[A-Z][0-9]{4}[A-Z]|[A-Z]{2}[0-9]{6}", na=False),
        "DIDS026": present["request"] & q.isna(),
        "DIDS027": q > v,
        "DIDS028": q < t - pd.DateOffset(months=12),
        "DIDS031": q < pd.Timestamp("1970-01-01"),
        "DIDS034": q > t,
        "DIDS035": p < q,
        "DIDS036": present["received"] & v.isna(),
        "DIDS038": v < t - pd.DateOffset(months=12),
        "DIDS040": v < b - pd.DateOffset(months=6),
        "DIDS041": v < pd.Timestamp("1970-01-01"),
        "DIDS043": v > t,
        "DIDS044": v > p,
        "DIDS045": present["test"] & t.isna(),
        "DIDS048": p < t,
        "DIDS049": t < m - pd.DateOffset(months=3),
        "DIDS050": ~present["test"],
        "DIDS051": t > s,
        "DIDS055": t < m - pd.DateOffset(months=6),
        "DIDS056": ~present["nicip"] & ~present["snomed"],
        "DIDS057": present["nicip"] & ~nicip_ok,
        "DIDS059": present["snomed"] & ~snomed_ok,
        "DIDS061": present["report"] & p.isna(),
        "DIDS062": p > t + pd.DateOffset(months=1),
        "DIDS066": p > s,
        "DIDS067": ~present["site"],
        "DIDS068": present["site"] & ~site_ok,
        "DIDS069": present["site"] & ~site_ok,
        "DIDS070": ~present["acc"],
        "DIDS071": keyed & df[["acc", "site"]].duplicated(keep="first") & keyed,
        "DIDS072": (df["acc"].str.len() > 20) | df["acc"].str.contains(r"[\x00-\x1f\x7f-\x9f]", na=False),
        "DIDS073": none_but_postcode & ~present["postcode"],
        "DIDS074": none_but_postcode & present["postcode"] & ~postcode_ok,
        "DIDS082": nicip_ok & snomed_ok & (pair != df["snomed"]),
        "DIDC-PERIOD": (t < ps) | (t >= ps + pd.DateOffset(months=1)),
    }
    frames = [pd.DataFrame({"line": line[mask.fillna(False)], "rule": rule}) for rule, mask in rules.items()]
    findings = pd.concat(frames).sort_values(["line", "rule"])
    findings.to_csv(out, index=False)
    counts = findings["rule"].value_counts()
    print(json.dumps({rule: int(counts[rule]) for rule in sorted(counts.index)}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
