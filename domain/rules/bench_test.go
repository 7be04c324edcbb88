package rules

import (
	"testing"
	"time"
)

// benchNarratives are about 200 characters each, as borrowers write them.
var benchNarratives = map[Jurisdiction]string{
	CN: "2019年12月份借的75000，每月还2317元还了12个月。前几天我准备提前全部还清，但是打开一看还要我还68000了，所以我觉得这个利息太高了就暂时没有还！没想到他们居然爆了我的通讯录，晚上11:30还在打电话，还恐吓我的父母说要上门，一天打了三十多个电话，说已经移交法务部门，让我小心点。我已经要求他们停止联系我的家人，但他们还是继续打。",
	US: "I asked them in writing to stop calling me in March, but they still call 4 times a day, sometimes after 9 pm. They contacted my boss and told him I do n't pay my bills. The collector said I would be arrested if I didnt pay and never sent me a validation notice. This is not my debt.",
}

// BenchmarkJudge is the CPU time of judging one narrative of about 200 characters, as routing does.
func BenchmarkJudge(b *testing.B) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, j := range []Jurisdiction{CN, US} {
		p, err := Default(j)
		if err != nil {
			b.Fatal(err)
		}
		f := Facts{Narrative: benchNarratives[j]}
		b.Run(string(j), func(b *testing.B) {
			for b.Loop() {
				p.Judge(f, "", now)
			}
		})
	}
}
