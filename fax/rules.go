package fax

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// References of the fax rules.
var (
	refT30     = netdevsec.Reference{Name: "ITU-T T.30 (procedures for document facsimile transmission)", URL: "https://www.itu.int/rec/T-REC-T.30"}
	refE164    = netdevsec.Reference{Name: "ITU-T E.164 (international public telecommunication numbering plan)", URL: "https://www.itu.int/rec/T-REC-E.164"}
	refFASEC   = netdevsec.Reference{Name: "CIAJ business facsimile security guideline (FASEC)"}
	refHylaFAX = netdevsec.Reference{Name: "HylaFAX hylafax-config(5), hosts.hfaxd(5), hfaxd(8), tsi(5), xferfaxlog(5)", URL: "https://hylafax.sourceforge.io/"}
)

func t(en, ja string) netdevsec.Text { return netdevsec.Text{EN: en, JA: ja} }

func clauses(ids ...netdevsec.ClauseID) []netdevsec.ClauseID { return ids }

// RuleDoubleEntry fails when manually keyed destinations are sent without
// a second, matching entry.
func RuleDoubleEntry() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.send.double-entry", Severity: netdevsec.SeverityHigh,
		Clauses: clauses("CIAJ-4.3-1", "CIAJ-4.4-1"),
		Title:   t("Keyed destinations are entered twice", "手入力の宛先を 2 回入力させる"),
		Description: t("A single mis-keyed digit sends the document to a stranger. The guideline's countermeasure is to enter the number twice and send only when both entries match.",
			"1 桁の押し間違いで文書が無関係の相手に届く。ガイドラインの対策は、番号を 2 回入力させ、両方が一致したときだけ送信することである。"),
		Remediation: t("Enable destination re-entry (\"confirm entered number\", \"宛先確認入力\") for manual dialling on the device; in software, call fax.ConfirmDestination before dialling.",
			"機器で手入力ダイヤル時の宛先再入力（宛先確認入力）を有効にする。ソフトウェアではダイヤル前に fax.ConfirmDestination で 2 つの入力を照合する。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleBroadcastConfirm fails when broadcast destinations are sent without
// being confirmed.
func RuleBroadcastConfirm() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.send.broadcast-confirm", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-1"),
		Title:   t("Broadcast destinations are confirmed before sending", "同報送信の宛先を送信前に確認させる"),
		Description: t("A broadcast multiplies a wrong entry: one wrong address-book group or number sends the document to many wrong places at once.",
			"同報送信は誤りを増幅する。誤ったグループや番号が 1 つあれば、文書が一度に多数の誤った宛先に届く。"),
		Remediation: t("Enable the confirmation screen for broadcast (multi-destination) sends, listing every destination before the send starts.",
			"同報（複数宛先）送信時に、全宛先を一覧表示して確認させる設定を有効にする。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleDirectDial fails when destinations may be keyed freely instead of
// chosen from the address book.
func RuleDirectDial() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.send.direct-dial", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-1"),
		Title:   t("Direct dialling restricted to the address book", "直接ダイヤルをアドレス帳に限定する"),
		Description: t("Numbers chosen from a reviewed address book cannot be mis-keyed; free keypad entry is where misdirected faxes come from.",
			"確認済みのアドレス帳から選んだ番号は押し間違えようがない。誤送信はテンキーからの自由入力で起きる。"),
		Remediation: t("Restrict destinations to the address book (\"restrict direct entry\", \"宛先の直接入力を禁止\"), and register frequently used numbers there after checking them.",
			"宛先をアドレス帳からの選択に限定し（宛先の直接入力禁止）、よく使う番号は確認したうえでアドレス帳に登録する。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleRemoteIDCheck fails when the remote CSI is not compared with the
// dialled number before page data is sent.
func RuleRemoteIDCheck() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.send.remote-id-check", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-2"),
		Title:   t("Remote identity checked before sending", "送信前に相手先の識別情報を確認する"),
		Description: t("On analog lines a call can reach the wrong machine (misconnection, a changed number). The called machine's CSI arrives before the page data (T.30 phase B): comparing it with the dialled number stops the send before anything leaks.",
			"アナログ回線では呼が別の機器につながることがある（誤接続、番号の変更）。相手機の CSI は画像データより前（T.30 フェーズ B）に届くため、ダイヤル番号と照合すれば情報が漏れる前に送信を止められる。"),
		Remediation: t("Enable the remote-ID (CSI/FID) check that aborts the send when the called machine's identity does not match the dialled number; in software, use fax.MatchRemoteID.",
			"相手機の識別情報（CSI/FID）がダイヤル番号と一致しないときに送信を中止する機能を有効にする。ソフトウェアでは fax.MatchRemoteID を使う。"),
		References: []netdevsec.Reference{refT30, refFASEC},
	}
}

