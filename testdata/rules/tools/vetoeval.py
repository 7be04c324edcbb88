#!/usr/bin/env python3
# usage: vetoeval.py CV.jsonl BLIND.jsonl [MINGAIN]  -- session 31 (veto31): choose, per language and type,
# a model veto of the rules' borderline flags (and a raise of hits kept below the routing threshold) on the
# out-of-fold train judgements of `vetodump cv 5`, then score the rules alone against rules + veto/raise on
# each studied blind set of `vetodump blind DIR...` (per writer TP/FP/FN, P, R). THREAT is never vetoed.
# A flag is borderline when its confidence is below 0.7 ("lo") or, as a second choice, rests on one piece
# of evidence ("one"). KNOWN=1 vetoes only the types the model can flag alone in the language. Also prints a leave-one-writer-out choice on the blind sets (each writer scored
# with a table chosen on the other writers): whether any veto generalises across unseen writers at all.
import json, sys, collections
cv = [json.loads(l) for l in open(sys.argv[1])]
bl = [json.loads(l) for l in open(sys.argv[2])]
MINGAIN = int(sys.argv[3]) if len(sys.argv) > 3 else 2
# KNOWN=1: veto only types the model itself can flag in the language (a threshold > 0, TestThresholdTuning)
KNOWN = bool(int(__import__('os').environ.get('KNOWN', '0')))
KS = [0.01, 0.02, 0.05, 0.1]
RS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
def bord(f): return 'lo' if f['conf'] < 0.7 else ('one' if len(f['ev']) == 1 else 'hi')
def decide(r, veto, raise_):
    fl = set()
    for f in r['findings'] or []:
        t = f['type']; p = r['prob'].get(t, 0)
        if f['conf'] >= 0.5:
            v = veto.get((r['lang'], t))
            if v and t != 'THREAT' and bord(f) in v[0] and p < v[1]: continue
            fl.add(t)
        elif f['conf'] > 0 and (r['lang'], t) in raise_ and p >= raise_[(r['lang'], t)]:
            fl.add(t)
    return fl
def counts(rs, veto, raise_):
    c = collections.Counter()
    for r in rs:
        fl = decide(r, veto, raise_); must = set(r['must'] or []); opt = set(r['opt'] or [])
        for t in must: c[(t, 'TP' if t in fl else 'FN')] += 1
        for t in fl - must - opt: c[(t, 'FP')] += 1
    return c
def f1(tp, fp, fn): return 2 * tp / max(1, 2 * tp + fp + fn)
def tri(c, t): return (c[(t, 'TP')], c[(t, 'FP')], c[(t, 'FN')])
def choose(rs, quiet=False):
    veto, raise_ = {}, {}
    for lang in ('zh', 'en'):
        sub = [r for r in rs if r['lang'] == lang]
        base = counts(sub, {}, {})
        for t in sorted(set(t for (t, _) in base)):
            b = tri(base, t); best = (0, None)
            known = any((r['thr'] or {}).get(t, 0) > 0 for r in sub[:50])
            if t != 'THREAT' and (known or not KNOWN):
                for B in (('lo',), ('lo', 'one')):
                    for k in KS:
                        x = tri(counts(sub, {(lang, t): (B, k)}, {}), t)
                        if (b[1] - x[1]) - (b[0] - x[0]) >= MINGAIN and f1(*x) - f1(*b) > best[0] + 1e-9:
                            best = (f1(*x) - f1(*b), (B, k, b, x))
            if best[1]:
                B, k, b0, x = best[1]; veto[(lang, t)] = (B, k)
                if not quiet: print('  veto  %s %-24s %-10s p < %-4g  %s -> %s' % (lang, t, '+'.join(B), k, b0, x))
            best = (0, None)
            for k in RS:
                x = tri(counts(sub, {}, {(lang, t): k}), t)
                if (x[0] - b[0]) - (x[1] - b[1]) >= MINGAIN and f1(*x) - f1(*b) > best[0] + 1e-9:
                    best = (f1(*x) - f1(*b), (k, b, x))
            if best[1]:
                k, b0, x = best[1]; raise_[(lang, t)] = k
                if not quiet: print('  raise %s %-24s p >= %-4g  %s -> %s' % (lang, t, k, b0, x))
    return veto, raise_
def tot(c): return [sum(v for (t, k), v in c.items() if k == K) for K in ('TP', 'FP', 'FN')]
def line(lang, s, A, B, tag):
    P = lambda x: x[0] / max(1, x[0] + x[1]); R = lambda x: x[0] / max(1, x[0] + x[2])
    print('  %s %-16s rules TP %3d FP %3d FN %3d P %.3f R %.3f | %-5s TP %3d FP %3d FN %3d P %.3f R %.3f' % (lang, s, *A, P(A), R(A), tag, *B, P(B), R(B)))
print('chosen on the train split, out-of-fold (MINGAIN %d: FP saved minus TP lost):' % MINGAIN)
veto, raise_ = choose(cv)
sets = sorted(set(r['set'] for r in bl))
for tag, (v, rz) in (('veto', (veto, {})), ('raise', ({}, raise_))):
    print('blind sets, rules alone vs rules + %s (train-chosen):' % tag)
    for lang in ('zh', 'en'):
        for s in sets:
            rs = [r for r in bl if r['lang'] == lang and r['set'] == s]
            line(lang, s, tot(counts(rs, {}, {})), tot(counts(rs, v, rz)), tag)
if len(sets) > 2:
    print('leave-one-writer-out on the blind sets (table chosen on the other writers):')
    for lang in ('zh', 'en'):
        for s in sets:
            v, rz = choose([r for r in bl if r['set'] != s], quiet=True)
            rs = [r for r in bl if r['lang'] == lang and r['set'] == s]
            line(lang, s, tot(counts(rs, {}, {})), tot(counts(rs, v, rz)), 'lowo')
