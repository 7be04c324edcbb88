#!/usr/bin/env python3
# usage: writerprune.py BIN DIR... -- every flag of the blind sets DIR/zh.txt, DIR/en.txt (MUST|OPTIONAL|SEVERITY|text)
# attributed to the rules in its evidence: per rule, FP1 = flags outside must∪optional where it was the only evidence,
# FP, TP, TP1 (only evidence), OPT, and the number of writers (sets) with an FP. Session 35 (prune35) removed the
# patterns with FP1 >= 3 from >= 3 writers and TP <= 1 over blind-s25…s34, e.g.
#   go build -o /tmp/redline ./cmd/redline
#   python3 testdata/rules/tools/writerprune.py /tmp/redline testdata/rules/blind-s2{5,6,7,8,9} testdata/rules/blind-s3{0,1,2,3,4}
import json,subprocess,sys,os,collections
binp=sys.argv[1]; sets=sys.argv[2:]
stats=collections.defaultdict(lambda: collections.Counter())
writers=collections.defaultdict(set)
for d in sets:
  for lang,jur in (('zh','CN'),('en','US')):
    recs=[]
    for n,l in enumerate(open(os.path.join(d,lang+'.txt'))):
        l=l.rstrip('\n')
        if not l.strip() or l.startswith('#'): continue
        must,opt,sev,text=l.split('|',3)
        S=lambda x:set(c for c in x.split(',') if c.strip() not in('','-'))
        recs.append(dict(id=str(n),text=text,jurisdiction=jur,must=S(must),opt=S(opt)))
    inp=''.join(json.dumps({'id':r['id'],'text':r['text'],'jurisdiction':r['jurisdiction']},ensure_ascii=False)+'\n' for r in recs)
    out=subprocess.run([binp,'rules','judge'],input=inp,capture_output=True,text=True,check=True).stdout
    got={json.loads(x)['id']:json.loads(x) for x in out.splitlines()}
    for r in recs:
        for v in got[r['id']].get('violations') or []:
            if not v.get('flagged'): continue
            t=v['type']; kind='TP' if t in r['must'] else ('OPT' if t in r['opt'] else 'FP')
            rules=sorted(set(e['rule'] for e in v.get('evidence') or []))
            for ru in rules:
                stats[(lang,ru)][kind]+=1
                if len(rules)==1: stats[(lang,ru)][kind+'1']+=1
                if kind=='FP': writers[(lang,ru)].add(d)
rows=sorted(stats.items(), key=lambda kv:-kv[1]['FP1'])
print('lang FP1 FP TP TP1 OPT writers rule')
for (lang,ru),c in rows[:60]:
    if c['FP1']<2: break
    print(lang, c['FP1'], c['FP'], c['TP'], c['TP1'], c['OPT'], len(writers[(lang,ru)]), ru[:150])