// RuleLocalIdentity fails when the machine's own TSI/CSI is missing or not
// a valid T.30 identity, so the far end cannot check it.
func RuleLocalIdentity() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.identity.local", Severity: netdevsec.SeverityLow,
		Clauses: clauses("CIAJ-4.3-2"),
		Title:   t("Own fax identity (TSI/CSI) is a valid number", "自機の識別情報（TSI/CSI）が正しい番号である"),
		Description: t("Remote-ID checks on other machines compare the identity this machine sends with the number they dialled. An empty identity, a name or a value outside T.30's 20 characters of digits, \"+\" and space defeats them.",
			"相手機の識別情報チェックは、こちらが送る識別情報とダイヤル番号を照合する。識別情報が空、名前、または T.30 の規定（数字・「+」・空白の 20 文字以内）に反すると照合できない。"),
		Remediation: t("Set the local identity to the machine's own number in international form, e.g. \"+81 3 1234 5678\" (HylaFAX LocalIdentifier).",
			"自機の識別情報を国際形式の自局番号（例: 「+81 3 1234 5678」）に設定する（HylaFAX では LocalIdentifier）。"),
		References: []netdevsec.Reference{refT30, refE164},
	}
}

// RuleMemoryReceive fails when received documents are printed straight to
// a shared tray.
func RuleMemoryReceive() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.receive.memory", Severity: netdevsec.SeverityHigh,
		Clauses: clauses("CIAJ-4.3-3", "CIAJ-4.4-2"),
		Title:   t("Received documents are not left in the tray", "受信文書をトレイに放置させない"),
		Description: t("A received fax printed to a shared tray can be read or taken by anyone passing by. Memory (confidential, locked) receive keeps it until the addressee prints it; routing delivers it to the addressee.",
			"共用トレイに印刷された受信文書は、通りがかった誰でも読めるし持ち去れる。メモリ受信（親展・ロック受信）は宛先本人が印刷操作するまで保持し、転送（ルーティング）は本人に届ける。"),
		Remediation: t("Enable memory (locked/confidential) receive with printing on the user's operation, or route received faxes to per-user inboxes, and turn automatic printing off.",
			"メモリ受信（ロック・親展受信）と利用者操作による印刷を有効にするか、受信文書を利用者ごとの受信箱に転送し、自動印刷を止める。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleFCodeMailboxes fails when no F-code mailbox protects confidential
// receive, or a mailbox's SUB/SEP/PWD is invalid or missing.
func RuleFCodeMailboxes() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.receive.fcode", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.4-2", "CIAJ-4.3-3"),
		Title:   t("Confidential F-code mailboxes are valid and protected", "F コード親展ボックスが正しく設定され保護されている"),
		Description: t("F-code communication (T.30 SUB/SEP/PWD) stores a received document in a mailbox and prints it on the owner's operation. A box reachable with an invalid subaddress, or a confidential box without a password, does not do that.",
			"F コード通信（T.30 の SUB/SEP/PWD）は受信文書をボックスに蓄積し、持ち主の操作で印刷する。サブアドレスが不正なボックスや、パスワードのない親展ボックスではその効果がない。"),
		Remediation: t("Create confidential mailboxes with a subaddress (SUB) of digits, \"*\", \"#\" or space up to 20 characters, and set a password (PWD) on every confidential box.",
			"数字・「*」・「#」・空白の 20 文字以内のサブアドレス（SUB）で親展ボックスを作り、すべての親展ボックスにパスワード（PWD）を設定する。"),
		References: []netdevsec.Reference{refT30, refFASEC},
	}
}

