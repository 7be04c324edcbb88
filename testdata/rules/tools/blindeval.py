#!/usr/bin/env python3
# usage: blindeval.py BIN [DIR]  -- judge a blind batch (DIR/zh.txt, DIR/en.txt: MUST|OPTIONAL|SEVERITY|text) and print TP/FP/FN per language and type, and threats URGENT with police referral
import json, sys, subprocess, collections, os
binp = sys.argv[1]; d = sys.argv[2] if len(sys.argv) > 2 else 'testdata/rules/blind-s25'
for lang, jur in (('zh', 'CN'), ('en', 'US')):
    recs = []
    for n, line in enumerate(open(os.path.join(d, lang + '.txt'))):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'): continue
        must, opt, sev, text = line.split('|', 3)
        recs.append(dict(id='%s-%03d' % (lang, n), text=text, jurisdiction=jur,
                         must=set(x for x in must.split(',') if x.strip() not in ('', '-')), opt=set(x for x in opt.split(',') if x.strip() not in ('', '-')), sev=sev.strip()))
    inp = ''.join(json.dumps({'id': r['id'], 'text': r['text'], 'jurisdiction': r['jurisdiction']}, ensure_ascii=False) + '\n' for r in recs)
    out = subprocess.run([binp, 'rules', 'judge'], input=inp, capture_output=True, text=True, check=True).stdout
    got = {}
    for l in out.splitlines():
        j = json.loads(l); got[j['id']] = j
    tp = collections.Counter(); fp = collections.Counter(); fn = collections.Counter()
    sevok = sevn = urg_ok = urg_n = fa = 0; rows = []
    for r in recs:
        j = got[r['id']]
        fl = set(v['type'] for v in j.get('violations') or [] if v.get('flagged'))
        for t in r['must']:
            (tp if t in fl else fn)[t] += 1
        for t in fl - r['must'] - r['opt']:
            fp[t] += 1
        urgent = j.get('severity') == 'URGENT' and bool(j.get('policeReferral'))
        exp = r['sev'] == 'URGENT'
        sevn += 1; sevok += urgent == exp
        if exp: urg_n += 1; urg_ok += urgent
        elif urgent: fa += 1
        rows.append((r['id'], sorted(r['must']), sorted(fl), j.get('severity'), j.get('policeReferral')))
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print('%s: %d texts  TP %d FP %d FN %d  (P %.3f R %.3f)  threats URGENT+referral %d/%d, false URGENT+referral %d' % (
        lang, len(recs), T, F, N, T / max(1, T + F), T / max(1, T + N), urg_ok, urg_n, fa))
    for t in sorted(set(tp) | set(fp) | set(fn)):
        print('   %-24s TP %3d FP %3d FN %3d' % (t, tp[t], fp[t], fn[t]))
    if os.environ.get('ROWS'):
        for row in rows: print('   ', *row)
