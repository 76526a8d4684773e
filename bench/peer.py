"""The peer chain a user would assemble instead of galley, timed in one Python process.

Run by bench/run.py with the virtual environment's Python (bench/work/venv): ftfy + OpenCC for
the text stage, pandoc (a subprocess per article, as users call it) for Markdown -> JATS, the
`typst` package (the Typst compiler bundled for Python) for Typst -> PDF. Each mode prints one
JSON object on standard output: per-run times (seconds), so the caller takes medians.

    peer.py text RUNS FILE...          ftfy.fix_text + OpenCC t2s per article, warm
    peer.py throughput RUNS FILE       the same over one big file (in process, no start-up)
    peer.py pandoc RUNS MD...          pandoc -f markdown -t jats_publishing -s, per article
    peer.py typst RUNS FONTDIR TYP...  typst.compile per article, and one typst.Compiler reused
    peer.py chain RUNS FONTDIR TRIPLES per article: text stage, pandoc, typst (Compiler reused);
                                       TRIPLES are RAW:MD:TYP
    peer.py cold FONTDIR RAW MD TYP    one article, imports included (run as a fresh process)
    peer.py clean FILE OUT             the text stage's output for the quality comparison
    peer.py versions
"""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

OUT = tempfile.mkdtemp(prefix="galley-peer-")
atexit.register(shutil.rmtree, OUT, True)


def _text_tools():
    import ftfy
    import opencc

    try:
        cc = opencc.OpenCC("t2s")
    except TypeError:  # opencc-python-reimplemented spells it without .json either way
        cc = opencc.OpenCC("t2s.json")
    return ftfy, cc


def read_text(path):
    # What a user does with an unknown file: UTF-8, undecodable bytes replaced; ftfy then
    # repairs what it can.
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def text_stage(ftfy, cc, raw):
    return cc.convert(ftfy.fix_text(raw))


def run_pandoc(md, out):
    subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "jats_publishing", "-s", md, "-o", out],
        check=True,
    )


def typst_compiler(fontdir, root):
    import typst

    return typst.Compiler(root=root, font_paths=[fontdir])


def typst_options():
    return {"pdf_standards": ["a-2b"]}


def main(argv):
    mode = argv[0]
    if mode == "versions":
        import ftfy
        import opencc
        import typst  # noqa: F401
        from importlib.metadata import version

        def v(name):
            try:
                return version(name)
            except Exception:
                return "?"

        pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True)
        print(
            json.dumps(
                {
                    "python": sys.version.split()[0],
                    "ftfy": getattr(ftfy, "__version__", v("ftfy")),
                    "opencc": v("opencc") if v("opencc") != "?" else v("opencc-python-reimplemented"),
                    "opencc_package": "OpenCC" if v("opencc") != "?" else "opencc-python-reimplemented (the official binding did not install)",
                    "typst": v("typst"),
                    "pandoc": pandoc.stdout.splitlines()[0].split()[-1] if pandoc.returncode == 0 else "missing",
                }
            )
        )
        return

    if mode == "clean":
        ftfy, cc = _text_tools()
        with open(argv[2], "w", encoding="utf-8") as f:
            f.write(text_stage(ftfy, cc, read_text(argv[1])))
        print("{}")
        return

    if mode == "cold":
        # Everything a one-article script pays: imports, OpenCC dictionaries, font scan.
        fontdir, raw, md, typ = argv[1:5]
        t0 = time.perf_counter()
        ftfy, cc = _text_tools()
        text_stage(ftfy, cc, read_text(raw))
        run_pandoc(md, os.path.join(OUT, "cold.xml"))
        import typst

        typst.compile(typ, output=os.path.join(OUT, "cold.pdf"), root=os.path.dirname(typ),
                      font_paths=[fontdir], **typst_options())
        print(json.dumps({"seconds": time.perf_counter() - t0}))
        return

    runs = int(argv[1])
    files = argv[2:]
    result = {"runs": []}

    if mode == "text":
        ftfy, cc = _text_tools()
        raws = [read_text(f) for f in files]  # reading is not the stage being measured
        text_stage(ftfy, cc, raws[0])  # warm-up: ftfy's and OpenCC's lazy tables
        for _ in range(runs):
            t0 = time.perf_counter()
            for raw in raws:
                text_stage(ftfy, cc, raw)
            result["runs"].append((time.perf_counter() - t0) / len(raws))
        result["articles"] = len(raws)

    elif mode == "throughput":
        ftfy, cc = _text_tools()
        text_stage(ftfy, cc, "預熱 warm-up")
        size = os.path.getsize(files[0])
        for _ in range(runs):
            t0 = time.perf_counter()
            text_stage(ftfy, cc, read_text(files[0]))
            result["runs"].append(time.perf_counter() - t0)
        result["bytes"] = size

    elif mode == "pandoc":
        run_pandoc(files[0], os.path.join(OUT, "warm.xml"))
        for _ in range(runs):
            t0 = time.perf_counter()
            for i, md in enumerate(files):
                run_pandoc(md, os.path.join(OUT, f"{i}.xml"))
            result["runs"].append((time.perf_counter() - t0) / len(files))
        result["articles"] = len(files)

    elif mode == "typst":
        import typst

        fontdir, typs = files[0], files[1:]
        root = os.path.dirname(os.path.abspath(typs[0]))
        # typst.compile: the package's one-call API; every call scans the fonts again (slow:
        # three articles a run are enough).
        result["compile_runs"] = []
        for _ in range(runs):
            t0 = time.perf_counter()
            for i, typ in enumerate(typs[:3]):
                typst.compile(typ, output=os.path.join(OUT, f"{i}.pdf"), root=root,
                              font_paths=[fontdir], **typst_options())
            result["compile_runs"].append((time.perf_counter() - t0) / len(typs[:3]))
        # typst.Compiler: fonts scanned once, reused for every article (warm).
        c = typst_compiler(fontdir, root)
        c.compile(input=typs[0], **typst_options())
        for _ in range(runs):
            t0 = time.perf_counter()
            for i, typ in enumerate(typs):
                c.compile(input=typ, output=os.path.join(OUT, f"{i}.pdf"), **typst_options())
            result["runs"].append((time.perf_counter() - t0) / len(typs))
        result["articles"] = len(typs)

    elif mode == "chain":
        fontdir, triples = files[0], [t.split(":") for t in files[1:]]
        ftfy, cc = _text_tools()
        root = os.path.dirname(os.path.abspath(triples[0][2]))
        c = typst_compiler(fontdir, root)

        def one(i, raw, md, typ):
            with open(os.path.join(OUT, f"{i}.txt"), "w", encoding="utf-8") as f:
                f.write(text_stage(ftfy, cc, read_text(raw)))
            run_pandoc(md, os.path.join(OUT, f"{i}.xml"))
            c.compile(input=typ, output=os.path.join(OUT, f"{i}.pdf"), **typst_options())

        one(0, *triples[0])  # warm-up
        for _ in range(runs):
            t0 = time.perf_counter()
            for i, (raw, md, typ) in enumerate(triples):
                one(i, raw, md, typ)
            result["runs"].append((time.perf_counter() - t0) / len(triples))
        result["articles"] = len(triples)

    else:
        sys.exit(f"peer.py: unknown mode {mode}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