// RuleReceivedFileMode fails when stored received faxes are readable by
// other local users.
func RuleReceivedFileMode() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.receive.file-mode", Severity: netdevsec.SeverityHigh,
		Clauses: clauses("CIAJ-4.3-3"),
		Title:   t("Received faxes are readable only by the fax service", "受信ファクスをファクスサービスだけが読める"),
		Description: t("On a fax server the receive queue is the tray: a received-file mode with group or other read bits (e.g. 0644) lets every local user read every received fax.",
			"ファクスサーバでは受信キューがトレイにあたる。受信ファイルのモードにグループやその他の読み取り権（例: 0644）があると、全ローカル利用者が全受信文書を読める。"),
		Remediation: t("Set the received-file mode to 0600 (HylaFAX RecvFileMode: 0600, the default) and deliver faxes to their addressees with FaxRcvdCmd/FaxDispatch.",
			"受信ファイルのモードを 0600 にし（HylaFAX の RecvFileMode: 0600、既定値）、FaxRcvdCmd/FaxDispatch で宛先本人に届ける。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// RulePublicReceiveList fails when every fax server client may list
// every received fax.
func RulePublicReceiveList() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.receive.public-list", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-3"),
		Title:   t("Receive queue not listed to every client", "受信キューを全クライアントに一覧させない"),
		Description: t("HylaFAX's hfaxd lists the whole receive queue to any client by default (PublicRecvQ true), so users see who sent what to whom.",
			"HylaFAX の hfaxd は既定で受信キュー全体を全クライアントに一覧させる（PublicRecvQ が true）。利用者は誰が誰に何を送ったかを見られる。"),
		Remediation: t("Set PublicRecvQ: false in hfaxd.conf so that listing follows the file modes and the client's uid.",
			"hfaxd.conf に PublicRecvQ: false を設定し、一覧をファイルモードとクライアントの uid に従わせる。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// RuleTransmissionReport fails when sends produce no result report.
func RuleTransmissionReport() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.report.transmission", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-4"),
		Title:   t("A result report confirms every send", "すべての送信を結果レポートで確認する"),
		Description: t("Without a transmission result report (or notification) the sender cannot tell that the document really arrived, nor notice that it went to the wrong number.",
			"送信結果レポート（または通知）がなければ、送信者は文書が本当に届いたかも、誤った番号に送ったことにも気づけない。"),
		Remediation: t("Enable the transmission result report for every send (with the remote identity and first page), or per-job notification (HylaFAX NotifyCmd, sendfax -R/-D).",
			"すべての送信で送信結果レポート（相手先識別情報と 1 ページ目つき）を出すか、ジョブごとの通知（HylaFAX の NotifyCmd、sendfax -R/-D）を有効にする。"),
		References: []netdevsec.Reference{refFASEC, refHylaFAX},
	}
}

// RuleJournal fails when no transfer journal is kept.
func RuleJournal() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.report.journal", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-4"),
		Title:   t("An activity journal is kept and reviewed", "通信管理記録（ジャーナル）を残し確認する"),
		Description: t("The journal (HylaFAX xferfaxlog) lists every send with the dialled number, the remote identity and the result: it is how misdirected and failed sends are found afterwards.",
			"通信管理記録（HylaFAX の xferfaxlog）には、送信ごとにダイヤル番号、相手先識別情報、結果が残る。誤送信や送信失敗を後から見つける手段である。"),
		Remediation: t("Enable the activity journal (automatic journal printing or export) and review it; on HylaFAX keep etc/xferfaxlog and analyse it with `netdevsec fax audit --xferlog`.",
			"通信管理記録（自動出力またはエクスポート）を有効にして確認する。HylaFAX では etc/xferfaxlog を残し `netdevsec fax audit --xferlog` で分析する。"),
		References: []netdevsec.Reference{refFASEC, refHylaFAX},
	}
}

