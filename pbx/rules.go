package pbx

import "github.com/netdevsec/netdevsec"

func rule(id string, sev netdevsec.Severity, clauses []netdevsec.ClauseID, title, desc, rem netdevsec.Text, refs ...netdevsec.Reference) netdevsec.Rule {
	return netdevsec.Rule{ID: id, Severity: sev, Clauses: clauses, Title: title, Description: desc, Remediation: rem, References: refs}
}

var (
	refBestPractices = netdevsec.Reference{Name: "Asterisk README-SERIOUSLY.bestpractices.txt", URL: "https://github.com/asterisk/asterisk/blob/master/README-SERIOUSLY.bestpractices.md"}
	refSIPConf       = netdevsec.Reference{Name: "Asterisk sip.conf.sample (chan_sip)"}
	refPJSIPConf     = netdevsec.Reference{Name: "Asterisk pjsip.conf.sample"}
	refFreeSWITCH    = netdevsec.Reference{Name: "FreeSWITCH conf/vanilla sip_profiles/internal.xml"}
)

// RuleFirewall fails when the inventory records that the PBX is not
// behind a firewall.
func RuleFirewall() netdevsec.Rule {
	return rule("pbx.exposure.firewall", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-1", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "PBX behind a firewall", JA: "PBX がファイアウォールの内側にある"},
		netdevsec.Text{
			EN: "SIP, RTP and management ports reachable from the internet are scanned within minutes (SIPVicious \"friendly-scanner\"); the guideline asks that a VoIP system connected to an external IP network sit behind a firewall.",
			JA: "インターネットから到達できる SIP・RTP・管理ポートは数分で走査される。ガイドラインは外部 IP 網に接続する VoIP システムをファイアウォールの内側に置くことを求めている。",
		},
		netdevsec.Text{
			EN: "Place the PBX behind a firewall that admits SIP and RTP only from the carrier's and the organisation's networks, and record it in facts.pbx.firewall.",
			JA: "通信事業者と自組織のネットワークからのみ SIP と RTP を許可するファイアウォールの内側に PBX を置き、facts.pbx.firewall に記録する。",
		}, refBestPractices)
}

// RuleManagementExposure fails when AMI or the HTTP/ARI server listens
// on a non-loopback address without source restriction.
func RuleManagementExposure() netdevsec.Rule {
	return rule("pbx.exposure.management", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-1"},
		netdevsec.Text{EN: "Management interfaces not exposed", JA: "管理インタフェースが公開されていない"},
		netdevsec.Text{
			EN: "The Asterisk Manager Interface, HTTP/ARI and the FreeSWITCH event socket can originate calls and change the configuration; listening on every address without a permit list exposes them to the network.",
			JA: "Asterisk Manager Interface、HTTP/ARI、FreeSWITCH のイベントソケットは発信や設定変更ができる。許可リストなしに全アドレスで待ち受けると、ネットワークに公開される。",
		},
		netdevsec.Text{
			EN: "Bind management interfaces to 127.0.0.1 or restrict them with permit/deny (manager.conf) or an ACL, and filter them at the firewall.",
			JA: "管理インタフェースを 127.0.0.1 で待ち受けるか、permit/deny（manager.conf）や ACL で接続元を制限し、ファイアウォールでも遮断する。",
		}, refBestPractices)
}

// RuleEndpointACL fails for terminals without a source ACL.
func RuleEndpointACL() netdevsec.Rule {
	return rule("pbx.auth.acl", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-2.3-1", "CIAJ-2.3-5", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "Endpoints restricted by source address", JA: "端末の接続元アドレスが制限されている"},
		netdevsec.Text{
			EN: "A SIP account without permit/deny (chan_sip), an ACL (PJSIP type=acl, acl=) or a contact ACL accepts registrations from anywhere, so a guessed or leaked secret is enough to place calls.",
			JA: "permit/deny（chan_sip）、ACL（PJSIP type=acl、acl=）、コンタクト ACL のない SIP アカウントはどこからでも登録を受け付けるため、推測・漏えいしたパスワードだけで発信できてしまう。",
		},
		netdevsec.Text{
			EN: "Add deny=0.0.0.0/0.0.0.0 and permit=<phone network> to each peer (or a PJSIP type=acl / endpoint acl=).",
			JA: "各ピアに deny=0.0.0.0/0.0.0.0 と permit=<電話機のネットワーク> を設定する（PJSIP では type=acl またはエンドポイントの acl=）。",
		}, refBestPractices, refSIPConf, refPJSIPConf)
}

