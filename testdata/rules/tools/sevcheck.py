#!/usr/bin/env python3
# usage: sevcheck.py BIN DIR  -- severity of a batch (DIR/zh.txt, DIR/en.txt: MUST|OPTIONAL|SEVERITY|text): a SEVERITY URGENT text must be URGENT with a police referral, every other text neither URGENT nor referred (ROWS=1 prints every record, MISS=1 the wrong ones)
import json, sys, subprocess, os
binp, d = sys.argv[1], sys.argv[2]
for lang, jur in (('zh', 'CN'), ('en', 'US')):
    p = os.path.join(d, lang + '.txt')
    if not os.path.exists(p): continue
    recs = []
    for n, line in enumerate(open(p)):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'): continue
        must, opt, sev, text = line.split('|', 3)
        recs.append(dict(id='%s-%03d' % (lang, n), text=text, must=must, sev=sev))
    inp = ''.join(json.dumps({'id': r['id'], 'text': r['text'], 'jurisdiction': jur}, ensure_ascii=False) + '\n' for r in recs)
    out = subprocess.run([binp, 'rules', 'judge'], input=inp, capture_output=True, text=True, check=True).stdout
    got = {json.loads(l)['id']: json.loads(l) for l in out.splitlines()}
    t_ok = t_n = l_ok = l_n = 0
    for r in recs:
        j = got[r['id']]; urg = j['severity'] == 'URGENT'; ref = bool(j.get('policeReferral'))
        th = 'THREAT' in [v['type'] for v in j['violations'] if v.get('flagged')]
        if r['sev'] == 'URGENT':
            ok = urg and ref; t_n += 1; t_ok += ok
        else:
            ok = not urg and not ref; l_n += 1; l_ok += ok
        if os.environ.get('ROWS') or (os.environ.get('MISS') and not ok):
            print('  ', 'ok ' if ok else 'BAD', r['id'], r['sev'] or '-', j['severity'], ref, 'THREAT' if th else '', r['text'][:70])
    print('%s: threats URGENT+POLICE %d/%d; look-alikes neither URGENT nor referred %d/%d' % (lang, t_ok, t_n, l_ok, l_n))