// RulePCFaxConfirm fails when PC-fax sends bypass destination
// confirmation.
func RulePCFaxConfirm() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.pcfax.confirm", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-1"),
		Title:   t("PC-fax sends confirm the destination", "PC-FAX 送信でも宛先を確認させる"),
		Description: t("A PC-fax driver or fax server client sends what was typed into a dialog: without re-entry or address-book-only destinations it bypasses the controls of the panel.",
			"PC-FAX ドライバやファクスサーバのクライアントは、ダイアログに入力された番号にそのまま送る。再入力やアドレス帳限定がなければ、操作パネル側の対策を迂回できる。"),
		Remediation: t("Enable destination confirmation (re-entry or address book only) in the PC-fax driver settings, or disable PC-fax where it is not needed.",
			"PC-FAX ドライバの設定で宛先確認（再入力またはアドレス帳限定）を有効にするか、不要なら PC-FAX を無効にする。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleSenderAllowList fails when faxes are accepted from any sender.
func RuleSenderAllowList() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.receive.sender-allow-list", Severity: netdevsec.SeverityLow,
		Clauses: clauses("CIAJ-4.3-2"),
		Title:   t("Faxes are received only from known senders", "既知の送信元からだけ受信する"),
		Description: t("Qualifying senders by TSI, caller ID or password turns away misconnected calls and junk faxes before they reach the tray.",
			"TSI、発信者番号、パスワードで送信元を確認すれば、誤接続の呼や迷惑ファクスをトレイに届く前に拒否できる。"),
		Remediation: t("Enable sender qualification: an allow-list of TSIs or caller numbers (HylaFAX QualifyTSI: etc/tsi with anchored ^…$ patterns, QualifyPWD), and reject calls without caller ID where possible.",
			"送信元確認を有効にする。TSI や発信者番号の許可リスト（HylaFAX では QualifyTSI: etc/tsi に ^…$ で固定したパターン、QualifyPWD）を設定し、可能なら非通知の呼を拒否する。"),
		References: []netdevsec.Reference{refT30, refHylaFAX},
	}
}

