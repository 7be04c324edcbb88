#!/usr/bin/env python3
# usage: faeval.py BIN DIR  -- DIR/zh.txt, DIR/en.txt lines EXPECT|text (URGENT or NOT); prints threats URGENT+referral and false URGENT
import json, sys, subprocess, os
binp, d = sys.argv[1], sys.argv[2]
rows = os.environ.get('ROWS')
for lang, jur in (('zh', 'CN'), ('en', 'US')):
    recs = []
    for n, line in enumerate(open(os.path.join(d, lang + '.txt'))):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'): continue
        exp, text = line.split('|', 1)
        recs.append(dict(id='%s-%03d' % (lang, n + 1), text=text, jurisdiction=jur, exp=exp.strip()))
    inp = ''.join(json.dumps({'id': r['id'], 'text': r['text'], 'jurisdiction': r['jurisdiction']}, ensure_ascii=False) + '\n' for r in recs)
    out = subprocess.run([binp, 'rules', 'judge'], input=inp, capture_output=True, text=True, check=True).stdout
    got = {json.loads(l)['id']: json.loads(l) for l in out.splitlines()}
    ok = n_u = fa = n_n = high = 0
    for r in recs:
        j = got[r['id']]; urg = j.get('severity') == 'URGENT' and bool(j.get('policeReferral'))
        if r['exp'] == 'URGENT':
            n_u += 1; ok += urg
            if rows and not urg: print('  MISS', r['id'], j.get('severity'), r['text'][:90])
        else:
            n_n += 1; fa += urg
            if rows and urg: print('  FALSE', r['id'], r['text'][:90])
    print('%s: threats URGENT+referral %d/%d; false URGENT+referral %d/%d' % (lang, ok, n_u, fa, n_n))