// RuleCarrierBlocking fails for trunks where international calls are
// not needed and the carrier's international call blocking is not
// recorded as active.
func RuleCarrierBlocking() netdevsec.Rule {
	return rule("pbx.carrier.international-blocking", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-2"},
		netdevsec.Text{EN: "Carrier international call blocking where international calls are not needed", JA: "国際電話が不要な回線で通信事業者の国際電話不取扱を利用している"},
		netdevsec.Text{
			EN: "When international calls are not needed, the carrier's international call-blocking service (国際電話不取扱受付センター for NTT East/West lines) stops toll fraud even if the PBX is compromised.",
			JA: "国際電話が不要な場合、通信事業者の国際電話の利用休止（国際電話不取扱受付センター等）を申し込めば、PBX が侵害されても国際電話の不正発信を防げる。",
		},
		netdevsec.Text{
			EN: "Order international call blocking for each line that does not need it and record it per trunk in facts.pbx.trunks[].international_blocked.",
			JA: "国際電話が不要な各回線について利用休止を申し込み、facts.pbx.trunks[].international_blocked に回線ごとに記録する。",
		}, netdevsec.Reference{Name: "国際電話不取扱受付センター", URL: "https://www.kokusai-teishi.com/"})
}

// RuleInternational fails when a context that should not reach
// international numbers has a dial-plan path to one.
func RuleInternational() netdevsec.Rule {
	return rule("pbx.dialplan.international", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-3"},
		netdevsec.Text{EN: "International dialling blocked in the dial plan", JA: "ダイヤルプランで国際発信を規制している"},
		netdevsec.Text{
			EN: "A dial-plan path from a context that does not need international calls to a trunk with a number that can start with an international prefix (010, 00, 011, +) lets anyone placing calls there dial abroad.",
			JA: "国際電話を必要としないコンテキストから、国際プレフィックス（010、00、011、+）で始まり得る番号をトランクへ発信する経路があると、そこから発信できる者は誰でも国際電話をかけられる。",
		},
		netdevsec.Text{
			EN: "Match only domestic numbers in outbound patterns (e.g. _0[1-9]X. instead of _0X.), keep international routes in a separate context included only where needed, and record those contexts in facts.pbx.international_contexts.",
			JA: "発信パターンは国内番号のみに一致させ（例: _0X. ではなく _0[1-9]X.）、国際ルートは必要な場所だけが include する別コンテキストに分け、facts.pbx.international_contexts に記録する。",
		}, refBestPractices)
}

// RuleRelay fails when an inbound context (a trunk's, the guest one)
// reaches an outbound trunk without authentication.
func RuleRelay() netdevsec.Rule {
	return rule("pbx.dialplan.pstn-relay", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-4", "CIAJ-2.4-1"},
		netdevsec.Text{EN: "No unauthenticated PSTN-to-PSTN relay", JA: "認証なしの公衆網折り返し発信がない"},
		netdevsec.Text{
			EN: "A call arriving from the public network (an inbound trunk or an unauthenticated guest) that the dial plan can route back out through a trunk lets outsiders place calls at the organisation's expense.",
			JA: "公衆網（着信トランクや認証されないゲスト）から着信した呼をダイヤルプランがトランクから再発信できると、外部の者が組織の費用で通話できてしまう。",
		},
		netdevsec.Text{
			EN: "Remove outbound routes from inbound contexts; where relay is needed, put Authenticate() or DISA with a PIN before it.",
			JA: "着信コンテキストから発信ルートを取り除く。折り返しが必要な場合は、その前に Authenticate() または PIN 付き DISA を置く。",
		}, refBestPractices)
}

// RuleDISA fails for a DISA without a password reachable in the dial plan.
func RuleDISA() netdevsec.Rule {
	return rule("pbx.dialplan.disa-pin", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-4", "CIAJ-2.4-1"},
		netdevsec.Text{EN: "DISA protected by a PIN", JA: "DISA が PIN で保護されている"},
		netdevsec.Text{
			EN: "DISA(no-password,…) gives any caller who reaches it a dial tone in the named context: with a trunk route there it is an open relay.",
			JA: "DISA(no-password,…) は到達した発信者に指定コンテキストの発信音を与える。そこにトランクへのルートがあれば誰でも折り返し発信できる。",
		},
		netdevsec.Text{
			EN: "Give DISA a password file or PIN (DISA(/etc/asterisk/disa.conf,…)) or remove it.",
			JA: "DISA にパスワードファイルまたは PIN を設定する（DISA(/etc/asterisk/disa.conf,…)）か、削除する。",
		}, refBestPractices)
}