// RuleClientPassword fails for a fax server client entry that gives access
// without a password.
func RuleClientPassword() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.client.password", Severity: netdevsec.SeverityHigh,
		Clauses: clauses("CIAJ-4.3-3", "CIAJ-4.3-1"),
		Title:   t("Fax server clients log in with a password", "ファクスサーバのクライアントはパスワードでログインする"),
		Description: t("An access entry without a password (HylaFAX hosts.hfaxd \"client:uid::\") lets anyone matching it read the receive queue and send faxes in the organisation's name. The Debian default entry is \"localhost:21::\".",
			"パスワードのないアクセス設定（HylaFAX hosts.hfaxd の「client:uid::」）では、該当する誰もが受信キューを読み、組織の名前でファクスを送れる。Debian の既定値は「localhost:21::」である。"),
		Remediation: t("Give every allowing entry a password (faxadduser -p), or use PAM authentication; remove entries that are not needed.",
			"許可するすべてのエントリにパスワードを設定する（faxadduser -p）か PAM 認証を使い、不要なエントリは削除する。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// RuleClientPatternAnchored fails for a client pattern that may match
// unintended users or hosts.
func RuleClientPatternAnchored() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.client.pattern-anchored", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-3"),
		Title:   t("Client patterns are anchored", "クライアントのパターンが前後とも固定されている"),
		Description: t("hosts.hfaxd patterns are unanchored regular expressions on \"user@host\": \"pb@.*\\.example\\.jp\" also matches \"xpb@host.example.jp.attacker.net\".",
			"hosts.hfaxd のパターンは「user@host」に対する前後を固定しない正規表現である。「pb@.*\\.example\\.jp」は「xpb@host.example.jp.attacker.net」にも一致する。"),
		Remediation: t("Anchor every pattern that contains \"@\" with ^ and $ (e.g. ^pb@pc1\\.example\\.jp$); a pattern without \"@\" is anchored by hfaxd itself.",
			"「@」を含むすべてのパターンを ^ と $ で固定する（例: ^pb@pc1\\.example\\.jp$）。「@」のないパターンは hfaxd が自動的に固定する。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// RuleInputUnparsed reports configuration or log lines an importer did not
// understand: settings it could not judge.
func RuleInputUnparsed() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.input.unparsed", Severity: netdevsec.SeverityInfo,
		Clauses: clauses("CIAJ-4.3-1", "CIAJ-4.3-2", "CIAJ-4.3-3", "CIAJ-4.3-4"),
		Title:   t("Configuration and log lines not understood", "解釈できなかった設定行・ログ行"),
		Description: t("A line the importer did not understand may hold a setting or a transfer the fax rules would judge; the audit cannot vouch for it.",
			"インポータが解釈できなかった行には、ファクスのルールが判定すべき設定や通信記録が含まれているかもしれない。監査はその行を保証できない。"),
		Remediation: t("Check the line by hand: fix a typo in the key or a damaged log line, or report the format so that the importer learns it.",
			"その行を目で確認し、キーの誤記や壊れたログ行を直すか、インポータが解釈できるよう書式を報告する。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// Rules returns the metadata of every rule of this package, settings and
// transfer-log rules alike.
func Rules() []netdevsec.Rule {
	return append(SettingsRules(), LogRules()...)
}

// SettingsRules returns the rules [Check] applies to [Facts].
func SettingsRules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleDoubleEntry(), RuleBroadcastConfirm(), RuleDirectDial(), RuleRemoteIDCheck(),
		RuleLocalIdentity(), RuleMemoryReceive(), RuleFCodeMailboxes(), RuleReceivedFileMode(),
		RulePublicReceiveList(), RuleTransmissionReport(), RuleJournal(), RulePCFaxConfirm(),
		RuleSenderAllowList(), RuleClientPassword(), RuleClientPatternAnchored(), RuleInputUnparsed(),
	}
}

// Check runs every settings rule over f for device. It is pure: no I/O,
// no clock (now is accepted for symmetry with the other domains).
func Check(device string, f Facts, now time.Time) []netdevsec.Finding {
	_ = now
	var out []netdevsec.Finding
	add := func(field string, fs ...netdevsec.Finding) {
		for _, x := range fs {
			if x.Location == nil {
				x.Location = f.loc(field)
			}
			out = append(out, x)
		}
	}
	add("double_entry", boolRule(RuleDoubleEntry(), device, f.DoubleEntry,
		"keyed destinations must be entered twice before sending",
		"a keyed destination is sent after a single entry", "double entry setting not recorded"))
	add("broadcast_confirm", boolRule(RuleBroadcastConfirm(), device, f.BroadcastConfirm,
		"broadcast destinations are confirmed before sending",
		"broadcast sends start without confirming the destinations", "broadcast confirmation setting not recorded"))
	add("direct_dial_restricted", boolRule(RuleDirectDial(), device, f.DirectDialRestricted,
		"destinations can only be chosen from the address book",
		"any number can be keyed directly on the panel", "direct dialling restriction not recorded"))
	add("remote_id_check", boolRule(RuleRemoteIDCheck(), device, f.RemoteIDCheck,
		"the remote identity is checked against the dialled number before sending",
		"pages are sent without checking the remote identity", "remote identity check not recorded"))
	add("local_identity", checkLocalIdentity(device, f))
	add("memory_receive", checkMemoryReceive(device, f))
	add("mailboxes", checkMailboxes(device, f)...)
	add("received_file_mode", checkFileMode(device, f))
	add("public_receive_list", boolRule(RulePublicReceiveList(), device, not(f.PublicReceiveList),
		"received faxes are listed only to clients allowed to read them",
		"every client can list every received fax (PublicRecvQ)", "receive queue listing not recorded"))
	add("transmission_report", boolRule(RuleTransmissionReport(), device, f.TransmissionReport,
		"every send produces a result report or notification",
		"sends produce no result report", "transmission report setting not recorded"))
	add("journal", boolRule(RuleJournal(), device, f.Journal,
		"an activity journal is kept", "no activity journal is kept", "journal setting not recorded"))
	add("pc_fax", checkPCFax(device, f))
	add("sender_allow_list", boolRule(RuleSenderAllowList(), device, f.SenderAllowList,
		"faxes are received only from qualified senders",
		"faxes are accepted from any sender", "sender qualification not recorded"))
	add("clients", checkClients(device, f)...)
	return out
}

