package pbx

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/cdr"
	"github.com/netdevsec/netdevsec/probe/sip"
)

var refSIPVicious = netdevsec.Reference{Name: "SIPVicious OSS 0.3 (svmap, svwar)", URL: "https://github.com/EnableSecurity/sipvicious"}

// RuleProbeRegister fails when a registrar accepts a REGISTER of a
// random user without credentials.
func RuleProbeRegister() netdevsec.Rule {
	return rule("pbx.sip.register-unauthenticated", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "Registration requires authentication (live)", JA: "登録に認証が必要である（実機）"},
		netdevsec.Text{
			EN: "A REGISTER for a random, non-existent user sent without credentials must be challenged (401/407) or refused; a 2xx means anyone can register as any extension and receive or place its calls.",
			JA: "認証情報なしで送った存在しないランダムなユーザの REGISTER は、認証要求（401/407）か拒否でなければならない。2xx は誰でも任意の内線として登録し発着信できることを意味する。",
		},
		netdevsec.Text{
			EN: "Require digest authentication for every REGISTER (chan_sip autocreatepeer=no, PJSIP auth= on every endpoint, kamailio www_authorize/pv_www_authenticate).",
			JA: "すべての REGISTER にダイジェスト認証を要求する（chan_sip の autocreatepeer=no、PJSIP の全エンドポイントに auth=、kamailio の www_authorize/pv_www_authenticate）。",
		}, refSIPVicious)
}

// RuleProbeInvite fails when an INVITE without credentials to an
// external number is routed instead of challenged or refused.
func RuleProbeInvite() netdevsec.Rule {
	return rule("pbx.sip.invite-unauthenticated", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-2.3-5", "CIAJ-2.4-1", "CIAJ-2.4-2"},
		netdevsec.Text{EN: "Calls without credentials challenged or refused (live)", JA: "認証情報のない発信が認証要求または拒否される（実機）"},
		netdevsec.Text{
			EN: "An INVITE without credentials to an external-looking number must get 401/407 or a refusal (403, 404, 484, 488, 603). Ringing, an answer or a busy/unavailable answer means the PBX routed a call from an unauthenticated stranger.",
			JA: "認証情報のない外部番号宛て INVITE には 401/407 か拒否（403、404、484、488、603）を返さなければならない。呼出中・応答・話中・不在の応答は、認証されていない第三者の呼を PBX が転送したことを示す。",
		},
		netdevsec.Text{
			EN: "Challenge every INVITE from outside the trunks' addresses; send guests to a context that only reaches internal extensions, or refuse them.",
			JA: "トランクのアドレス以外からのすべての INVITE に認証を要求する。ゲストは内線にしか到達しないコンテキストに入れるか、拒否する。",
		}, refSIPVicious)
}

// RuleProbeEnumeration fails when a known and an unknown user get
// different answers.
func RuleProbeEnumeration() netdevsec.Rule {
	return rule("pbx.sip.enumeration", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-2.3-5"},
		netdevsec.Text{EN: "Existing users cannot be told from unknown ones (live)", JA: "既存ユーザと未知のユーザを応答で区別できない（実機）"},
		netdevsec.Text{
			EN: "When an existing extension is challenged (401) and a random one refused (404/403), scanners such as svwar list the valid extensions before guessing their secrets.",
			JA: "既存の内線には認証要求（401）、ランダムな内線には拒否（404/403）を返すと、svwar などのスキャナが有効な内線を列挙してからパスワードを推測できる。",
		},
		netdevsec.Text{
			EN: "Answer unknown users exactly like wrong passwords (chan_sip alwaysauthreject=yes; challenge every REGISTER).",
			JA: "未知のユーザにもパスワード誤りと同じ応答を返す（chan_sip の alwaysauthreject=yes、すべての REGISTER に認証要求）。",
		}, refSIPVicious)
}

// RuleProbeBanner fails when the SIP service announces its software
// version.
func RuleProbeBanner() netdevsec.Rule {
	return rule("pbx.sip.banner", netdevsec.SeverityLow, []netdevsec.ClauseID{"CIAJ-2.3-1"},
		netdevsec.Text{EN: "SIP banner does not reveal the version (live)", JA: "SIP のバナーがバージョンを明かさない（実機）"},
		netdevsec.Text{
			EN: "Server and User-Agent headers with product and version (\"Asterisk PBX 18.9.0\") tell scanners which vulnerabilities to try.",
			JA: "製品名とバージョンを含む Server / User-Agent ヘッダ（「Asterisk PBX 18.9.0」など）は、試すべき脆弱性をスキャナに教える。",
		},
		netdevsec.Text{
			EN: "Set a neutral useragent/server header (sip.conf useragent=, pjsip user_agent=, kamailio server_header).",
			JA: "中立的な useragent/server ヘッダを設定する（sip.conf の useragent=、pjsip の user_agent=、kamailio の server_header）。",
		})
}

// ProbeRules returns the metadata of the live-probe rules.
func ProbeRules() []netdevsec.Rule {
	return []netdevsec.Rule{RuleProbeRegister(), RuleProbeInvite(), RuleProbeEnumeration(), RuleProbeBanner()}
}

