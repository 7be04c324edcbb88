// The rule pack editor's help: how a pack document is written (its fields, phrase groups, pattern
// syntax) and what publishing does, in the reader's language, beside the editor. It says in short
// what docs/RULES.md says at length; an admin in a browser cannot open the repository's docs.

import { html } from '../../core/dom.js';
import { t } from '../../core/i18n.js';

// [field, what it holds (zh), (en)]
const FIELDS = [
  ['version', '版本标签；每次发布改成新的（如 2024.2），审核员据此区分版本。', 'The edition\'s label; give each publication a new one (e.g. 2024.2) so reviewers can tell editions apart.'],
  ['timezone', '法域的时区（如 Asia/Shanghai），事件没有注明地点时按此时区判断时间。', 'The jurisdiction\'s time zone (e.g. Asia/Shanghai), for incidents that give no place.'],
  ['contactHours', '允许联系的时段 {start, end, basis, basisZh}，当地时间，两端含；超出即“不当时间催收”。basisZh 是 basis 的中文，用于中文页面上的说明。', 'The hours contact is allowed {start, end, basis, basisZh}, local time, both ends included; outside them is improper hours. basisZh is basis in Chinese, for the explanation on Chinese pages.'],
  ['dailyCap', '每个自然日对债务人接通电话的上限 {connectedCalls, scope, scopeZh}，出借机构与全部催收机构合计；scopeZh 是 scope 的中文。', 'Connected calls to the debtor allowed per local day {connectedCalls, scope, scopeZh}, lender and every agency together; scopeZh is scope in Chinese.'],
  ['windows', '若干天内来电次数的上限 [{maxCalls, days, source}]（如美国 7 天 7 次）。', 'Call limits over a span of days [{maxCalls, days, source}] (e.g. the US 7 in 7 days).'],
  ['afterConversationDays', '通话后若干天内不得再来电（0 表示不适用）。', 'Days after a conversation during which a call is a violation (0: none).'],
  ['debtorSide / improperRelations', '可以联系的一方，以及联系即构成“联系第三人”的关系（PARENT、EMPLOYER 等）。', 'Who may be contacted, and the relations whose contact is third-party contact (PARENT, EMPLOYER…).'],
  ['senders', '发送号码的模式：platform 为正规平台号码，personal 为个人手机号（个人号码是“身份不明的催收”的弱信号）。', 'Sender-number patterns: platform numbers, and personal mobiles (a weak sign of an unidentified collector).'],
  ['disclosure', '催收信息必须说明的事项（required）及识别它们的模式（patterns）；缺少即“未披露必要信息”。', 'What a collection message must state (required) and the patterns that find it; missing items are a missing disclosure.'],
  ['violations', '每个违规类型（THREAT 等 13 种）：legal 法律依据、phrases 短语组、except 排除短语。', 'Each violation type (THREAT and the other 12): legal references, phrase groups, except phrases.'],
  ['classes / aliases', '实体类别（模式中写 {THIRD}）；规范化时替换的写法（cs → 催收）。', 'Entity classes (written {THIRD} in a pattern); spellings replaced while normalising (an abbreviation by the word it stands for).'],
  ['composites', '跨分句的组合：after 或 first 命中后，sentences 句内又命中 then，即为 type（如联系第三人后告知欠款 = 泄露隐私）。', 'Facts joined across clauses: after a hit of after (or first), a hit of then within sentences sentences is evidence of type (a third party contacted, then told of the debt, is a privacy disclosure).'],
  ['mentions', '读取文字中的时间与次数（晚上11:30、一天30多个），与联系时段和每日上限比较。', 'Times and counts read in the text (11:30 pm, 30 calls a day), judged against the hours and the daily cap.'],
  ['language', '每种语言的否定、疑问、假设、传闻等提示词，以及它们降低权重的系数。', 'Each language\'s negation, question, hypothetical and hearsay cues, and the factors they weigh a hit by.'],
  ['severity', '紧急程度：威胁置信度、健康受损、未成年人、老年人等因素，以及紧急时建议的报警（urgentReferral）。', 'Severity: the threat confidence, health harm, minors and the elderly, and the referral an urgent complaint gets (urgentReferral).'],
];

// [syntax, meaning (zh), (en)]
const SYNTAX = [
  ['(a|b|c)', '任选其一', 'any one of them'],
  ['x?  (ab)?', '可有可无', 'optional'],
  ['word*', '英文词的任意词尾（harass* = harassed、harassment）；中文后最多再跟 2 个汉字', 'any ending of an English word (harass* = harassed, harassment); after Chinese, up to 2 more characters'],
  ['a...b', '同一分句内 a 与 b 之间最多隔若干字（中文 6 个，英文 25 个字符）', 'a and b within one clause, up to a gap apart (Chinese 6 characters, English 25)'],
  ['{THIRD}', '实体类别中的任一成员（外婆、前领导、“爸妈、老婆还有领导”）', 'any member of an entity class, or a list of them (THIRD: relatives, friends, colleagues, bosses…)'],
  ['[abc]  +  {m,n}  \\+', '与 RE2 相同：字符集、重复、计数、转义', 'as in RE2: a character class, repetition, a count, an escaped character'],
  ['^  $', '文本或分句的开头、结尾', 'the start or the end of the text or clause'],
  ['re:…', '原样的 RE2 正则表达式', 'a raw RE2 expression'],
];