func not(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := !*b
	return &v
}

func boolRule(r netdevsec.Rule, device string, v *bool, pass, fail, unknown string) netdevsec.Finding {
	switch {
	case v == nil:
		return r.Unknown(device, unknown)
	case *v:
		return r.Pass(device, pass)
	}
	return r.Fail(device, fail)
}

func checkLocalIdentity(device string, f Facts) netdevsec.Finding {
	r := RuleLocalIdentity()
	if f.LocalIdentity == "" {
		return r.Unknown(device, "local identity (TSI/CSI) not recorded")
	}
	ev := netdevsec.E("local_identity", f.LocalIdentity)
	if err := ValidateIdentity("local identity", f.LocalIdentity); err != nil {
		return r.Fail(device, err.Error(), ev)
	}
	if onlyDigits(f.LocalIdentity) == "" || placeholder(onlyDigits(f.LocalIdentity)) {
		return r.Fail(device, "local identity is not a telephone number", ev)
	}
	return r.Pass(device, "local identity is a valid T.30 identity", ev)
}

func checkMemoryReceive(device string, f Facts) netdevsec.Finding {
	r := RuleMemoryReceive()
	switch {
	case isTrue(f.MemoryReceive):
		return r.Pass(device, "received documents are held in memory until a user prints them")
	case isTrue(f.Routing):
		return r.Pass(device, "received documents are routed to their addressees")
	case f.AutoPrint != nil && !*f.AutoPrint:
		return r.Pass(device, "received documents are not printed automatically")
	case isTrue(f.AutoPrint):
		return r.Fail(device, "received documents are printed to the tray as they arrive")
	case f.MemoryReceive != nil && f.Routing != nil:
		return r.Fail(device, "neither memory receive nor routing is enabled")
	}
	return r.Unknown(device, "handling of received documents not recorded")
}

func isTrue(b *bool) bool { return b != nil && *b }

func checkMailboxes(device string, f Facts) []netdevsec.Finding {
	r := RuleFCodeMailboxes()
	if len(f.Mailboxes) == 0 {
		switch {
		case !f.MailboxesKnown:
			return []netdevsec.Finding{r.Unknown(device, "F-code mailboxes not recorded")}
		case isTrue(f.Routing):
			return []netdevsec.Finding{r.NotApplicable(device, "no F-code mailbox, but received documents are routed to their addressees")}
		}
		return []netdevsec.Finding{r.Fail(device, "no F-code mailbox: confidential documents land with everything else")}
	}
	var out []netdevsec.Finding
	bad := 0
	for _, m := range f.Mailboxes {
		var problems []string
		if m.SUB == "" && m.SEP == "" {
			problems = append(problems, "no subaddress (SUB) or polling address (SEP)")
		}
		if m.SUB != "" {
			if err := ValidateFCode(SUB, m.SUB); err != nil {
				problems = append(problems, err.Error())
			}
		}
		if m.SEP != "" {
			if err := ValidateFCode(SEP, m.SEP); err != nil {
				problems = append(problems, err.Error())
			}
		}
		if !m.Password.IsZero() {
			if err := ValidateFCode(PWD, m.Password.Reveal()); err != nil {
				problems = append(problems, err.Error())
			}
		}
		hasPW := !m.Password.IsZero() || isTrue(m.HasPassword)
		if (m.Kind == "confidential" || m.Kind == "") && !hasPW && m.HasPassword != nil {
			problems = append(problems, "confidential box without password (PWD)")
		}
		ev := []netdevsec.Evidence{netdevsec.E("mailbox", m.Name)}
		if m.SUB != "" {
			ev = append(ev, netdevsec.E("sub", m.SUB))
		}
		if len(problems) > 0 {
			bad++
			x := r.Fail(device, fmt.Sprintf("mailbox %q: %s", m.Name, strings.Join(problems, "; ")), ev...)
			x.Location = m.Location
			out = append(out, x)
		}
	}
	if bad == 0 {
		out = append(out, r.Pass(device, fmt.Sprintf("%d F-code mailbox(es) with valid addresses", len(f.Mailboxes))))
	}
	return out
}

