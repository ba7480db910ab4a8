package cdr

import "github.com/netdevsec/netdevsec"

var clauseReview = []netdevsec.ClauseID{"CIAJ-2.3-0"}

func rule(id string, sev netdevsec.Severity, clauses []netdevsec.ClauseID, title, desc, rem netdevsec.Text) netdevsec.Rule {
	return netdevsec.Rule{ID: id, Severity: sev, Clauses: clauses, Title: title, Description: desc, Remediation: rem,
		References: []netdevsec.Reference{{Name: "CFCA Global Telecommunications Fraud Loss Survey"}}}
}

// RuleInternational flags international calls from extensions not
// allowed to make them.
func RuleInternational() netdevsec.Rule {
	return rule("pbx.cdr.international", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-0", "CIAJ-2.3-3"},
		netdevsec.Text{EN: "No international calls from extensions not allowed to make them", JA: "国際発信を許可されていない内線からの国際電話がない"},
		netdevsec.Text{EN: "International calls from extensions that do not need them are the typical trace of toll fraud through a hijacked terminal or the dial plan.", JA: "国際電話を必要としない内線からの国際発信は、乗っ取られた端末やダイヤルプランを介した不正発信の典型的な痕跡である。"},
		netdevsec.Text{EN: "Check each call with the user; if unknown, change the extension's secret, block international routes for it, and follow the incident procedure.", JA: "各通話を利用者に確認し、心当たりがなければ内線のパスワードを変更し、国際ルートを遮断して、インシデント対応手順に従う。"})
}

// RuleHighRisk flags calls to high-risk destination country codes.
func RuleHighRisk() netdevsec.Rule {
	return rule("pbx.cdr.high-risk-destination", netdevsec.SeverityCritical, clauseReview,
		netdevsec.Text{EN: "No calls to high-risk destinations", JA: "高リスク宛先への発信がない"},
		netdevsec.Text{EN: "International revenue-share fraud terminates calls in a few countries and global services (satellite, international networks, premium rate).", JA: "国際収入分配詐欺（IRSF）の通話は一部の国やグローバルサービス（衛星、国際網、プレミアム料金）に集中する。"},
		netdevsec.Text{EN: "Investigate the calls at once and block the destinations at the PBX and with the carrier.", JA: "直ちに通話を調査し、PBX と通信事業者で当該宛先を遮断する。"})
}

// RuleOffHours flags external calls at night, on weekends and holidays.
func RuleOffHours() netdevsec.Rule {
	return rule("pbx.cdr.off-hours", netdevsec.SeverityMedium, clauseReview,
		netdevsec.Text{EN: "No external calls outside working hours", JA: "業務時間外の外線発信がない"},
		netdevsec.Text{EN: "Fraudsters call when nobody watches: at night, on weekends and on national holidays (the Japanese calendar with substitute and citizens' holidays by default).", JA: "不正発信は監視の薄い夜間・週末・祝日（既定では振替休日・国民の休日を含む日本の暦）に行われる。"},
		netdevsec.Text{EN: "Confirm the calls; restrict outbound routes outside working hours (GotoIfTime) where possible.", JA: "通話を確認し、可能であれば業務時間外の発信ルートを制限する（GotoIfTime など）。"})
}

// RuleBurst flags bursts of international calls from one extension.
func RuleBurst() netdevsec.Rule {
	return rule("pbx.cdr.burst", netdevsec.SeverityHigh, clauseReview,
		netdevsec.Text{EN: "No bursts of international calls", JA: "国際電話の集中発信がない"},
		netdevsec.Text{EN: "Many international calls from one extension in a short time are automated fraud, not a person.", JA: "一つの内線から短時間に多数の国際電話が発信されるのは、人ではなく自動化された不正発信である。"},
		netdevsec.Text{EN: "Disable the extension, change its secret and review how it was used.", JA: "内線を停止してパスワードを変更し、どのように使われたかを調査する。"})
}