// example is a phrase group as it is written, its Chinese marked as such for English pages.
const zh = (s) => html`<span lang="zh">${s}</span>`;
const example = () => html`{
  "weight": 0.8,
  "id": "THREAT.menace",
  "zh": ["${zh('(泼|喷)(油漆|红漆)')}", "${zh('(出门|走路)小心')}"],
  "en": ["watch your back"],
  "note": "intimidation",
  "negation": "keep",
  "legal": {"law": "${zh('治安管理处罚法')}", "article": "${zh('第42条')}", "summaryZh": "…", "summaryEn": "…"}
}`;

// packHelp is the editor's help, a closed disclosure that opens in place.
export function packHelp() {
  return html`<details class="more pack-help" id="pack-help">
    <summary>${t('如何编写规则包：字段、短语组与模式写法', 'How to write a pack: fields, phrase groups, patterns')}</summary>
    <div class="pack-help-body">
      <h3 id="pack-help-steps">${t('修改与发布', 'Editing and publishing')}</h3>
      <ol>
        <li>${t('把 version 改成新的版本标签。', 'Give version a new label.')}</li>
        <li>${t('编辑词表、时段、上限或法律依据；“查看与现行修订的差异”逐行对照现行修订。', 'Edit the lexicons, hours, caps or legal references; "Show changes" compares the draft line by line with the revision in force.')}</li>
        <li>${t('在“用示例短信试运行”中每行填一条短信：显示草稿命中的短语、法律依据，以及与现行规则包相比新增或不再命中的结果。', 'Under "Try it on example messages", one message a line: what the draft flags, the phrase and the law, and what is new or gone against the pack in force.')}</li>
        <li>${t('填写修改原因并发布。服务器按引擎加载的方式检查文档，错误显示在文档框下方（未知的违规类型或关系、无法编译的模式、权重不在 0 到 1 之间、缺少法律依据等）；他人已先发布时会提示冲突。每次发布记入管理审计日志。', 'Give the reason and publish. The server checks the document as the engine loads it and shows an error under the document (an unknown violation or relation, a pattern that does not compile, a weight outside 0 to 1, a type without a legal reference…); if someone published first, you are told of the conflict. Each publication is in the admin audit log.')}</li>
        <li>${t('新提交的投诉和“查一查短信”从此使用新修订；已判断的投诉保留原修订，可用下方“重新评估投诉”按现行规则包重新判断某日以来的投诉。', 'New complaints and "check a message" use the new revision from then on; complaints judged before keep theirs until "Judge complaints again" below judges those filed since a day with the packs in force.')}</li>
      </ol>
      <h3>${t('文档的主要字段', 'The document\'s main fields')}</h3>
      <dl class="pack-help-fields" id="pack-help-fields">${FIELDS.map(([k, zh, en]) => html`<dt><code lang="en">${k}</code></dt><dd>${t(zh, en)}</dd>`)}</dl>
      <h3>${t('短语组', 'Phrase groups')}</h3>
      <p>${t('每个违规类型的 phrases 是若干短语组。一个组的 zh、en 为两种语言的模式；weight（0 到 1）是命中时的置信度，同一类型的多个命中按 1 − Π(1 − 权重) 合并，同一组多次命中只算一次；置信度达到 0.5 的类型作为建议违规显示给审核员。id 在证据中标明命中的规则；legal 可为该组单独指定法律依据；"negation": "keep" 表示否定句也算命中（用于“从未发送”“信息里连欠款金额都没有”这类以否定表述的遗漏）。except 中的短语与命中重叠时，该命中作为“已排除”保留并说明原因。',
    'A violation type\'s phrases are groups. A group\'s zh and en are its patterns in each language; weight (0 to 1) is the confidence of a hit, and a type\'s hits combine as 1 − Π(1 − weight), a group counting once however often it matches; a type reaching 0.5 is suggested to the reviewer. id names the rule in the evidence; legal gives the group its own legal reference; "negation": "keep" lets a negated sentence count (omissions stated by negation: "they never sent validation"). A hit that overlaps one of the type\'s except phrases is kept as dismissed, with the reason.')}</p>
      <pre class="pack-help-example"><code>${example()}</code></pre>
      <h3>${t('模式写法', 'Pattern syntax')}</h3>
      <p>${t('模式与规范化后的文本匹配：全角转半角、繁体转简体、小写，去掉汉字间的空格和表情，并替换 aliases；所以模式用小写和简体书写。中文模式只在含汉字的文本上运行，英文模式按整词匹配。命中须在一句之内；分句内否定词（没有、未、not、never）在前则排除，疑问句权重 × 0.5，假设 × 0.6，传闻（听说、I heard）× 0.4 且不提高紧急程度。',
    'Patterns match the normalised text: full-width to ASCII, traditional to simplified characters, lower case, spaces and emoji between Chinese characters dropped, aliases replaced; so write them in lower case and simplified characters. Chinese patterns run only on texts with Chinese characters; English ones match whole words. A hit lies within one sentence; a negation cue (not, never, and their Chinese equivalents) before it in its clause dismisses it, a question weighs it × 0.5, a hypothetical × 0.6, hearsay (I heard, my friend told me) × 0.4, and hearsay never raises the severity.')}</p>
      <dl class="pack-help-fields" id="pack-help-syntax">${SYNTAX.map(([k, zh, en]) => html`<dt><code lang="en">${k}</code></dt><dd>${t(zh, en)}</dd>`)}</dl>
    </div>
  </details>`;
}