func checkFileMode(device string, f Facts) netdevsec.Finding {
	r := RuleReceivedFileMode()
	if f.ReceivedFileMode == "" {
		return r.Unknown(device, "received-file mode not recorded")
	}
	ev := netdevsec.E("received_file_mode", f.ReceivedFileMode)
	m, err := strconv.ParseUint(f.ReceivedFileMode, 8, 32)
	if err != nil {
		return r.Unknown(device, fmt.Sprintf("received-file mode %q is not an octal mode", f.ReceivedFileMode), ev)
	}
	if m&0o077 != 0 {
		return r.Fail(device, fmt.Sprintf("received faxes are created with mode %04o: group or other users can access them", m), ev)
	}
	return r.Pass(device, fmt.Sprintf("received faxes are created with mode %04o", m), ev)
}

func checkPCFax(device string, f Facts) netdevsec.Finding {
	r := RulePCFaxConfirm()
	switch {
	case f.PCFax == nil:
		return r.Unknown(device, "PC-fax setting not recorded")
	case !*f.PCFax:
		return r.NotApplicable(device, "PC-fax is disabled")
	case isTrue(f.PCFaxConfirm):
		return r.Pass(device, "PC-fax sends confirm the destination")
	case f.PCFaxConfirm == nil:
		return r.Unknown(device, "PC-fax is enabled; destination confirmation for it not recorded")
	}
	return r.Fail(device, "PC-fax sends go out without destination confirmation")
}

func checkClients(device string, f Facts) []netdevsec.Finding {
	pw, anc := RuleClientPassword(), RuleClientPatternAnchored()
	if f.Clients == nil {
		return []netdevsec.Finding{
			pw.NotApplicable(device, "no fax server client access recorded"),
			anc.NotApplicable(device, "no fax server client access recorded"),
		}
	}
	var out []netdevsec.Finding
	badPW, badAnc := 0, 0
	for _, c := range f.Clients {
		ev := netdevsec.E("pattern", c.Pattern)
		if !c.Deny && !c.Password {
			badPW++
			x := pw.Fail(device, fmt.Sprintf("client entry %q gives access without a password", c.Pattern), ev)
			x.Location = c.Location
			out = append(out, x)
		}
		// A deny entry that matches more than intended only denies more.
		if !c.Anchored && !c.Deny {
			badAnc++
			x := anc.Fail(device, fmt.Sprintf("client pattern %q is not anchored: it allows any user@host that contains it", c.Pattern), ev)
			x.Location = c.Location
			out = append(out, x)
		}
	}
	if badPW == 0 {
		out = append(out, pw.Pass(device, fmt.Sprintf("all %d client entries require a password or deny", len(f.Clients))))
	}
	if badAnc == 0 {
		out = append(out, anc.Pass(device, fmt.Sprintf("all %d client patterns are anchored", len(f.Clients))))
	}
	return out
}