// RuleInjection fails for an open pattern passed unfiltered into Dial.
func RuleInjection() netdevsec.Rule {
	return rule("pbx.dialplan.exten-injection", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-3", "CIAJ-2.3-4"},
		netdevsec.Text{EN: "Dialled number filtered before Dial", JA: "ダイヤル番号を Dial の前にフィルタしている"},
		netdevsec.Text{
			EN: "With a pattern such as _X. or _. the caller controls ${EXTEN}; passed unfiltered to Dial(SIP/${EXTEN}) a number like 500&SIP/itsp/14165551212 adds a second channel to a trunk (Asterisk README-SERIOUSLY.bestpractices).",
			JA: "_X. や _. のようなパターンでは ${EXTEN} を発信者が決められる。Dial(SIP/${EXTEN}) にそのまま渡すと 500&SIP/itsp/14165551212 のような番号でトランクへの 2 本目のチャネルを追加できる。",
		},
		netdevsec.Text{
			EN: "Use strict patterns (_1XXX, _0[1-9]XXXXXXXX) or ${FILTER(0-9,${EXTEN})} before Dial.",
			JA: "厳密なパターン（_1XXX、_0[1-9]XXXXXXXX）を使うか、Dial の前に ${FILTER(0-9,${EXTEN})} で絞り込む。",
		}, refBestPractices)
}

// RuleGuest fails when calls from unidentified callers are accepted.
func RuleGuest() netdevsec.Rule {
	return rule("pbx.auth.guest", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "No guest or anonymous SIP calls", JA: "ゲスト・匿名の SIP 呼を受け付けない"},
		netdevsec.Text{
			EN: "chan_sip accepts calls from unknown callers into its default context unless allowguest=no; a PJSIP endpoint named \"anonymous\" or a FreeSWITCH profile without auth-calls does the same. Every such call skips terminal authentication.",
			JA: "chan_sip は allowguest=no でない限り未知の発信者の呼を既定コンテキストに受け付ける。PJSIP の \"anonymous\" エンドポイントや auth-calls のない FreeSWITCH プロファイルも同様で、端末認証を経ない。",
		},
		netdevsec.Text{
			EN: "Set allowguest=no in sip.conf [general], remove the PJSIP anonymous endpoint, enable auth-calls; receive carrier calls through identified trunks.",
			JA: "sip.conf の [general] に allowguest=no を設定し、PJSIP の anonymous エンドポイントを削除し、auth-calls を有効にする。通信事業者からの着信は識別済みトランクで受ける。",
		}, refSIPConf, refPJSIPConf, refFreeSWITCH)
}

// RuleInsecureInvite fails for terminals with insecure=invite.
func RuleInsecureInvite() netdevsec.Rule {
	return rule("pbx.auth.insecure-invite", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "INVITEs from terminals challenged", JA: "端末からの INVITE を認証している"},
		netdevsec.Text{
			EN: "insecure=invite (\"do not require authentication of incoming INVITEs\") is meant for carrier trunks identified by address; on a phone's account it lets anyone who matches it place calls without the secret.",
			JA: "insecure=invite（着信 INVITE の認証を要求しない）はアドレスで識別する通信事業者トランク向けの設定であり、電話機のアカウントに設定すると、パスワードなしで誰でも発信できる。",
		},
		netdevsec.Text{
			EN: "Remove insecure=invite from every peer that is not a trunk identified by a fixed address.",
			JA: "固定アドレスで識別するトランク以外のすべてのピアから insecure=invite を削除する。",
		}, refSIPConf)
}

// RuleAutoCreatePeer fails when registration without an account is on.
func RuleAutoCreatePeer() netdevsec.Rule {
	return rule("pbx.auth.autocreatepeer", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "No registration without an account", JA: "アカウントなしの登録を許可していない"},
		netdevsec.Text{
			EN: "autocreatepeer=yes (chan_sip) or accept-blind-reg/accept-blind-auth (FreeSWITCH) lets any device register and call without credentials.",
			JA: "autocreatepeer=yes（chan_sip）や accept-blind-reg/accept-blind-auth（FreeSWITCH）は、認証情報なしにあらゆる機器の登録と発信を許す。",
		},
		netdevsec.Text{
			EN: "Set autocreatepeer=no; remove accept-blind-reg and accept-blind-auth.",
			JA: "autocreatepeer=no にし、accept-blind-reg と accept-blind-auth を削除する。",
		}, refSIPConf, refFreeSWITCH)
}

// RuleAuthReject fails when chan_sip answers unknown users differently
// from wrong passwords (enumeration).
func RuleAuthReject() netdevsec.Rule {
	return rule("pbx.auth.always-auth-reject", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-2.3-5"},
		netdevsec.Text{EN: "Same answer for unknown users and wrong passwords", JA: "未知のユーザとパスワード誤りに同じ応答を返す"},
		netdevsec.Text{
			EN: "With alwaysauthreject=no chan_sip answers 404 for unknown users and 401/403 for known ones, so scanners (svwar) list valid extensions before guessing their secrets.",
			JA: "alwaysauthreject=no では chan_sip が未知のユーザに 404、既知のユーザに 401/403 を返すため、スキャナ（svwar）が有効な内線を列挙してからパスワードを推測できる。",
		},
		netdevsec.Text{
			EN: "Set alwaysauthreject=yes in sip.conf [general].",
			JA: "sip.conf の [general] に alwaysauthreject=yes を設定する。",
		}, refSIPConf)
}

