#!/usr/bin/env python3
"""`make bench`: galley against the peer chain a user would assemble instead, in one run, on the
same inputs; writes the table to bench/RESULTS.md (and the raw figures to bench/work/results.json).

    python3 bench/run.py            full run (median of 5 runs, 10 MB text, 1,000-article batch)
    QUICK=1 python3 bench/run.py    a short run for iterating on the harness

Peers: ftfy.fix_text + OpenCC t2s (text), pandoc (Markdown -> JATS), the `typst` Python package
(Typst -> PDF), installed into bench/work/venv (PyPI) and from Debian (pandoc). Everything
generated lives in bench/work/ (gitignored). Settings (environment): QUICK, RUNS, BIG_MB,
BATCH_N, NO_CRITERION=1 (skip the criterion benches), GALLEY_BIN (a built binary: no cargo build),
CARGO, CARGO_TARGET_DIR.
Standard library only: it runs with the system's python3.
"""

import datetime
import difflib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
DATA = WORK / "data"
VENV = WORK / "venv"
PY = VENV / "bin" / "python"
PEER = ROOT / "bench" / "peer.py"
SAMPLE = ROOT / "articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt"
CGR = sorted((ROOT / "articles/city-governance-review/2018-03").glob("*.txt"))
SEED = ROOT / "tests/fixtures/seed.json"
EN = ROOT / "tests/fixtures/en-article.json"
CLEAN = ROOT / "tests/fixtures/seed.clean.txt"
CATALOG = ROOT / "src/jats/dtd/JATS-Publishing-1-3-DTD/catalog-jats-v1-3-no-base.xml"
DTD = ROOT / "src/jats/dtd/JATS-Publishing-1-3-DTD/JATS-journalpublishing1-3.dtd"
FONTDIR = "/usr/share/fonts"

QUICK = os.environ.get("QUICK", "") not in ("", "0")
RUNS = int(os.environ.get("RUNS", 2 if QUICK else 5))
BIG_MB = float(os.environ.get("BIG_MB", 1 if QUICK else 10))
BATCH_N = int(os.environ.get("BATCH_N", 60 if QUICK else 1000))
N_TEXT = 6 if QUICK else 30  # sample copies for the per-article text → JATS time
N_E2E = 4 if QUICK else 20  # sample copies for the per-article end-to-end time
# A throughput run slower than this is not repeated RUNS times (noted in the table).
SLOW_RUN_S = float(os.environ.get("SLOW_RUN_S", 60))
# Every measurement but `batch -j 2` runs pinned to one CPU (PIN=0: not pinned).
PIN = os.environ.get("PIN", "1") not in ("", "0")


def log(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


# ─── running and measuring ──────────────────────────────────────────────────────────────────


def one_core():
    """Pins the calling (child) process to one CPU: the targets are per core."""
    if PIN:
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def measure(cmd, cwd=ROOT, env=None, stdout=None, pin=True):
    """Runs cmd (on one core unless pin=False); returns (wall seconds, peak RSS in MB of it and
    its waited-for children, rc)."""
    t0 = time.perf_counter()
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = open(WORK / "last-stderr.log", "wb")
    p = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=err,
                         preexec_fn=one_core if pin else None)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()
    err.close()
    if p.returncode != 0:
        tail = (WORK / "last-stderr.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {p.returncode}:\n{tail}")
    return wall, ru.ru_maxrss / 1024, p.returncode


def peer(*args, stdout_file=None):
    """Runs bench/peer.py in the venv; returns (its JSON, peak RSS MB, wall)."""
    out = WORK / "peer-out.json"
    wall, rss, _ = measure([PY, PEER, *args], stdout=out)
    return json.loads(out.read_text()), rss, wall


def med(xs):
    return statistics.median(xs) if xs else float("nan")


# ─── setup ──────────────────────────────────────────────────────────────────────────────────


def setup():
    WORK.mkdir(parents=True, exist_ok=True)
    if not shutil.which("pandoc") or not shutil.which("xmllint"):
        subprocess.run([ROOT / "scripts/setup.sh", "pandoc", "libxml2-utils"], check=True)
    if not PY.exists():
        log("creating", VENV)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    pip = [PY, "-m", "pip", "install", "-q"]
    if subprocess.run([PY, "-c", "import ftfy, typst"]).returncode != 0:
        subprocess.run(pip + ["ftfy", "typst"], check=True)
    if subprocess.run([PY, "-c", "import opencc; opencc.OpenCC('t2s')"]).returncode != 0:
        if subprocess.run(pip + ["opencc"]).returncode != 0:
            log("official OpenCC binding did not install: using opencc-python-reimplemented")
            subprocess.run(pip + ["opencc-python-reimplemented"], check=True)


def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build_galley():
    """Builds the release binary and copies it to bench/work/bin/galley.

    The uplifted target/release/galley may be shared with other checkouts (one CARGO_TARGET_DIR),
    so the copy is taken, right after the build, from the deps/ file it is a hard link to."""
    cargo = os.environ.get("CARGO", "cargo")
    dest = WORK / "bin" / "galley"
    dest.parent.mkdir(exist_ok=True)
    subprocess.run([cargo, "build", "--release", "--locked", "--bin", "galley"], cwd=ROOT,
                   check=True)
    up = target_dir() / "release" / "galley"
    ino = up.stat().st_ino
    deps = [p for p in (target_dir() / "release" / "deps").glob("galley-*")
            if p.suffix == "" and p.stat().st_ino == ino]
    shutil.copy2(deps[0] if deps else up, dest)
    return dest


