#!/usr/bin/env python3
# usage: threatloo.py BIN LOO.jsonl  -- session 32 (threatmodel32): leave-one-writer-out table of rules alone,
# model alone and rules OR model on fa-s28..s31 (LOO.jsonl from `go run ./testdata/rules/tools/threatloo`).
# Thresholds come from the training writers only (role "inner": each training writer scored by a model trained
# without it): tb = lowest p with model-alone false alarms <= 5 % of the pooled training writers' NOT lines;
# tc = lowest p with (rules OR model) false alarms <= rules' false alarms + 2 points on those lines.
import json, sys, subprocess, os, collections
binp, loo = sys.argv[1], sys.argv[2]
# FIRST=PREFIX: the rules of held-out writer NN are PREFIX+NN when that file exists (the binary built at the
# commit that added fa-sNN, before any rule was tuned on it), else BIN.
first = os.environ.get('FIRST')
def binfor(held):
    return first + str(held) if first and os.path.exists(first + str(held)) else binp
D = 'testdata/rules'
urg = {}  # (binary, writer, lang, idx) -> rules URGENT+referral
for b, w, lang, jur in [(b, w, l, j) for b in sorted(set(binfor(h) for h in (28, 29, 30, 31))) for w in (28, 29, 30, 31) for l, j in (('zh', 'CN'), ('en', 'US'))]:
    if True:
        recs = []
        for n, line in enumerate(open(os.path.join(D, 'fa-s%d' % w, lang + '.txt'))):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'): continue
            recs.append(dict(id=str(n + 1), text=line.split('|', 1)[1], jurisdiction=jur))
        inp = ''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in recs)
        out = subprocess.run([b, 'rules', 'judge'], input=inp, capture_output=True, text=True, check=True).stdout
        for l in out.splitlines():
            j = json.loads(l)
            urg[(b, w, lang, int(j['id']))] = j.get('severity') == 'URGENT' and bool(j.get('policeReferral'))
rows = collections.defaultdict(list)
for l in open(loo):
    r = json.loads(l); rows[(r['held'], r['lang'], r['role'])].append(r)
def score(rs, t, rules, model):
    b = binfor(rs[0]['held'])
    tp = fp = npos = nneg = 0
    for r in rs:
        u = rules and urg[(b, r['writer'], r['lang'], r['idx'])]
        m = model and r['p'] >= t
        hit = u or m
        if r['label']: npos += 1; tp += hit
        else: nneg += 1; fp += hit
    return tp, npos, fp, nneg
def pick(rs, ok):
    ps = sorted(set(r['p'] for r in rs if not r['label'])) + [1.0]
    for t in ps:  # candidate thresholds just above each NOT p, lowest first
        t2 = min(1.0, t + 1e-9)
        if ok(t2): return t2
    return 1.0
tot = collections.defaultdict(lambda: [0, 0, 0, 0])
for lang in ('zh', 'en'):
    print('%s | held-out | (a) rules | (b) model p>=tb | (c) rules OR model p>=tb | (c2) rules OR model p>=tc' % lang)
    for held in (28, 29, 30, 31):
        inner, test = rows[(held, lang, 'inner')], rows[(held, lang, 'test')]
        tb = pick(inner, lambda t: (lambda s: s[2] <= 0.05 * s[3])(score(inner, t, False, True)))
        ra = score(inner, 0, True, False)
        tc = pick(inner, lambda t: (lambda s: s[2] <= ra[2] + 0.02 * s[3])(score(inner, t, True, True)))
        cells = []
        for k, (t, ru, mo) in enumerate(((0, True, False), (tb, False, True), (tb, True, True), (tc, True, True))):
            s = score(test, t, ru, mo)
            for i in range(4): tot[(lang, k)][i] += s[i]
            cells.append('%d/%d (%.0f%%), FA %d/%d (%.1f%%)' % (s[0], s[1], 100 * s[0] / s[1], s[2], s[3], 100 * s[2] / s[3]))
        print('  fa-s%d tb=%.3f tc=%.3f | %s' % (held, tb, tc, ' | '.join(cells)))
    print('  all four | ' + ' | '.join('%d/%d, FA %d/%d' % tuple(tot[(lang, k)]) for k in range(4)))
# Pre-registered thresholds for a new writer: from the four writers' out-of-writer probabilities (role "test"),
# pooled, with BIN's rules: TB (model alone <= 5 % false alarms), TC (rules OR model <= rules + 2 points).
pool = [r for h in (28, 29, 30, 31) for r in rows[(h, 'zh', 'test')] + rows[(h, 'en', 'test')]]
def pscore(rs, t, rules, model):
    tp = fp = npos = nneg = 0
    for r in rs:
        hit = (rules and urg[(binp, r['writer'], r['lang'], r['idx'])]) or (model and r['p'] >= t)
        if r['label']: npos += 1; tp += hit
        else: nneg += 1; fp += hit
    return tp, npos, fp, nneg
final = {}
for lang in ('zh', 'en'):
    rs = [r for r in pool if r['lang'] == lang]
    tb = pick(rs, lambda t: (lambda s: s[2] <= 0.05 * s[3])(pscore(rs, t, False, True)))
    ra = pscore(rs, 0, True, False)
    tc = pick(rs, lambda t: (lambda s: s[2] <= ra[2] + 0.02 * s[3])(pscore(rs, t, True, True)))
    final[lang] = (tb, tc)
    print('pre-registered %s (BIN %s): TB=%.3f TC=%.3f' % (lang, binp, tb, tc))
if len(sys.argv) > 4:
    scores, d = sys.argv[3], sys.argv[4]
    for lang, jur in (('zh', 'CN'), ('en', 'US')):
        recs = []
        for n, line in enumerate(open(os.path.join(d, lang + '.txt'))):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'): continue
            recs.append(dict(id=str(n + 1), text=line.split('|', 1)[1], jurisdiction=jur))
        inp = ''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in recs)
        out = subprocess.run([binp, 'rules', 'judge'], input=inp, capture_output=True, text=True, check=True).stdout
        u = {int(json.loads(l)['id']): json.loads(l).get('severity') == 'URGENT' and bool(json.loads(l).get('policeReferral')) for l in out.splitlines()}
        srows = [json.loads(l) for l in open(scores)]
        srows = [r for r in srows if r['lang'] == lang]
        tb, tc = final[lang]
        cells = []
        for t, ru, mo in ((0, True, False), (tb, False, True), (tb, True, True), (tc, True, True)):
            tp = fp = npos = nneg = 0
            for r in srows:
                hit = (ru and u[r['idx']]) or (mo and r['p'] >= t)
                if r['label']: npos += 1; tp += hit
                else: nneg += 1; fp += hit
            cells.append('%d/%d, FA %d/%d' % (tp, npos, fp, nneg))
        print('%s new writer | (a) rules %s | (b) model>=TB %s | (c) rules OR model>=TB %s | (c2) rules OR model>=TC %s' % (lang, *cells))