// RuleAuthRequired fails for accounts that authenticate neither by
// secret nor by address.
func RuleAuthRequired() netdevsec.Rule {
	return rule("pbx.auth.required", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "Every SIP account authenticates", JA: "すべての SIP アカウントが認証を行う"},
		netdevsec.Text{
			EN: "An account with no secret (and not identified by a fixed address with an ACL) can be used by anyone who sends its name.",
			JA: "パスワードがなく、ACL 付きの固定アドレスでも識別されないアカウントは、その名前を送る者なら誰でも利用できる。",
		},
		netdevsec.Text{
			EN: "Give every terminal account a strong, unique secret; identify trunks by address (PJSIP identify, host=) with an ACL.",
			JA: "すべての端末アカウントに強固で固有のパスワードを設定し、トランクは ACL 付きのアドレス（PJSIP identify、host=）で識別する。",
		}, refPJSIPConf, refSIPConf)
}

// RuleTrivialSecret fails for secrets equal to the account or
// extension name (the first guess of every SIP cracker).
func RuleTrivialSecret() netdevsec.Rule {
	return rule("pbx.auth.trivial-secret", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-2", "CIAJ-1.2-2"},
		netdevsec.Text{EN: "SIP secret differs from the account name", JA: "SIP パスワードがアカウント名と異なる"},
		netdevsec.Text{
			EN: "A SIP secret equal to the extension or user name (the canonical [1000] secret=1000 example) is the first guess of svcrack and similar tools. Strength beyond this is judged by the password rules.",
			JA: "内線番号やユーザ名と同じ SIP パスワード（[1000] secret=1000 が典型例）は svcrack などが最初に試す値である。それ以上の強度は password の規則で判定する。",
		},
		netdevsec.Text{
			EN: "Set a random secret of at least 16 characters per account.",
			JA: "アカウントごとに 16 文字以上のランダムなパスワードを設定する。",
		}, refBestPractices)
}

// RuleConfigUnderstood reports lines the importer did not understand:
// what they configure was not judged.
func RuleConfigUnderstood() netdevsec.Rule {
	return rule("pbx.config.understood", netdevsec.SeverityInfo, []netdevsec.ClauseID{"CIAJ-2.3-0"},
		netdevsec.Text{EN: "PBX configuration fully read", JA: "PBX の設定をすべて読み取れた"},
		netdevsec.Text{
			EN: "Lines the importer could not understand, and includes it could not follow, were not judged; their effect on the other findings is unknown.",
			JA: "取り込めなかった行や追跡できなかった include は判定されておらず、他の判定への影響は不明である。",
		},
		netdevsec.Text{
			EN: "Check the lines listed; fix typos and missing include files.",
			JA: "示された行を確認し、誤記や存在しない include ファイルを修正する。",
		})
}

// RuleCDREnabled fails when call records are not written.
func RuleCDREnabled() netdevsec.Rule {
	return rule("pbx.cdr.enabled", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-2.3-0"},
		netdevsec.Text{EN: "Call records (CDR) written", JA: "通話履歴（CDR）を記録している"},
		netdevsec.Text{
			EN: "Reviewing call records reveals international calls and calls from rarely used terminals; without them toll fraud is found only on the bill.",
			JA: "通話履歴を確認すれば国際電話やめったに使われない端末からの発信が分かる。記録がなければ不正発信は請求書で初めて判明する。",
		},
		netdevsec.Text{
			EN: "Enable CDRs (cdr.conf enable=yes with a backend such as cdr_csv; unanswered=yes to keep failed attempts) and review them.",
			JA: "CDR を有効にし（cdr.conf の enable=yes と cdr_csv などのバックエンド、失敗した試行も残す unanswered=yes）、定期的に確認する。",
		})
}

// Rules returns the metadata of every config rule of this package (the
// CDR rules are in package cdr, the live-probe rules in [ProbeRules]).
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleFirewall(), RuleManagementExposure(), RuleEndpointACL(), RuleCarrierBlocking(),
		RuleInternational(), RuleRelay(), RuleDISA(), RuleInjection(),
		RuleGuest(), RuleInsecureInvite(), RuleAutoCreatePeer(), RuleAuthReject(),
		RuleAuthRequired(), RuleTrivialSecret(), RuleConfigUnderstood(), RuleCDREnabled(),
	}
}
