#!/usr/bin/env python3
# usage: threatloo33.py BIN [OUTDIR]  -- session 33 (threatmodel33): the THREAT model in the engine, measured
# leave-one-writer-out over fa-s28..s32. For each writer N: `BIN rules train --threat --without N` (weights
# OUTDIR/wN.gz), then every fa-sN line judged by BIN with the rules alone (REDLINE_THREAT_MODEL=off) and with
# the gated model at threshold 0 (REDLINE_THREAT_MODEL=OUTDIR/wN.gz REDLINE_THREAT_THRESHOLD=1e-9: each line's
# highest p among the sentences the engine's gates admit). TC per language = lowest t at which rules OR gated
# p >= t raises the pooled false alarms by <= 2 points over the rules alone; figures per writer at TC.
import json, sys, subprocess, os, re, collections
binp = sys.argv[1]; od = sys.argv[2] if len(sys.argv) > 2 else '/tmp/tm33loo'
os.makedirs(od, exist_ok=True)
D = 'testdata/rules'; W = (28, 29, 30, 31, 32)
def judge(lines, jur, env):
    recs = ''.join(json.dumps(dict(id=str(i), text=t, jurisdiction=jur), ensure_ascii=False) + '\n' for i, t in enumerate(lines))
    e = dict(os.environ); e.update(env)
    out = subprocess.run([binp, 'rules', 'judge'], input=recs, capture_output=True, text=True, check=True, env=e).stdout
    res = {}
    for l in out.splitlines():
        j = json.loads(l); p = 0.0
        for v in j['violations']:
            for ev in v['evidence']:
                m = re.match(r'model\.threat: p=([0-9.]+)', ev['rule'])
                if m: p = max(p, float(m.group(1)))
        res[int(j['id'])] = (j.get('severity') == 'URGENT' and bool(j.get('policeReferral')), p)
    return res
rows = []  # (lang, writer, label, rulesURG, gatedP)
for w in W:
    g = os.path.join(od, 'w%d.gz' % w)
    if not os.path.exists(g):
        subprocess.run([binp, 'rules', 'train', '--threat', '--without', str(w), '--out', g], check=True, capture_output=True)
    for lang, jur in (('zh', 'CN'), ('en', 'US')):
        lab, lines = [], []
        for line in open(os.path.join(D, 'fa-s%d' % w, lang + '.txt')):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'): continue
            e, t = line.split('|', 1); lab.append(e == 'URGENT'); lines.append(t)
        ru = judge(lines, jur, {'REDLINE_THREAT_MODEL': 'off'})
        mo = judge(lines, jur, {'REDLINE_THREAT_MODEL': g, 'REDLINE_THREAT_THRESHOLD': '1e-9'})
        for i in range(len(lines)):
            rows.append((lang, w, lab[i], ru[i][0], mo[i][1]))
def fig(rs, t):
    tp = sum(1 for r in rs if r[2] and (r[3] or r[4] >= t)); fp = sum(1 for r in rs if not r[2] and (r[3] or r[4] >= t))
    return tp, sum(1 for r in rs if r[2]), fp, sum(1 for r in rs if not r[2])
for lang in ('zh', 'en'):
    rs = [r for r in rows if r[0] == lang]
    base = fig(rs, 2)
    cands = sorted(set(r[4] for r in rs if not r[2] and r[4] > 0)) + [1.0]
    tc = 1.0
    for c in cands:
        t = c + 1e-6
        s = fig(rs, t)
        if s[2] <= base[2] + 0.02 * s[3]: tc = t; break
    print('%s TC=%.3f | pooled rules %d/%d FA %d/%d | rules OR gated model %d/%d FA %d/%d' % ((lang, tc) + base + fig(rs, tc)))
    for w in W:
        ws = [r for r in rs if r[1] == w]
        print('  fa-s%d rules %d/%d FA %d/%d | OR model %d/%d FA %d/%d' % ((w,) + fig(ws, 2) + fig(ws, tc)))
