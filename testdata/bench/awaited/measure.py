# Times the overdue and due-soon counts and pages before and after the awaited clock (migration
# 00042) with EXPLAIN ANALYZE: python3 measure.py [runs] [database]. docs/BENCHMARKS.md, "Overdue and due-soon".
import json, subprocess, statistics, sys
DB = sys.argv[2] if len(sys.argv) > 2 else "redline_awaited"
def q1(sql):
    return subprocess.run(["psql","-h","127.0.0.1","-U","postgres","-d",DB,"-At","-c",sql],capture_output=True,text=True,check=True).stdout.strip()
inst = q1("SELECT r FROM complaints, unnest(recipients) r WHERE status='FORWARDED' GROUP BY r ORDER BY count(*) DESC LIMIT 1")
kind = "CASE c.status WHEN 'FORWARDED' THEN 'INSTITUTION_RESPONSE' WHEN 'RESPONDED' THEN 'FEEDBACK' WHEN 'SUBMITTED' THEN 'ACCEPTANCE' WHEN 'IN_TRIAGE' THEN 'ACCEPTANCE' WHEN 'NEEDS_INFORMATION' THEN 'ACCEPTANCE' END"
owed = "((d.state='OPEN' AND d.paused_at IS NULL) OR (d.state='BREACHED' AND d.met_at IS NULL))"
soon = "now() + interval '3 days'"
Q = [
 ("staff overdue count", "before (forwarded, institution's due_at)", "SELECT count(*) FROM complaints WHERE status='FORWARDED' AND due_at < now()"),
 ("staff overdue count", "join over complaint_deadlines", f"SELECT count(*) FROM complaints c WHERE EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.complaint_id=c.id AND d.kind = {kind} AND {owed} AND d.due_at < now())"),
 ("staff overdue count", "after (awaited_due_at)", "SELECT count(*) FROM complaints WHERE awaited_due_at < now()"),
 ("staff due-soon count", "before", f"SELECT count(*) FROM complaints WHERE status='FORWARDED' AND due_at >= now() AND due_at < {soon}"),
 ("staff due-soon count", "join over complaint_deadlines", f"SELECT count(*) FROM complaints c WHERE EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.complaint_id=c.id AND d.kind = {kind} AND {owed} AND d.due_at >= now() AND d.due_at < {soon})"),
 ("staff due-soon count", "after", f"SELECT count(*) FROM complaints WHERE awaited_due_at >= now() AND awaited_due_at < {soon}"),
 ("staff overdue page (50, DUE_DATE)", "before", "SELECT * FROM complaints WHERE status='FORWARDED' AND due_at < now() ORDER BY COALESCE(due_at,'infinity'::timestamptz), created_at, id LIMIT 51"),
 ("staff overdue page (50, DUE_DATE)", "after", "SELECT * FROM complaints WHERE awaited_due_at < now() ORDER BY awaited_due_at, created_at, id LIMIT 51"),
 ("team load (open, overdue, due soon per team and assignee)", "before", f"SELECT team, assignee_id, count(*), count(*) FILTER (WHERE status='FORWARDED' AND due_at < now()), count(*) FILTER (WHERE status='FORWARDED' AND due_at >= now() AND due_at < {soon}) FROM complaints WHERE status IN ('SUBMITTED','IN_TRIAGE','NEEDS_INFORMATION','FORWARDED','RESPONDED','DISPUTED','IN_INVESTIGATION','ESCALATED') GROUP BY 1,2"),
 ("team load (open, overdue, due soon per team and assignee)", "after", f"SELECT team, assignee_id, count(*), count(*) FILTER (WHERE awaited_due_at < now()), count(*) FILTER (WHERE awaited_due_at >= now() AND awaited_due_at < {soon}) FROM complaints WHERE status IN ('SUBMITTED','IN_TRIAGE','NEEDS_INFORMATION','FORWARDED','RESPONDED','DISPUTED','IN_INVESTIGATION','ESCALATED') GROUP BY 1,2"),
 (f"institution inbox overdue count (institution {inst})", "before", f"SELECT count(*) FROM complaints WHERE recipients @> ARRAY[{inst}]::bigint[] AND status='FORWARDED' AND due_at < now()"),
 (f"institution inbox overdue count (institution {inst})", "after (own owed clock)", f"SELECT count(*) FROM complaints WHERE recipients @> ARRAY[{inst}]::bigint[] AND status = 'FORWARDED' AND EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.complaint_id = complaints.id AND d.institution_id = {inst} AND d.kind = 'INSTITUTION_RESPONSE' AND d.met_at IS NULL AND d.paused_at IS NULL AND d.state IN ('OPEN', 'BREACHED') AND d.started_at >= complaints.forwarded_at AND d.due_at < now())"),
]
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
load = open("/proc/loadavg").read().split()[:3]
print(f"{q1('SELECT count(*) FROM complaints')} complaints, {q1('SELECT count(*) FROM complaint_deadlines')} clocks; {runs} runs after 2 warm-up; load average before {' '.join(load)}")
print("| query | version | rows | median | max | plan |")
print("|---|---|---:|---:|---:|---|")
for what, ver, sql in Q:
    ts = []
    for i in range(runs + 2):
        out = q1("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        j = json.loads(out)[0]
        if i >= 2: ts.append(j["Execution Time"])
        plan = j["Plan"]
    nodes = []
    def walk(p):
        n = p["Node Type"] + (" " + p["Index Name"] if "Index Name" in p else "")
        nodes.append(n)
        for c in p.get("Plans", []): walk(c)
    walk(plan)
    rows = q1(f"SELECT count(*) FROM ({sql}) x") if "count(*)" not in sql.split("FROM")[0] else q1(sql).split("\n")[0]
    print(f"| {what} | {ver} | {rows} | {statistics.median(ts):.1f} ms | {max(ts):.1f} ms | {', '.join(dict.fromkeys(nodes))} |")
print(f"load average after {' '.join(open('/proc/loadavg').read().split()[:3])}")
