package rules

import (
	"regexp"
	"strconv"
	"strings"
)

// packErrorZh says a pack document's validation error (Parse's) in Chinese for the admin's Chinese
// page: the Chinese page read "规则包无效：pack CN 2026.1: violation THREAT: phrases[2]: pattern
// \"(小心\": unbalanced (" (session 28 walk). The places (a violation's phrase group, counted from 1
// as people count, a composite, a language's settings) and the common faults (an unknown code or
// class, brackets that do not pair, a weight out of range, a missing legal reference, a JSON field of
// the wrong type or unknown) are put in Chinese; the pack's own words (codes, field names, the
// pattern quoted) stay as they are, being what the admin looks for in the document. A fault the
// table does not know keeps the engine's English words, said to be so.
func packErrorZh(msg string) string {
	// The admin's own words quoted ("…", `…`) are set aside first, so that no rule below rewrites
	// them (a pattern "(小心: 点" kept its ": "); each becomes "\x01N" (or `\x01N`), still matched as a
	// quoted span by the table, and is put back at the end.
	var quoted []string
	s := packErrorSpans.ReplaceAllStringFunc(msg, func(m string) string {
		quoted = append(quoted, m[1:len(m)-1])
		return m[:1] + "\x01" + strconv.Itoa(len(quoted)-1) + m[len(m)-1:]
	})
	for _, r := range packErrorWordsZh {
		s = r.re.ReplaceAllStringFunc(s, func(m string) string {
			sub := r.re.FindStringSubmatch(m)
			out := r.zh
			for i := len(sub) - 1; i >= 1; i-- {
				v := sub[i]
				if strings.Contains(out, "$+"+strconv.Itoa(i)) {
					if n, err := strconv.Atoi(v); err == nil {
						out = strings.ReplaceAll(out, "$+"+strconv.Itoa(i), strconv.Itoa(n+1))
					}
				}
				out = strings.ReplaceAll(out, "$"+strconv.Itoa(i), v)
			}
			return out
		})
	}
	s = strings.ReplaceAll(s, ": ", "：")
	// Words the table did not know: said to be the engine's, not passed off as Chinese.
	english := packErrorEnglish.MatchString(packErrorQuoted.ReplaceAllString(s, ""))
	s = packErrorPlaceholder.ReplaceAllStringFunc(s, func(m string) string {
		if i, err := strconv.Atoi(m[1:]); err == nil && i < len(quoted) {
			return quoted[i]
		}
		return m
	})
	if english {
		return s + "（未能译出的部分为引擎的英文原文）"
	}
	return s
}