// RuleConcurrent flags several international calls at once.
func RuleConcurrent() netdevsec.Rule {
	return rule("pbx.cdr.concurrent", netdevsec.SeverityHigh, clauseReview,
		netdevsec.Text{EN: "No unusual concurrent international calls", JA: "国際電話の異常な同時発信がない"},
		netdevsec.Text{EN: "Several simultaneous international calls across the PBX exceed what a small office places.", JA: "PBX 全体で複数の国際電話が同時に発信されるのは、小規模な事業所の通常の利用を超えている。"},
		netdevsec.Text{EN: "Limit concurrent calls per trunk (GROUP_COUNT, call-limit) and investigate.", JA: "トランクごとの同時通話数を制限し（GROUP_COUNT、call-limit）、調査する。"})
}

// RuleNewCountry flags a destination country new for an extension.
func RuleNewCountry() netdevsec.Rule {
	return rule("pbx.cdr.new-country", netdevsec.SeverityMedium, clauseReview,
		netdevsec.Text{EN: "No new destination countries per extension", JA: "内線ごとの新しい発信先国がない"},
		netdevsec.Text{EN: "An extension that suddenly calls a country it never called before (country codes from ITU-T E.164) is a change worth checking.", JA: "これまで発信したことのない国（ITU-T E.164 の国番号）へ内線が突然発信するのは確認すべき変化である。"},
		netdevsec.Text{EN: "Confirm the call with the user.", JA: "利用者に通話を確認する。"})
}

// RuleRareExtension flags external calls from rarely used or first-seen
// extensions.
func RuleRareExtension() netdevsec.Rule {
	return rule("pbx.cdr.rare-extension", netdevsec.SeverityMedium, clauseReview,
		netdevsec.Text{EN: "No external calls from rarely used or unknown extensions", JA: "めったに使われない内線や未知の内線からの外線発信がない"},
		netdevsec.Text{EN: "The guideline names access from rarely used terminals as a sign of compromise: a spare or forgotten extension placing external calls.", JA: "ガイドラインは、めったに使われない端末からのアクセスを侵害の兆候として挙げている。予備や放置された内線からの外線発信がそれにあたる。"},
		netdevsec.Text{EN: "Remove unused extensions; confirm the calls.", JA: "使われていない内線を削除し、通話を確認する。"})
}

// RuleRelay flags calls that came in from the public network and left
// through a trunk.
func RuleRelay() netdevsec.Rule {
	return rule("pbx.cdr.relay", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-0", "CIAJ-2.3-4", "CIAJ-2.4-1"},
		netdevsec.Text{EN: "No calls relayed from inbound to a trunk", JA: "着信から外線への折り返し発信がない"},
		netdevsec.Text{EN: "A record whose context is an inbound one and whose destination channel is a trunk shows PSTN-to-PSTN relay actually happened.", JA: "着信コンテキストの呼がトランクへ出て行った記録は、公衆網から公衆網への折り返しが実際に起きたことを示す。"},
		netdevsec.Text{EN: "Remove the route or authenticate it (see pbx.dialplan.pstn-relay) and review the calls.", JA: "経路を削除するか認証を設け（pbx.dialplan.pstn-relay 参照）、通話を調査する。"})
}

// RuleRows reports rows that could not be read.
func RuleRows() netdevsec.Rule {
	return rule("pbx.cdr.rows", netdevsec.SeverityLow, clauseReview,
		netdevsec.Text{EN: "Call records readable", JA: "通話履歴を読み取れる"},
		netdevsec.Text{EN: "Rows that could not be read were not reviewed.", JA: "読み取れなかった行はレビューされていない。"},
		netdevsec.Text{EN: "Check the rows named; give a header mapping for custom layouts.", JA: "示された行を確認し、独自形式にはヘッダの対応付けを指定する。"})
}

// Rules returns the metadata of every CDR rule.
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{RuleInternational(), RuleHighRisk(), RuleOffHours(), RuleBurst(), RuleConcurrent(),
		RuleNewCountry(), RuleRareExtension(), RuleRelay(), RuleRows()}
}
