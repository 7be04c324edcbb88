#!/usr/bin/env python3
"""samejudge.py BIN_A BIN_B [RULESDIR]

Judges every text of testdata/rules with two `redline` binaries (`rules judge`) and says whether
their outputs are byte-identical: every record's text of RULESDIR/*.jsonl and every text line (the
last `|` field) of the blind-s*/, fa-s*/ and s3*-B/ directories' zh.txt and en.txt. Chinese texts
are judged as CN, English ones (en*.jsonl, cfpb*.jsonl, en.txt) as US. A judgement's time stamps
(the `now` of the run) are the same within a run but differ between runs, so fields that hold the
run's clock are blanked before comparing.

Prints one line per source (texts, differing judgements) and, for a difference, the record's id
and source only (never its text: held-out records are judged but not shown). Exit status 1 when
any judgement differs.
"""
import glob
import json
import os
import re
import subprocess
import sys


def sources(root):
    for path in sorted(glob.glob(os.path.join(root, "*.jsonl"))):
        name = os.path.basename(path)
        juris = "US" if name.startswith(("en", "cfpb")) else "CN"
        texts = []
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                texts.append((rec.get("id") or "%s:%d" % (name, i + 1), rec["text"]))
        yield name, juris, texts
    dirs = []
    for pat in ("blind-s*", "fa-s*", "s3*-B"):
        dirs += [d for d in glob.glob(os.path.join(root, pat)) if os.path.isdir(d)]
    for d in sorted(dirs):
        for lang, juris in (("zh", "CN"), ("en", "US")):
            path = os.path.join(d, lang + ".txt")
            if not os.path.exists(path):
                continue
            texts = []
            with open(path, encoding="utf-8") as f:
                for i, line in enumerate(f):
                    line = line.rstrip("\n")
                    if not line.strip() or line.lstrip().startswith("#"):
                        continue
                    text = line.rsplit("|", 1)[-1]
                    texts.append(("%s/%s.txt:%d" % (os.path.basename(d), lang, i + 1), text))
            yield "%s/%s.txt" % (os.path.basename(d), lang), juris, texts


STAMP = re.compile(r'"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))"')


def judge(binary, juris, texts):
    inp = "".join(json.dumps({"id": "t%d" % i, "text": t}, ensure_ascii=False) + "\n"
                  for i, (_, t) in enumerate(texts))
    out = subprocess.run([binary, "rules", "judge", "-jurisdiction", juris], input=inp.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    lines = out.splitlines()
    if len(lines) != len(texts):
        sys.exit("%s: %d judgements for %d texts" % (binary, len(lines), len(texts)))
    return [STAMP.sub('"<now>"', l) for l in lines]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    a, b = sys.argv[1], sys.argv[2]
    root = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    srcs = [s for s in sources(root) if s[2]]
    # one run per binary and jurisdiction: parsing a pack costs more than judging a source
    out = {}
    for juris in ("CN", "US"):
        texts = [t for _, j, ts in srcs if j == juris for t in ts]
        out[juris] = (judge(a, juris, texts), judge(b, juris, texts))
    total = differ = 0
    at = {"CN": 0, "US": 0}
    for name, juris, texts in srcs:
        i0 = at[juris]
        at[juris] += len(texts)
        ja, jb = out[juris][0][i0:i0 + len(texts)], out[juris][1][i0:i0 + len(texts)]
        bad = [texts[i][0] for i in range(len(texts)) if ja[i] != jb[i]]
        total += len(texts)
        differ += len(bad)
        print("%-28s %s %5d texts %4d differ" % (name, juris, len(texts), len(bad)))
        for ident in bad[:20]:
            print("   differs:", ident)
    print("TOTAL %d texts (CN %d, US %d), %d judgements differ%s" % (total, at["CN"], at["US"], differ,
                                                                  "" if differ else " — byte-identical"))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