var (
	packErrorSpans       = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|` + "`[^`]*`")
	packErrorPlaceholder = regexp.MustCompile(`\x01\d+`)
	packErrorQuoted      = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\{[^}]*\}|[A-Z][A-Z0-9_.-]+|[a-z]+[A-Z][A-Za-z.]*|[A-Za-z]+\.[A-Za-z.]+`)
	packErrorEnglish     = regexp.MustCompile(`[A-Za-z]{3,} [A-Za-z]{3,}`)
)

type packErrorWord struct {
	re *regexp.Regexp
	zh string
}

func pw(re, zh string) packErrorWord { return packErrorWord{regexp.MustCompile(re), zh} }

// packErrorWordsZh is applied in order: the faults first, then the places around them.
var packErrorWordsZh = []packErrorWord{
	// JSON the engine could not read into a pack (the page finds syntax errors itself).
	pw(`^parse pack: json: unknown field ("[^"]*")`, "JSON 中有规则包不认识的字段 $1（请检查拼写）"),
	pw(`^parse pack: json: cannot unmarshal (\w+) into Go struct field \w+\.([\w.]+) of type (\S+)`, "JSON 字段 $2 的值类型不对（应为 $3，写成了 $1）"),
	pw(`（应为 (?:float64|float32|u?int\d*)，`, "（应为数字，"),
	pw(`（应为 string，`, "（应为字符串，"),
	pw(`（应为 bool，`, "（应为布尔值，"),
	pw(`（应为 \*?map\[\S*?，`, "（应为对象，"),
	pw(`（应为 \*?\[\]\S*?，`, "（应为数组，"),
	pw(`（应为 \*?rules\.[A-Z]\w*，`, "（应为对象，"),
	pw(`，写成了 string）`, "，写成了字符串）"),
	pw(`，写成了 number）`, "，写成了数字）"),
	pw(`，写成了 array）`, "，写成了数组）"),
	pw(`，写成了 object）`, "，写成了对象）"),
	pw(`，写成了 bool）`, "，写成了布尔值）"),
	pw(`^parse pack: unexpected EOF`, "JSON 不完整（可能被截断）"),
	pw(`^parse pack: `, "无法读取 JSON："),
	pw(`unknown violation code ("[^"]*")`, "未知的违规类型代码 $1"),
	pw(`unknown relation ("[^"]*")`, "未知的关系代码 $1"),
	pw(`unknown class \{([^}]*)\}`, "没有名为 {$1} 的词类"),
	pw(`no class ("[^"]*")`, "没有名为 $1 的词类"),
	pw(`unbalanced ([\[()])`, "括号 $1 不成对"),
	pw(`\| outside \( \)`, "“|”须写在括号之内"),
	pw(`empty pattern (?:in )?phrases\[(\d+)\]`, "第 $+1 组短语中有空短语"),
	pw(`empty pattern`, "短语为空"),
	pw(`weight must be within \(0, 1\]`, "权重须大于 0 且不超过 1"),
	pw(`weight ([0-9.eE+-]+) must be within \(0, 1\]`, "权重 $1 须大于 0 且不超过 1"),
	pw(`at least one legal reference is required`, "至少需要一条法律依据（legal）"),
	pw(`law and both summaries are required`, "须写明法律名称（law）和中英文摘要"),
	pw(`violation (\w+) is missing: every violation type needs its legal references`, "缺少违规类型 $1：每种违规类型都须有其法律依据"),
	pw(`jurisdiction is required`, "须写明法域（jurisdiction）"),
	pw(`version is required`, "须写明版本（version）"),
	pw(`start (\S+) must be before end (\S+)`, "开始时间 $1 须早于结束时间 $2"),
	pw(`("[^"]*") is not HH:MM`, "$1 不是“时:分”格式（HH:MM）"),
	pw(`("[^"]*") is not a time of day`, "$1 不是一天中的时刻"),
	pw(`sentences must be within 0–(\d+)`, "sentences 须在 0 到 $1 之间"),
	pw(`gateSentences must be within 0–5, and gateExcept and gateSentences need a gate`, "gateSentences 须在 0 到 5 之间，且 gateExcept 与 gateSentences 须有 gate"),
	pw(`give either after \(a violation code\) or first \(phrases\)`, "after（违规类型代码）与 first（短语）须二者择一"),
	pw(`cues are required`, "须有 cues"),
	pw(`only zh and en are supported`, "只支持 zh 和 en"),
	pw(`phrase set @(\w+) is not defined in phraseSets`, "短语集 @$1 未在 phraseSets 中定义"),
	pw(`phrase set @(\w+) has no (zh|en) phrases`, "短语集 @$1 没有 $2 短语"),
	pw(`phraseSets: name ("[^"]*"): use letters, digits and _ and begin with a letter`, "短语集名称 $1 只能由字母、数字和 _ 组成，且须以字母开头"),
	// Places.
	pw(`^pack (\w+) (\S*): `, "规则包 $1 $2："),
	pw(`violation (\w+): `, "违规类型 $1："),
	pw(`phrases\[(\d+)\]`, "第 $+1 组短语"),
	pw(`legal\[(\d+)\]`, "第 $+1 条法律依据"),
	pw(`composites\[(\d+)\]`, "第 $+1 条组合规则"),
	pw(`windows\[(\d+)\]`, "第 $+1 个时间窗"),
	pw(`language ("[^"]*"|\w+): `, "语言 $1 的设置："),
	pw(`severity\.factors\.(\w+)\[(\d+)\]`, "紧急因素 $1 的第 $+2 组短语"),
	pw(`pattern ("(?:[^"\\]|\\.)*"): `, "短语 $1："),
}