def galley_commit():
    def git(*a):
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    c = git("rev-parse", "--short", "HEAD")
    return c + ("+dirty" if git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md") else "")


def machine():
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram": mem,
        "os": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# ─── inputs ─────────────────────────────────────────────────────────────────────────────────


def vary_text(text, n, title_hint):
    """A variant of a raw article: the title gets a number, every body paragraph a mark (so no
    paragraph repeats between articles and Typst cannot reuse a memoised layout), and two body
    paragraphs swap places."""
    lines = text.split("\n")
    title = next((l for l in lines if title_hint(l)), None)
    if title:
        lines = [l + f"（第{n}篇）" if l == title else l for l in lines]
    body = [i for i, l in enumerate(lines) if len(l) > 80 and i > 8]
    for i in body:
        lines[i] += f"（{n}）"
    if len(body) >= 3:
        i, j = body[1 + n % (len(body) - 1)], body[1 + (n * 7 + 3) % (len(body) - 1)]
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def vary_model(model, n, en=False):
    m = json.loads(json.dumps(model))
    m["title"] = m["title"] + (f" (No. {n})" if en else f"（第{n}篇）")
    for s in m.get("sections", []):
        s["paragraphs"] = [p + (f" ({n})" if en else f"（{n}）") for p in s.get("paragraphs") or []]
    for s in m.get("sections", []):
        ps = s.get("paragraphs") or []
        if len(ps) >= 2:
            k = n % len(ps)
            s["paragraphs"] = ps[k:] + ps[:k]
            break
    return m


def sample_title(line):
    return "抓手" in line and len(line) < 120


def cgr_title(lines):
    first = lines.split("\n")[1]
    return lambda l: l == first


def sample_variant(n):
    return vary_text(SAMPLE.read_text(encoding="utf-8"), n, sample_title)


def write_corpus(folder, count):
    """count articles cycling through the test corpus, each varied."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    en = json.loads(EN.read_text(encoding="utf-8"))
    sources = ["sample", *CGR, "seed", "en"]
    for i in range(count):
        src, n = sources[i % len(sources)], i // len(sources) + 1
        if src == "sample":
            (folder / f"{i:04d}-sample.txt").write_text(sample_variant(n), encoding="utf-8")
        elif src == "seed":
            (folder / f"{i:04d}-seed.json").write_text(json.dumps(vary_model(seed, n), ensure_ascii=False), encoding="utf-8")
        elif src == "en":
            (folder / f"{i:04d}-en.json").write_text(json.dumps(vary_model(en, n, en=True), ensure_ascii=False), encoding="utf-8")
        else:
            t = src.read_text(encoding="utf-8")
            (folder / f"{i:04d}-{src.stem}.txt").write_text(vary_text(t, n, cgr_title(t)), encoding="utf-8")


def md_escape(s):
    return re.sub(r"([\\`*_\[\]#<>|$@~^])", r"\\\1", s)


def to_markdown(m):
    """A Markdown rendering of the clean article, as a user would write it for pandoc."""
    meta = ["---", f"title: {json.dumps(m['title'], ensure_ascii=False)}"]
    authors = [a if isinstance(a, str) else a.get("name", "") for a in m.get("authors", [])]
    if authors:
        meta.append("author:")
        meta += [f"  - {json.dumps(a, ensure_ascii=False)}" for a in authors]
    if m.get("abstract"):
        meta.append(f"abstract: {json.dumps(m['abstract'], ensure_ascii=False)}")
    if m.get("keywords"):
        meta.append(f"keywords: {json.dumps(m['keywords'], ensure_ascii=False)}")
    meta += [f"lang: {'en' if m.get('lang') == 'en' else 'zh-CN'}", "---", ""]
    body = []
    for s in m.get("sections", []):
        head = " ".join(x for x in (s.get("label"), s.get("title")) if x)
        ps = list(s.get("paragraphs") or [])
        if head and s.get("run_in") and ps:
            ps[0] = f"**{md_escape(head)}**{md_escape(ps[0])}"
            head = None
            ps = [ps[0]] + [md_escape(p) for p in ps[1:]]
        else:
            ps = [md_escape(p) for p in ps]
        if head:
            body += ["#" * (max(int(s.get("level") or 1), 1) + 1) + " " + md_escape(head), ""]
        for p in ps:
            body += [p, ""]
    refs = m.get("references") or []
    if refs:
        body += ["# 参考文献", ""]
        body += [f"{i}. {md_escape(r['raw'])}" for i, r in enumerate(refs, 1)]
    return "\n".join(meta + body) + "\n"


def typ_escape(s):
    return re.sub(r"([\\#$*_`<>@\[\]~=\-+/\"'])", r"\\\1", s)


def to_typst(m):
    """The same article as a Typst document, text set as markup, the same CJK faces as galley."""
    out = [
        '#set document(title: "benchmark")',
        '#set page(paper: "a4", margin: (x: 2.2cm, y: 2.5cm), numbering: "1")',
        '#set text(font: ("Noto Serif CJK SC"), size: 10.5pt, lang: "zh", region: "cn")',
        "#set par(justify: true, leading: 0.8em, first-line-indent: (amount: 2em, all: true))",
        '#show heading: set text(font: "Noto Sans CJK SC", size: 10.5pt)',
        '#align(center, text(font: "Noto Sans CJK SC", size: 16pt, weight: "bold")[' + typ_escape(m["title"]) + "])",
    ]
    authors = [a if isinstance(a, str) else a.get("name", "") for a in m.get("authors", [])]
    out.append("#align(center)[" + typ_escape("　".join(authors)) + "]")
    if m.get("abstract"):
        out += ["", "*摘要*：" + typ_escape(m["abstract"])]
    if m.get("keywords"):
        out += ["", "*关键词*：" + typ_escape("；".join(m["keywords"]))]
    for s in m.get("sections", []):
        head = " ".join(x for x in (s.get("label"), s.get("title")) if x)
        if head:
            out += ["", "=" * max(int(s.get("level") or 1), 1) + " " + typ_escape(head)]
        for p in s.get("paragraphs") or []:
            out += ["", typ_escape(p)]
    refs = m.get("references") or []
    if refs:
        out += ["", "= 参考文献"]
        out += ["", *(f"[{i}] " + typ_escape(r["raw"]) + " \\" for i, r in enumerate(refs, 1))]
    return "\n".join(out) + "\n"


def make_inputs():
    """Writes bench/work/data: text inputs, per-article sets, peer inputs, the batch corpus."""
    if DATA.exists():
        shutil.rmtree(DATA)
    d = {k: DATA / k for k in ("text", "one", "text-n", "e2e-n", "peer", "batch")}
    for p in d.values():
        p.mkdir(parents=True)
    raw = SAMPLE.read_bytes()
    sample = d["text"] / "sample.txt"
    sample.write_bytes(raw)
    big = d["text"] / "big.txt"
    reps = max(1, round(BIG_MB * 1e6 / len(raw)))
    big.write_bytes(raw * reps)
    # The same size of undamaged text: what most of an archive is.
    clean_raw = CLEAN.read_bytes()
    clean = d["text"] / "clean.txt"
    clean.write_bytes(clean_raw)
    clean_big = d["text"] / "clean-big.txt"
    clean_big.write_bytes(clean_raw * max(1, round(BIG_MB * 1e6 / len(clean_raw))))
    (d["one"] / "0000-sample.txt").write_text(sample_variant(0), encoding="utf-8")
    for i in range(N_TEXT):
        (d["text-n"] / f"{i:04d}-sample.txt").write_text(sample_variant(i + 1), encoding="utf-8")
    for i in range(N_E2E):
        (d["e2e-n"] / f"{i:04d}-sample.txt").write_text(sample_variant(i + 1), encoding="utf-8")
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    triples = []
    for i in range(max(N_TEXT, N_E2E)):
        m = vary_model(seed, i + 1)
        md, typ = d["peer"] / f"{i:04d}.md", d["peer"] / f"{i:04d}.typ"
        md.write_text(to_markdown(m), encoding="utf-8")
        typ.write_text(to_typst(m), encoding="utf-8")
        triples.append((d["text-n"] / f"{i % N_TEXT:04d}-sample.txt", md, typ))
    write_corpus(d["batch"], BATCH_N)
    return {"sample": sample, "big": big, "reps": reps, "clean": clean, "clean_big": clean_big,
            "dirs": d, "triples": triples}


# ─── galley ─────────────────────────────────────────────────────────────────────────────────


def galley_batch(galley, folder, jobs, pdf, tag, keep=False):
    """One `galley batch` into a fresh output folder: (in-process seconds, wall, peak MB, report)."""
    out = WORK / "out" / tag
    if out.exists():
        shutil.rmtree(out)
    cmd = [galley, "batch", folder, "--out-dir", out, "-j", jobs, "-q"] + ([] if pdf else ["--no-pdf"])
    wall, rss, _ = measure(cmd, pin=jobs == 1)
    report = json.loads((out / "batch-report.json").read_text())
    if report["failed"]:
        raise RuntimeError(f"galley batch {folder}: {report['failed']} failed: "
                           + "; ".join(r.get("error") or "" for r in report["rows"] if r["status"] == "failed")[:1000])
    if not keep:
        shutil.rmtree(out)
    return report["seconds"], wall, rss, report


def per_article(galley, inputs, pdf, n, tag, after_round=None):
    """Warm time per article in one process over `galley batch -j 1`: the mean of the articles'
    own times (`batch-report.json` rows) after the first, which loads dictionaries and fonts, as
    the peer chain's loop times its articles after a warm-up one; median over RUNS. Also
    (T(n) − T(1)) / (n − 1) with a separate one-article run, which agrees but carries the noise
    of two processes. `after_round` runs after each round (the peer's turn, side by side)."""
    d = inputs["dirs"]
    folder = d["e2e-n"] if pdf else d["text-n"]
    per, diff, amort, rss = [], [], [], []
    for r in range(RUNS):
        t1, _, _, _ = galley_batch(galley, d["one"], 1, pdf, f"{tag}-one")
        tn, wall, m, report = galley_batch(galley, folder, 1, pdf, f"{tag}-n")
        # The first article is the slowest by far (it loads dictionaries and fonts): left out.
        warm = sorted(row["ms"] / 1e3 for row in report["rows"])[:-1]
        per.append(sum(warm) / len(warm))
        diff.append((tn - t1) / (n - 1))
        amort.append(wall / n)
        rss.append(m)
        if after_round:
            after_round()
    return {"per_article_s": med(per), "runs": per, "t_n_minus_t_1_s": med(diff), "t_n_minus_t_1_runs": diff,
            "amortised_wall_s": med(amort), "rss_mb": max(rss)}


def normalize_throughput(galley, small, big):
    """`galley normalize` on one article and on the big file, whole process; the net figure
    subtracts the one-article run (start-up, dictionaries)."""
    log("galley normalize:", small.name, "and", big.name, f"({big.stat().st_size / 1e6:.1f} MB)")
    small_t, big_t, rss = [], [], 0
    for r in range(RUNS):
        w, m, _ = measure([galley, "normalize", small, "-o", WORK / "tmp-small.out"])
        small_t.append(w)
        if big_t and big_t[0] > SLOW_RUN_S:
            continue  # one run of the big file is enough when it is this slow (noted)
        w, m2, _ = measure([galley, "normalize", big, "-o", WORK / "tmp-big.out"])
        big_t.append(w)
        rss = max(rss, m, m2)
        log(f"  run {r + 1}: {small.name} {small_t[-1]:.2f} s, {big.name} {w:.2f} s")
    size_big, size_small = big.stat().st_size, small.stat().st_size
    tb, ts = med(big_t), med(small_t)
    return {
        "big_bytes": size_big, "big_runs": big_t, "sample_runs": small_t,
        "mb_s_gross": size_big / tb / 1e6,
        "mb_s_net": (size_big - size_small) / max(tb - ts, 1e-9) / 1e6,
        "sample_process_s": ts, "rss_mb": rss,
    }


def galley_measurements(galley, inputs):
    res = {}
    sample = inputs["sample"]
    res["normalize"] = normalize_throughput(galley, sample, inputs["big"])
    res["normalize_clean"] = normalize_throughput(galley, inputs["clean"], inputs["clean_big"])
    log("galley per article, text → JATS (batch -j 1 --no-pdf)")
    res["text_jats"] = per_article(galley, inputs, False, N_TEXT, "text")
    log("galley cold: one `galley build` process")
    cold = []
    for r in range(RUNS):
        out = WORK / "out" / "cold"
        shutil.rmtree(out, ignore_errors=True)
        w, m, _ = measure([galley, "build", sample, "--out-dir", out])
        cold.append((w, m))
    res["cold"] = {"s": med([c[0] for c in cold]), "rss_mb": max(c[1] for c in cold)}
    log(f"galley batch of {BATCH_N} articles, -j 1 and -j 2")
    res["batch"] = {}
    # The batch is the PDF stage over a large body of article text: its input size gives MB/s.
    size = sum(f.stat().st_size for f in inputs["dirs"]["batch"].rglob("*") if f.is_file())
    for jobs in (1, 2):
        secs, wall, rss, rep = galley_batch(galley, inputs["dirs"]["batch"], jobs, True, f"batch-j{jobs}")
        res["batch"][jobs] = {"seconds": secs, "wall": wall, "rss_mb": rss, "done": rep["done"],
                              "per_s": rep["done"] / secs, "per_s_wall": rep["done"] / wall,
                              "input_bytes": size}
        log(f"  -j {jobs}: {rep['done']} articles in {secs:.1f} s, peak {rss:.0f} MB")
    # Outputs of the sample for the quality comparison.
    measure([galley, "normalize", sample, "-o", WORK / "galley-sample.txt"])
    shutil.rmtree(WORK / "quality", ignore_errors=True)
    measure([galley, "build", sample, "--out-dir", WORK / "quality", "--no-pdf"])
    res["jats_file"] = str(WORK / "quality" / "sample.xml")
    return res


# ─── peers ──────────────────────────────────────────────────────────────────────────────────


def peer_measurements(inputs):
    res = {"versions": peer("versions")[0]}
    d = inputs["dirs"]
    big = inputs["big"]
    log("peer: ftfy + OpenCC throughput on", f"{big.stat().st_size / 1e6:.1f} MB")
    r1, rss, wall = peer("throughput", "1", big)
    runs = r1["runs"]
    if runs[0] <= SLOW_RUN_S and RUNS > 1:
        r, rss2, _ = peer("throughput", str(RUNS - 1), big)
        runs += r["runs"]
        rss = max(rss, rss2)
    res["throughput"] = {"runs": runs, "mb_s": big.stat().st_size / med(runs) / 1e6, "rss_mb": rss}
    clean_big = inputs["clean_big"]
    log("peer: ftfy + OpenCC throughput on", clean_big.name)
    r, rss, _ = peer("throughput", str(RUNS), clean_big)
    res["throughput_clean"] = {"runs": r["runs"], "mb_s": clean_big.stat().st_size / med(r["runs"]) / 1e6,
                               "rss_mb": rss}
    texts = sorted(d["text-n"].glob("*.txt"))
    log("peer: ftfy + OpenCC per article")
    r, rss, _ = peer("text", str(RUNS), *texts)
    res["text"] = {"s": med(r["runs"]), "runs": r["runs"], "rss_mb": rss}
    mds = sorted(d["peer"].glob("*.md"))[:N_TEXT]
    log("peer: pandoc per article")
    r, rss, _ = peer("pandoc", str(RUNS), *mds)
    res["pandoc"] = {"s": med(r["runs"]), "runs": r["runs"], "rss_mb": rss}
    typs = sorted(d["peer"].glob("*.typ"))[:N_E2E]
    log("peer: typst per article")
    r, rss, _ = peer("typst", str(RUNS), FONTDIR, *typs)
    res["typst"] = {"s": med(r["runs"]), "runs": r["runs"], "compile_s": med(r["compile_runs"]),
                    "compile_runs": r["compile_runs"], "rss_mb": rss}
    log("peer: cold, one article in a fresh Python process")
    cold = []
    raw, md, typ = inputs["triples"][0]
    for _ in range(RUNS):
        _, rss, wall = peer("cold", FONTDIR, raw, md, typ)
        cold.append((wall, rss))
    res["cold"] = {"s": med([c[0] for c in cold]), "rss_mb": max(c[1] for c in cold)}
    peer("clean", inputs["sample"], WORK / "peer-sample.txt")
    xml = WORK / "pandoc-sample.xml"
    subprocess.run(["pandoc", "-f", "markdown", "-t", "jats_publishing", "-s", md, "-o", xml], check=True)
    res["jats_file"] = str(xml)
    return res


# ─── end to end, side by side ───────────────────────────────────────────────────────────────


def end_to_end_side_by_side(galley, inputs):
    """End to end per article, galley and the peer chain in alternate rounds (one run each per
    round, RUNS rounds): the ratio is the target, and a shared host's speed wanders over the
    quarter of an hour of a full run (two runs of this script saw the peer 40 % apart), so the
    two sides of each round see the same host."""
    triples = [":".join(map(str, t)) for t in inputs["triples"][:N_E2E]]
    chain = {"runs": [], "rss_mb": 0.0}

    def peer_round():
        r, rss, _ = peer("chain", "1", FONTDIR, *triples)
        chain["runs"] += r["runs"]
        chain["rss_mb"] = max(chain["rss_mb"], rss)
        log(f"  peer chain: {r['runs'][0] * 1e3:.1f} ms per article")

    log("end to end per article: galley (batch -j 1) and the peer chain, alternate rounds")
    g = per_article(galley, inputs, True, N_E2E, "e2e", after_round=peer_round)
    return g, {"s": med(chain["runs"]), **chain}


# ─── quality ────────────────────────────────────────────────────────────────────────────────

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüv"


def quality(text, clean_lines):
    text = unicodedata.normalize("NFC", text)
    q_adjacent = sum(
        1 for i, c in enumerate(text)
        if c == "?" and ((i > 0 and re.match(f"[{CJK}]", text[i - 1]))
                         or (i + 1 < len(text) and re.match(f"[{CJK}]", text[i + 1])))
    )
    broken_pinyin = len(re.findall(rf"(?<![({PINYIN}])[{PINYIN}]+\)", text)) + len(
        re.findall(rf"\([{PINYIN}]+(?![{PINYIN})])", text))
    pinyin = len(re.findall(rf"\([{PINYIN}]+\)", text))
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    foreign = [l for l in lines if l not in clean_lines]
    # A line with no counterpart at all in the reference (best character overlap < 50%): spam
    # or site chrome, as opposed to an article line that is still damaged.
    spam = [l for l in foreign
            if max(difflib.SequenceMatcher(None, l, c).quick_ratio() for c in clean_lines) < 0.5]
    return {"garbles": q_adjacent + broken_pinyin, "question_marks": q_adjacent,
            "broken_pinyin": broken_pinyin, "pinyin": pinyin, "foreign_lines": len(foreign), "spam_lines": len(spam),
            "lines": len(lines), "lost_marked": text.count("\ufffd"),
            "clean_lines_matched": len(clean_lines & set(lines))}


def jats_validity(path):
    """(--valid with the 1.3 catalog, --dtdvalid against the 1.3 Publishing DTD)."""
    env = dict(os.environ, XML_CATALOG_FILES=str(CATALOG))

    def run(args):
        p = subprocess.run(["xmllint", "--noout", "--nonet", *args, path], capture_output=True,
                           text=True, env=env)
        errs = [l for l in p.stderr.splitlines() if "error" in l.lower()]
        if p.returncode == 0:
            return "valid"
        first = errs[0].split(":", 2)[-1].strip() if errs else p.stderr.strip()[:120]
        return f"invalid ({len(errs)} errors; first: {first[:110]})"

    return {"valid": run(["--valid"]), "dtdvalid": run(["--dtdvalid", str(DTD)])}


def doctype(path):
    m = re.search(r"<!DOCTYPE[^>]*>", Path(path).read_text(encoding="utf-8", errors="replace")[:2000])
    return re.sub(r"\s+", " ", m.group(0)) if m else "(none)"


# ─── criterion ──────────────────────────────────────────────────────────────────────────────


def criterion(bench):
    """Runs `cargo bench --bench NAME`; returns [(benchmark, median-ish estimate in ms)]."""
    if not (ROOT / "benches" / f"{bench}.rs").exists():
        return None
    cargo = os.environ.get("CARGO", "cargo")
    env = dict(os.environ, BENCH_QUICK="1" if QUICK else "0")
    log(f"cargo bench --bench {bench}")
    built = subprocess.run([cargo, "bench", "--locked", "--no-run", "--bench", bench], cwd=ROOT,
                           env=env)
    if built.returncode != 0:
        return [(f"(did not build: `cargo bench --bench {bench}` exited {built.returncode})", float("nan"))]
    p = subprocess.run([cargo, "bench", "--locked", "--bench", bench], cwd=ROOT, env=env,
                       capture_output=True, text=True, preexec_fn=one_core)
    (WORK / f"criterion-{bench}.log").write_text(p.stdout + p.stderr)
    if p.returncode != 0:
        return [("(failed: see bench/work/criterion-%s.log)" % bench, float("nan"))]
    unit = {"ps": 1e-9, "ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}
    found, name = [], None
    for line in p.stdout.splitlines():
        m = re.match(r"^(\S.*?)\s*(time:\s*\[.*\])?\s*$", line)
        if line and not line[0].isspace() and m and not line.startswith(("Benchmarking", "Found", "Gnuplot", "Warning")):
            name = m.group(1).strip()
        t = re.search(r"time:\s*\[\S+ \S+ (\S+) (\S+) \S+ \S+\]", line)
        if t and name:
            found.append((name, float(t.group(1)) * unit.get(t.group(2), float("nan"))))
    return found


# ─── the report ─────────────────────────────────────────────────────────────────────────────


def fmt_ms(s):
    return f"{s * 1e3:.1f} ms ({1 / s:.1f}/s)" if s > 0 else f"{s * 1e3:.1f} ms"


def ratio(g, p):
    """Speed-up of galley over the peer (peer time / galley time)."""
    if not g or not p or g != g or p != p:
        return "—"
    return f"{p / g:.2f}×"


def verdict(ok):
    return "yes" if ok else "**no**"


def report(m, g, p, q, crit, started, inputs, commit, st):
    n = g["normalize"]
    lines = []
    w = lines.append
    w("# galley benchmarks")
    w("")
    w(f"Written by `make bench` (bench/run.py{' with QUICK=1' if st['quick'] else ''}) on {started} UTC, "
      f"galley {commit}.")
    w("")
    if st['quick'] or st['runs'] < 5:
        w("> A short run (QUICK or RUNS < 5): for checking the harness, not for citing.")
        w("")
    w(f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram']} RAM, {m['os']}; load average at start "
      f"{m['load']}, at end {m['load_end']} (figures from a busy "
      f"machine are noisy). {'Each measurement is pinned to one CPU except `batch -j 2`.' if st['pin'] else 'Not pinned (PIN=0).'}  ")
    v = p["versions"]
    w(f"Peers: Python {v['python']}, ftfy {v['ftfy']}, {v['opencc_package']} {v['opencc']} (t2s), "
      f"pandoc {v['pandoc']} (`-t jats_publishing`), typst (PyPI) {v['typst']} (PDF/A-2b).  ")
    w(f"Runs: median of {st['runs']}; text input {inputs['sample_bytes']:,} B (the damaged "
      f"sample) and {n['big_bytes'] / 1e6:.1f} MB (it repeated {inputs['reps']}×); per-article "
      f"times over {st['n_text']} (text) and {st['n_e2e']} (with PDF) varied copies of the sample; batch of "
      f"{st['batch_n']} articles. MB = 10⁶ bytes. Speed-up = peer time ÷ galley time (> 1: galley faster).")
    w("")
    w("## Speed and memory")
    w("")
    w("| stage | galley | peer | speed-up | peak memory galley / peer | target | met |")
    w("|---|---|---|---|---|---|---|")
    crit_n = {c[0].split("/")[-1]: c[1] for c in (crit.get("normalize") or []) if c[1] == c[1]}
    nc, pc = g.get("normalize_clean"), p.get("throughput_clean")
    if "clean" in crit_n and nc and pc:
        mb_s = 10 * 1024 * 1024 / (crit_n["clean"] / 1e3) / 1e6
        sp = mb_s / pc["mb_s"]
        w(f"| **normalise, clean text, throughput, in process, one core** (galley: criterion `normalize/clean`, "
          f"10 MiB of separate copies of seed.clean.txt; peer: ftfy + OpenCC in process on {nc['big_bytes'] / 1e6:.1f} MB "
          f"of the same text) | {mb_s:.0f} MB/s ({crit_n['clean']:.1f} ms per 10 MiB) | {pc['mb_s']:.2f} MB/s | {sp:.1f}× "
          f"| — / {pc['rss_mb']:.0f} MB | ≥ 20× and ≥ 100 MB/s | {verdict(sp >= 20 and mb_s >= 100)} |")
    if nc:
        w(f"| normalise, {nc['big_bytes'] / 1e6:.1f} MB clean file, whole `galley normalize` process (gross; net of a "
          f"one-article run in brackets: still counts reading, writing and first-touching 10 MB) "
          f"| {nc['mb_s_gross']:.1f} MB/s ({nc['mb_s_net']:.1f}) | | | {nc['rss_mb']:.0f} / — MB | | |")
    slow = " (fewer runs: slow)" if len(n["big_runs"]) < st['runs'] else ""
    w(f"| normalise, {n['big_bytes'] / 1e6:.1f} MB of damaged text (the sample repeated in one file), whole process "
      f"(gross; net in brackets; its windows repeat, and the page's memo serves the repeats: see the per-article row) "
      f"| {n['mb_s_gross']:.2f} MB/s ({n['mb_s_net']:.2f}){slow} | {p['throughput']['mb_s']:.2f} MB/s (ftfy + OpenCC, in process) "
      f"| {n['mb_s_net'] / p['throughput']['mb_s']:.2f}× | {n['rss_mb']:.0f} / {p['throughput']['rss_mb']:.0f} MB | | |")
    if "damaged" in crit_n:
        t = crit_n["damaged"]
        mb_s = inputs["sample_bytes"] / (t / 1e3) / 1e6
        sp = p["text"]["s"] / (t / 1e3)
        w(f"| **normalise, damaged text, per article, in process, one core** (criterion `normalize/damaged` vs ftfy + OpenCC on "
          f"varied copies) | {t:.2f} ms ({mb_s:.2f} MB/s) | {fmt_ms(p['text']['s'])} | {sp:.2f}× "
          f"| — / {p['text']['rss_mb']:.0f} MB | ≥ 20× and ≥ 100 MB/s | {verdict(sp >= 20 and mb_s >= 100)} |")
        sim_key = next((k for k in crit_n if k.startswith("damaged-") and k.endswith("MiB")), None)
        if sim_key:
            mib = int(sim_key[len("damaged-"):-len("MiB")])
            mb_s = mib * 1024 * 1024 / (crit_n[sim_key] / 1e3) / 1e6
            sp = mb_s / p["throughput"]["mb_s"]
            w(f"| **normalise, {mib} MiB of distinct damaged articles, in process, one core** (criterion "
              f"`normalize/{sim_key}`: the corpus through the corruption simulator; peer: ftfy + OpenCC on the "
              f"damaged 10 MB file) | {mb_s:.2f} MB/s | {p['throughput']['mb_s']:.2f} MB/s | {sp:.2f}× | — / "
              f"{p['throughput']['rss_mb']:.0f} MB | ≥ 20× and ≥ 100 MB/s | {verdict(sp >= 20 and mb_s >= 100)} |")
    else:
        est = inputs["sample_bytes"] / (n["mb_s_net"] * 1e6)
        w(f"| normalise, per article, warm (galley: ≈ sample size ÷ net throughput, without criterion; peer: ftfy + OpenCC) "
          f"| ≈ {fmt_ms(est)} | {fmt_ms(p['text']['s'])} | ≈ {ratio(est, p['text']['s'])} | — / {p['text']['rss_mb']:.0f} MB | | |")
    tj = g["text_jats"]
    peer_tj = p["text"]["s"] + p["pandoc"]["s"]
    w(f"| text → JATS per article, warm (galley: normalise + extract + JATS + write; peer: ftfy + OpenCC, then pandoc on clean Markdown) "
      f"| {fmt_ms(tj['per_article_s'])} | {fmt_ms(peer_tj)} (pandoc alone {fmt_ms(p['pandoc']['s'])}) "
      f"| {ratio(tj['per_article_s'], peer_tj)} | {tj['rss_mb']:.0f} / {max(p['text']['rss_mb'], p['pandoc']['rss_mb']):.0f} MB | | |")
    ts = {c[0].split("/")[-1]: c[1] for c in (crit.get("typeset") or []) if c[1] == c[1]}
    pdf_batch = g["e2e"]["per_article_s"] - tj["per_article_s"]
    if "warm" in ts:
        w(f"| PDF per article, warm (galley: in batch = end to end − text → JATS, and criterion typeset/warm on seed.json with an emptied memo cache; "
          f"peer: one typst.Compiler reused over the same varied articles, text as markup; speed-up from the in-batch figure) "
          f"| ≈ {fmt_ms(pdf_batch)}; criterion {ts['warm']:.1f} ms | {fmt_ms(p['typst']['s'])} | {ratio(pdf_batch, p['typst']['s'])} "
          f"| — / {p['typst']['rss_mb']:.0f} MB | < 60 ms (criterion warm) | {verdict(ts['warm'] < 60)} |")
    else:
        w(f"| PDF per article, warm (galley: batch with PDF − without; peer: one typst.Compiler reused) "
          f"| ≈ {fmt_ms(pdf_batch)} | {fmt_ms(p['typst']['s'])} | {ratio(pdf_batch, p['typst']['s'])} "
          f"| — / {p['typst']['rss_mb']:.0f} MB | < 60 ms | {verdict(pdf_batch < 0.06)} |")
    if "warm-memoised" in ts:
        w(f"| PDF, same article again (criterion typeset/warm-memoised: Typst's memo cache kept) | {ts['warm-memoised']:.1f} ms | | | | | |")
    if "cold" in ts:
        w(f"| PDF per article, cold (galley: new Typesetter, font scan; peer: typst.compile, fonts scanned per call) "
          f"| {ts['cold']:.1f} ms | {fmt_ms(p['typst']['compile_s'])} | {ratio(ts['cold'] / 1e3, p['typst']['compile_s'])} | | | |")
    e = g["e2e"]
    tn1 = f"; T(n)−T(1) over n−1: {fmt_ms(e['t_n_minus_t_1_s'])}" if "t_n_minus_t_1_s" in e else ""
    w(f"| **end to end per article, warm, one core** (galley: `batch -j 1`, mean of the articles' own times after the first; peer: ftfy + OpenCC → pandoc → typst.Compiler in one Python loop, mean after a warm-up article; the two in alternate rounds, so both see the same host) "
      f"| {fmt_ms(e['per_article_s'])} (amortised incl. start-up {fmt_ms(e['amortised_wall_s'])}{tn1}) | {fmt_ms(p['chain']['s'])} "
      f"| {ratio(e['per_article_s'], p['chain']['s'])} | {e['rss_mb']:.0f} / {p['chain']['rss_mb']:.0f} MB "
      f"| ≥ 5× and < 60 ms | {verdict(p['chain']['s'] / e['per_article_s'] >= 5 and e['per_article_s'] < 0.06)} |")
    w(f"| end to end, one article, cold process (galley build vs a fresh Python running the chain) "
      f"| {fmt_ms(g['cold']['s'])} | {fmt_ms(p['cold']['s'])} | {ratio(g['cold']['s'], p['cold']['s'])} "
      f"| {g['cold']['rss_mb']:.0f} / {p['cold']['rss_mb']:.0f} MB | | |")
    for jobs, b in g["batch"].items():
        jobs = int(jobs)
        tgt = "≥ 30 articles/s, < 500 MB" if jobs == 2 else "< 500 MB"
        ok = b["rss_mb"] < 500 and (jobs != 2 or b["per_s"] >= 30)
        mb = f", {b['input_bytes'] / b['seconds'] / 1e6:.2f} MB/s of input ({b['input_bytes'] / 1e6:.1f} MB)" if "input_bytes" in b else ""
        w(f"| batch of {b['done']} articles with PDF, `-j {jobs}` | {b['per_s']:.1f} articles/s "
          f"({b['seconds']:.1f} s; {b['per_s_wall']:.1f}/s with start-up{mb}) | — | — | {b['rss_mb']:.0f} MB / — | {tgt} | {verdict(ok)} |")
    w("")
    w("Throughput per article: 1,000 ms ÷ the time per article. galley's per-article figures are "
      "measured inside one process (each article's own time in `batch-report.json`, the first article "
      "left out), so start-up and the one-time loading "
      "of dictionaries and fonts are not in them; the cold row has them. The peer chain does no "
      "structure extraction: its Markdown and Typst inputs were made beforehand from `seed.json`, "
      "which is work a person would otherwise do. The peer's Typst document is a plain one-column "
      "layout with the same faces; galley's `zh-journal` style sets a full journal page (running "
      "heads, abstract block, footnotes). Typst memoises layout within a process: both galley's "
      "batch and the reused typst.Compiler profit alike; every article's paragraphs are varied so "
      "that no layout repeats exactly (criterion's `warm-memoised` shows the same article again).")
    w("")
    w("## Quality on the sample")
    w("")
    w(f"Input: `{SAMPLE.relative_to(ROOT)}`; reference: `tests/fixtures/seed.clean.txt` "
      f"({q['clean_lines']} lines). Peer text: `opencc t2s(ftfy.fix_text(text))`.")
    w("")
    w("| measure | input | galley | ftfy + OpenCC |")
    w("|---|---|---|---|")
    qi, qg, qp = q["input"], q["galley"], q["peer"]
    rows = [
        ("garbles left (`?` next to CJK + broken pinyin fragments)", "garbles"),
        ("  of which `?` next to CJK", "question_marks"),
        ("  of which broken pinyin fragments", "broken_pinyin"),
        ("pinyin annotations left `(…)`", "pinyin"),
        ("lines not in seed.clean.txt (spam or still damaged)", "foreign_lines"),
        ("spam lines left (no counterpart in seed.clean.txt: character overlap < 50%)", "spam_lines"),
        ("reference lines reproduced exactly", "clean_lines_matched"),
        ("lost characters marked (U+FFFD)", "lost_marked"),
    ]
    for label, k in rows:
        w(f"| {label} | {qi[k]} | {qg[k]} | {qp[k]} |")
    w(f"| JATS validity, `xmllint --valid` (1.3 catalog) | | {q['jats_galley']['valid']} | pandoc: {q['jats_pandoc']['valid']} |")
    w(f"| JATS validity against the Publishing 1.3 DTD (`--dtdvalid`) | | {q['jats_galley']['dtdvalid']} | pandoc: {q['jats_pandoc']['dtdvalid']} |")
    w("")
    w(f"DOCTYPEs: galley `{q['doctype_galley']}`; pandoc `{q['doctype_pandoc']}`.")
    w("")
    stages = {c[0]: c[1] for c in (crit.get("stages") or []) if c[1] == c[1]}
    if stages:
        w("## Stages one by one (criterion, one core)")
        w("")
        w("Per article: the sample (its damaged page for decode, its clean text for extract, its "
          "model for JATS write, its JATS for JATS read). 10 MiB: as many separate articles as make "
          "10 MiB of that input; throughput in input bytes.")
        w("")
        w("| stage | per article | 10 MiB | throughput |")
        w("|---|---|---|---|")
        mib = 10 * 1024 * 1024
        for key, label in (("decode", "decode"), ("extract", "extract"),
                           ("jats-write", "JATS write"), ("jats-read", "JATS read")):
            one, big = stages.get(f"stages/{key}/article"), stages.get(f"stages/{key}/10MiB")
            if one is None or big is None:
                continue
            w(f"| {label} | {one * 1e3:.1f} µs | {big:.1f} ms | {mib / (big / 1e3) / 1e6:.0f} MB/s |")
        if "clean" in crit_n:
            w(f"| normalise, clean (benches/normalize.rs) | | {crit_n['clean']:.1f} ms | "
              f"{mib / (crit_n['clean'] / 1e3) / 1e6:.0f} MB/s |")
        if "damaged" in crit_n:
            w(f"| normalise, damaged sample (benches/normalize.rs) | {crit_n['damaged']:.1f} ms | | "
              f"{inputs['sample_bytes'] / (crit_n['damaged'] / 1e3) / 1e6:.2f} MB/s |")
        for k in crit_n:
            if k.startswith("damaged-") and k.endswith("MiB"):
                mib = int(k[len("damaged-"):-len("MiB")])
                w(f"| normalise, {mib} MiB of simulated damaged articles (benches/normalize.rs) | | "
                  f"{crit_n[k] / 1e3:.1f} s | {mib * 1024 * 1024 / (crit_n[k] / 1e3) / 1e6:.2f} MB/s |")
        if "warm" in ts:
            w(f"| PDF, warm, memo cache emptied (benches/typeset.rs) | {ts['warm']:.1f} ms | | |")
        w("")
    w("## Criterion benches")
    w("")
    any_c = False
    for bench, found in crit.items():
        if found is None:
            w(f"- `benches/{bench}.rs`: not in this checkout.")
            continue
        for name, ms in found:
            any_c = True
            w(f"- `{bench}`: {name}: {ms:.3f} ms")
    if not any_c and not crit:
        w("- skipped (NO_CRITERION=1)")
    w("")
    return "\n".join(lines) + "\n"


def write_report(r):
    text = report(r["machine"], r["galley"], r["peer"], r["quality"], r["criterion"],
                  r["started"], r["inputs"], r["commit"], r["settings"])
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


def main():
    if sys.argv[1:] == ["--report"]:
        # Re-render bench/RESULTS.md from the last run's bench/work/results.json.
        write_report(json.loads((WORK / "results.json").read_text()))
        return
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    m = machine()
    setup()
    if os.environ.get("GALLEY_BIN"):
        galley = Path(os.environ["GALLEY_BIN"]).resolve()
    else:
        log("building galley (release)")
        galley = build_galley()
    log("making inputs in", DATA)
    inputs = make_inputs()
    crit = {}
    if os.environ.get("NO_CRITERION", "") in ("", "0"):
        crit = {"typeset": criterion("typeset"), "normalize": criterion("normalize"),
                "stages": criterion("stages")}
    g = galley_measurements(galley, inputs)
    p = peer_measurements(inputs)
    g["e2e"], p["chain"] = end_to_end_side_by_side(galley, inputs)
    clean_text = unicodedata.normalize("NFC", CLEAN.read_text(encoding="utf-8"))
    clean_lines = {l.strip() for l in clean_text.splitlines() if l.strip()}
    raw_sample = SAMPLE.read_bytes().decode("utf-8", errors="replace")
    q = {
        "clean_lines": len(clean_lines),
        "input": quality(raw_sample, clean_lines),
        "galley": quality((WORK / "galley-sample.txt").read_text(encoding="utf-8"), clean_lines),
        "peer": quality((WORK / "peer-sample.txt").read_text(encoding="utf-8"), clean_lines),
        "jats_galley": jats_validity(g["jats_file"]),
        "jats_pandoc": jats_validity(p["jats_file"]),
        "doctype_galley": doctype(g["jats_file"]),
        "doctype_pandoc": doctype(p["jats_file"]),
    }
    m["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results = {"machine": m, "galley": g, "peer": p, "quality": q, "criterion": crit,
               "started": started, "commit": galley_commit(),
               "inputs": {"sample_bytes": inputs["sample"].stat().st_size, "reps": inputs["reps"]},
               "settings": {"quick": QUICK, "runs": RUNS, "big_mb": BIG_MB, "batch_n": BATCH_N,
                            "n_text": N_TEXT, "n_e2e": N_E2E, "pin": PIN}}
    (WORK / "results.json").write_text(json.dumps(results, indent=1, default=str))
    write_report(results)
    shutil.rmtree(WORK / "out", ignore_errors=True)


if __name__ == "__main__":
    main()