var versionLike = regexp.MustCompile(`\d+\.\d+`)

// CheckProbe judges what the live SIP probe observed.
func CheckProbe(device string, res *sip.Result) []netdevsec.Finding {
	target := netdevsec.E("target", res.Target+"/"+res.Transport)
	var out []netdevsec.Finding

	reg := RuleProbeRegister()
	ru := res.RegisterUnknown
	ev := []netdevsec.Evidence{target, netdevsec.E("user", ru.User), netdevsec.E("status", ru.Status)}
	switch {
	case ru.Status == 0:
		out = append(out, reg.Unknown(device, "REGISTER got no answer: "+ru.Err, target))
	case ru.Status/100 == 2:
		out = append(out, reg.Fail(device, fmt.Sprintf("REGISTER of random user %s without credentials was accepted (%d)", ru.User, ru.Status), ev...))
	case ru.Status == 401 || ru.Status == 407:
		if ru.Challenged {
			out = append(out, reg.Pass(device, fmt.Sprintf("REGISTER without credentials was challenged (%d)", ru.Status), ev...))
		} else {
			out = append(out, reg.Unknown(device, fmt.Sprintf("REGISTER got %d without a digest challenge", ru.Status), ev...))
		}
	case ru.Status >= 400:
		out = append(out, reg.Pass(device, fmt.Sprintf("REGISTER without credentials was refused (%d)", ru.Status), ev...))
	default:
		out = append(out, reg.Unknown(device, fmt.Sprintf("REGISTER got %d", ru.Status), ev...))
	}

	inv := RuleProbeInvite()
	if ie := res.InviteExternal; ie == nil {
		out = append(out, inv.Unknown(device, "INVITE not sent", target))
	} else {
		ev := []netdevsec.Evidence{target, netdevsec.E("number", ie.User), netdevsec.E("status", ie.Status)}
		if ie.ProvisionalStatus != 0 {
			ev = append(ev, netdevsec.E("provisional", ie.ProvisionalStatus))
		}
		switch {
		case ie.ProvisionalStatus >= 180 || ie.Status/100 == 2 || ie.Status/100 == 3:
			code := ie.Status
			if code == 0 || ie.ProvisionalStatus >= 180 {
				code = ie.ProvisionalStatus
			}
			out = append(out, inv.Fail(device, fmt.Sprintf("INVITE to %s without credentials was routed (%d)", ie.User, code), ev...))
		case ie.Status == 401 || ie.Status == 407:
			out = append(out, inv.Pass(device, fmt.Sprintf("INVITE without credentials was challenged (%d)", ie.Status), ev...))
		case ie.Status == 480 || ie.Status == 486 || ie.Status == 487:
			out = append(out, inv.Fail(device, fmt.Sprintf("INVITE to %s without credentials was routed to a destination (%d)", ie.User, ie.Status), ev...))
		case ie.Status >= 400 && ie.Status < 500, ie.Status == 603:
			out = append(out, inv.Pass(device, fmt.Sprintf("INVITE without credentials was refused (%d)", ie.Status), ev...))
		case ie.Status == 0:
			out = append(out, inv.Unknown(device, "INVITE got no final answer: "+ie.Err, ev...))
		default:
			out = append(out, inv.Unknown(device, fmt.Sprintf("INVITE got %d: cannot tell whether it was routed", ie.Status), ev...))
		}
	}

	enum := RuleProbeEnumeration()
	switch rk := res.RegisterKnown; {
	case rk == nil:
		out = append(out, enum.Unknown(device, "no known user given to compare with", target))
	case rk.Status == 0 || ru.Status == 0:
		out = append(out, enum.Unknown(device, "a REGISTER got no answer", target))
	case rk.Status != ru.Status || rk.Challenged != ru.Challenged:
		out = append(out, enum.Fail(device, fmt.Sprintf("known user %s gets %d, random user gets %d: extensions can be enumerated", rk.User, rk.Status, ru.Status),
			target, netdevsec.E("known_status", rk.Status), netdevsec.E("unknown_status", ru.Status)))
	default:
		out = append(out, enum.Pass(device, fmt.Sprintf("known and random users get the same answer (%d)", ru.Status), target))
	}

	ban := RuleProbeBanner()
	switch b := res.Banner; {
	case res.Options.Status == 0:
		out = append(out, ban.Unknown(device, "OPTIONS got no answer", target))
	case versionLike.MatchString(b):
		out = append(out, ban.Fail(device, "the SIP service announces its version: "+b, target, netdevsec.E("banner", b), netdevsec.E("allow", strings.Join(res.Allow, ","))))
	default:
		out = append(out, ban.Pass(device, "the SIP banner names no version", target, netdevsec.E("banner", b), netdevsec.E("allow", strings.Join(res.Allow, ","))))
	}
	return out
}

// AllRules returns every rule this package and its subpackages report:
// the config rules, the CDR rules (package cdr) and the live-probe rules.
func AllRules() []netdevsec.Rule {
	return append(append(Rules(), cdr.Rules()...), ProbeRules()...)
}
