package logging

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// Policy is the organisation's logging policy the rules judge facts
// against. The zero value is the documented default; a nil *Policy is the
// zero value.
type Policy struct {
	// MinBufferBytes is the smallest acceptable local log buffer; 0 means
	// 64000 bytes (CIS Cisco IOS benchmark "logging buffered 64000").
	MinBufferBytes int
	// MinNTPServers is how many time sources are needed; 0 means 2
	// (DISA STIG: at least two NTP sources).
	MinNTPServers int
	// MinRemoteHosts is how many log servers are needed; 0 means 1 (CIS;
	// the STIG asks for 2).
	MinRemoteHosts int
	// RequiredEvents are the event classes that must be recorded; nil
	// means auth-success, auth-failure, config-change, time-change and
	// update (NDcPP FAU_GEN.1).
	RequiredEvents []string
	// AllowDebug accepts a debug log level (e.g. on a lab device).
	AllowDebug bool
	// ReviewEvery is the longest acceptable time since the last log
	// review; 0 means 7 days (NIST SP 800-92 Table 5-1, low impact:
	// analyse every 1–7 days).
	ReviewEvery time.Duration
	// BackupEvery is the longest acceptable time since logs were last
	// copied off the device when nothing forwards them continuously; 0
	// means 24 hours (NIST SP 800-92 Table 5-1, low impact: transfer
	// every 3–24 hours).
	BackupEvery time.Duration
}

// Default policy values, used where a Policy field is zero.
const (
	DefaultMinBufferBytes = 64000
	DefaultMinNTPServers  = 2
	DefaultMinRemoteHosts = 1
	DefaultReviewEvery    = 7 * 24 * time.Hour
	DefaultBackupEvery    = 24 * time.Hour
)

// DefaultRequiredEvents returns the event classes a device must record
// when Policy.RequiredEvents is nil.
func DefaultRequiredEvents() []string {
	return []string{EventAuthSuccess, EventAuthFailure, EventConfigChange, EventTimeChange, EventUpdate}
}

func (p *Policy) orDefault() Policy {
	var q Policy
	if p != nil {
		q = *p
	}
	if q.MinBufferBytes <= 0 {
		q.MinBufferBytes = DefaultMinBufferBytes
	}
	if q.MinNTPServers <= 0 {
		q.MinNTPServers = DefaultMinNTPServers
	}
	if q.MinRemoteHosts <= 0 {
		q.MinRemoteHosts = DefaultMinRemoteHosts
	}
	if q.RequiredEvents == nil {
		q.RequiredEvents = DefaultRequiredEvents()
	}
	if q.ReviewEvery <= 0 {
		q.ReviewEvery = DefaultReviewEvery
	}
	if q.BackupEvery <= 0 {
		q.BackupEvery = DefaultBackupEvery
	}
	return q
}

func rule(id string, sev netdevsec.Severity, clauses []netdevsec.ClauseID, title, desc, rem netdevsec.Text, refs ...string) netdevsec.Rule {
	r := netdevsec.Rule{ID: id, Severity: sev, Clauses: clauses, Title: title, Description: desc, Remediation: rem}
	for _, n := range refs {
		r.References = append(r.References, netdevsec.Reference{Name: n})
	}
	return r
}

func clauses(ids ...netdevsec.ClauseID) []netdevsec.ClauseID { return ids }

// RuleCapabilities fails when the product cannot record, export, time-
// synchronise or erase its logs.
func RuleCapabilities() netdevsec.Rule {
	return rule("logging.capabilities", netdevsec.SeverityLow, clauses("CIAJ-1.4.1-0"),
		netdevsec.Text{EN: "Product can record, export, time-synchronise and erase logs", JA: "ログの記録・保存・時刻同期・消去ができる製品である"},
		netdevsec.Text{
			EN: "The guideline asks buyers to prefer equipment that can record, view and save logs, synchronise its clock and delete settings and logs (NDcPP v4.0 FAU_GEN.1, FAU_STG_EXT.1, FPT_STM_EXT.1).",
			JA: "ガイドラインは、ログの記録・閲覧・保存、時刻同期、設定とログの消去ができる機器を選ぶよう求めている（NDcPP v4.0 FAU_GEN.1、FAU_STG_EXT.1、FPT_STM_EXT.1）。",
		},
		netdevsec.Text{
			EN: "Replace equipment that lacks these functions at its next renewal, and record the capabilities in the inventory.",
			JA: "これらの機能を持たない機器は次回更新時に置き換え、機能の有無をインベントリに記録する。",
		}, "NDcPP v4.0 FAU_GEN.1", "NDcPP v4.0 FAU_STG_EXT.1")
}

// RuleEnabled fails when the device records no logs.
func RuleEnabled() netdevsec.Rule {
	return rule("logging.enabled", netdevsec.SeverityHigh, clauses("CIAJ-1.4.1-1"),
		netdevsec.Text{EN: "Logging enabled", JA: "ログ記録が有効"},
		netdevsec.Text{
			EN: "Factory settings may not record logs; without logs no review, incident analysis or evidence is possible (CIS Cisco IOS benchmark 2.2.1 \"logging on\"; NIST SP 800-92 §4).",
			JA: "工場出荷時の設定ではログを記録しない場合がある。ログがなければ確認も事故解析も証拠保全もできない（CIS Cisco IOS ベンチマーク 2.2.1 \"logging on\"、NIST SP 800-92 4 章）。",
		},
		netdevsec.Text{EN: "Turn log recording and saving on at installation.", JA: "設置時にログの記録と保存を有効にする。"},
		"CIS Cisco IOS Benchmark 2.2.1", "NIST SP 800-92")
}

// RuleLogTypes fails when either the security log or the operation log is
// not recorded.
func RuleLogTypes() netdevsec.Rule {
	return rule("logging.log-types", netdevsec.SeverityMedium, clauses("CIAJ-1.4.1-1"),
		netdevsec.Text{EN: "Security and operation logs recorded", JA: "セキュリティログと運用ログを記録している"},
		netdevsec.Text{
			EN: "The guideline distinguishes the security log (logins, configuration and privilege changes, filter drops) from the operation log (links, DHCP, wireless associations, calls); both are needed for the four review perspectives (NDcPP v4.0 FAU_GEN.1; NIST SP 800-92 §2.1).",
			JA: "ガイドラインはセキュリティログ（ログイン、設定・権限変更、フィルタ破棄）と運用ログ（回線、DHCP、無線接続、通話）を区別しており、4 つの確認観点には両方が必要である（NDcPP v4.0 FAU_GEN.1、NIST SP 800-92 2.1 節）。",
		},
		netdevsec.Text{EN: "Enable recording and saving of both the security log and the operation log.", JA: "セキュリティログと運用ログの両方の記録と保存を有効にする。"},
		"NDcPP v4.0 FAU_GEN.1", "NIST SP 800-92")
}

// RuleEvents fails when a required event class is not recorded.
func RuleEvents() netdevsec.Rule {
	return rule("logging.events", netdevsec.SeverityMedium, clauses("CIAJ-1.4.1-2"),
		netdevsec.Text{EN: "Needed events recorded", JA: "必要なイベントを記録している"},
		netdevsec.Text{
			EN: "Save the events needed for review: authentication success and failure, configuration changes, time changes and updates (NDcPP v4.0 FAU_GEN.1 Table 2: FIA_UIA_EXT.1, FMT_SMF.1, FPT_STM_EXT.1, FPT_TUD_EXT.1; CC Part 2 FAU_SEL.1).",
			JA: "確認に必要なイベント（認証の成功と失敗、設定変更、時刻変更、更新）を保存する（NDcPP v4.0 FAU_GEN.1 表 2：FIA_UIA_EXT.1、FMT_SMF.1、FPT_STM_EXT.1、FPT_TUD_EXT.1、CC Part 2 FAU_SEL.1）。",
		},
		netdevsec.Text{EN: "Enable logging of the missing event classes (e.g. Cisco \"login on-success log\", \"login on-failure log\", \"archive log config\").", JA: "不足しているイベントの記録を有効にする（例：Cisco の \"login on-success log\"、\"login on-failure log\"、\"archive log config\"）。"},
		"NDcPP v4.0 FAU_GEN.1", "CC Part 2 FAU_SEL.1")
}

// RuleLevel fails when debug-level logging is on in production.
func RuleLevel() netdevsec.Rule {
	return rule("logging.level", netdevsec.SeverityLow, clauses("CIAJ-1.4.1-2"),
		netdevsec.Text{EN: "No debug-level logging in production", JA: "運用環境でデバッグレベルのログを記録しない"},
		netdevsec.Text{
			EN: "Device resources are limited: debug logging fills the buffer, pushes out security events and may record secrets. Informational is the usual level (CIS Cisco IOS benchmark 2.2.5 \"logging trap informational\").",
			JA: "機器の資源は限られている。デバッグログはバッファを埋め、セキュリティイベントを押し出し、秘密情報を記録することもある。通常は informational とする（CIS Cisco IOS ベンチマーク 2.2.5 \"logging trap informational\"）。",
		},
		netdevsec.Text{EN: "Set the log level to informational (or notice) and turn debugging off.", JA: "ログレベルを informational（または notice）にし、デバッグを無効にする。"},
		"CIS Cisco IOS Benchmark 2.2.5")
}

// RuleBuffer fails when the local log buffer is smaller than the policy.
func RuleBuffer() netdevsec.Rule {
	return rule("logging.buffer", netdevsec.SeverityLow, clauses("CIAJ-1.4.1-2", "CIAJ-1.4.2-6"),
		netdevsec.Text{EN: "Local log buffer large enough", JA: "ローカルのログバッファが十分な大きさである"},
		netdevsec.Text{
			EN: "A small buffer overwrites records before they are reviewed or backed up. Default minimum 64000 bytes (CIS Cisco IOS benchmark 2.2.2 \"logging buffered 64000\"; NDcPP v4.0 FAU_STG_EXT.1.4).",
			JA: "バッファが小さいと確認やバックアップの前に記録が上書きされる。既定の最小値は 64000 バイト（CIS Cisco IOS ベンチマーク 2.2.2 \"logging buffered 64000\"、NDcPP v4.0 FAU_STG_EXT.1.4）。",
		},
		netdevsec.Text{EN: "Raise the local log buffer (e.g. \"logging buffered 64000\").", JA: "ローカルのログバッファを大きくする（例：\"logging buffered 64000\"）。"},
		"CIS Cisco IOS Benchmark 2.2.2", "NDcPP v4.0 FAU_STG_EXT.1.4")
}

// RuleTimestamp fails when log time stamps lack the date, the year or the
// time zone.
func RuleTimestamp() netdevsec.Rule {
	return rule("logging.timestamp", netdevsec.SeverityMedium, clauses("CIAJ-1.4.1-3"),
		netdevsec.Text{EN: "Log time stamps carry date, year and zone", JA: "ログの時刻に日付・年・タイムゾーンが含まれる"},
		netdevsec.Text{
			EN: "Records from several devices can only be correlated when each time stamp has a date with the year and a zone or UTC offset (NDcPP v4.0 FAU_GEN.1.2; CIS Cisco IOS benchmark 2.2.6 \"service timestamps log datetime\"; DISA STIG CISC-ND-000280).",
			JA: "複数機器の記録を突き合わせるには、各時刻に年を含む日付とタイムゾーンまたは UTC との差が必要である（NDcPP v4.0 FAU_GEN.1.2、CIS Cisco IOS ベンチマーク 2.2.6、DISA STIG CISC-ND-000280）。",
		},
		netdevsec.Text{EN: "Configure time stamps with date, year and zone (e.g. \"service timestamps log datetime msec localtime show-timezone year\") or send RFC 5424 messages.", JA: "日付・年・タイムゾーン付きの時刻を設定する（例：\"service timestamps log datetime msec localtime show-timezone year\"）か、RFC 5424 形式で送信する。"},
		"NDcPP v4.0 FAU_GEN.1.2", "CIS Cisco IOS Benchmark 2.2.6")
}

// RuleNTPConfigured fails when the device synchronises its clock with
// fewer NTP servers than the policy asks for.
func RuleNTPConfigured() netdevsec.Rule {
	return rule("logging.ntp.configured", netdevsec.SeverityMedium, clauses("CIAJ-1.4.1-3"),
		netdevsec.Text{EN: "Clock synchronised with NTP", JA: "NTP による時刻同期"},
		netdevsec.Text{
			EN: "Log review needs correct timestamps; the guideline asks that the device clock be synchronised with a public NTP service or the organisation's NTP server. At least two sources let a false one be noticed (NIST SP 800-92 §4.3, DISA STIG, NDcPP v4.0 FCS_NTP_EXT.1.4).",
			JA: "ログの確認には正しい時刻が必要である。ガイドラインは公開 NTP サービスまたは組織の NTP サーバとの時刻同期を求めている。2 つ以上の時刻源があれば誤った時刻源に気付ける（NIST SP 800-92 4.3 節、DISA STIG、NDcPP v4.0 FCS_NTP_EXT.1.4）。",
		},
		netdevsec.Text{
			EN: "Configure at least two NTP servers (the organisation's own, or a public service such as ntp.nict.jp) and enable synchronisation.",
			JA: "NTP サーバを 2 台以上（組織内のもの、または ntp.nict.jp などの公開サービス）設定し、時刻同期を有効にする。",
		}, "NIST SP 800-92", "RFC 5905", "NDcPP v4.0 FCS_NTP_EXT.1")
}

// RuleNTPAuthenticated fails when NTP is unauthenticated or keyed with
// MD5 or SHA-1.
func RuleNTPAuthenticated() netdevsec.Rule {
	return rule("logging.ntp.authenticated", netdevsec.SeverityMedium, clauses("CIAJ-1.4.1-3"),
		netdevsec.Text{EN: "NTP authenticated with a strong algorithm", JA: "NTP が強いアルゴリズムで認証されている"},
		netdevsec.Text{
			EN: "An unauthenticated time source can be spoofed to shift log times and expire certificates. NDcPP v4.0 FCS_NTP_EXT.1.2 asks for SHA-256 or stronger, AES-CMAC (RFC 8573) or NTS; MD5 and SHA-1 keys are flagged (CIS Cisco IOS benchmark 2.3.1).",
			JA: "認証のない時刻源は偽装され、ログの時刻をずらしたり証明書を失効させたりされ得る。NDcPP v4.0 FCS_NTP_EXT.1.2 は SHA-256 以上、AES-CMAC（RFC 8573）または NTS を求めており、MD5 と SHA-1 の鍵は指摘対象とする（CIS Cisco IOS ベンチマーク 2.3.1）。",
		},
		netdevsec.Text{EN: "Enable NTP authentication with SHA-256 or AES-CMAC keys, or NTS, on every server association.", JA: "すべての NTP サーバとの関連付けで SHA-256 または AES-CMAC の鍵、あるいは NTS による認証を有効にする。"},
		"NDcPP v4.0 FCS_NTP_EXT.1.2", "RFC 8573", "CIS Cisco IOS Benchmark 2.3.1")
}

// RuleNTPNoBroadcast fails when the device accepts broadcast or multicast
// NTP.
func RuleNTPNoBroadcast() netdevsec.Rule {
	return rule("logging.ntp.no-broadcast", netdevsec.SeverityLow, clauses("CIAJ-1.4.1-3"),
		netdevsec.Text{EN: "No broadcast or multicast NTP", JA: "ブロードキャスト・マルチキャスト NTP を受け付けない"},
		netdevsec.Text{
			EN: "Broadcast and multicast NTP let any host on the segment set the clock (NDcPP v4.0 FCS_NTP_EXT.1.3).",
			JA: "ブロードキャスト・マルチキャスト NTP では同じセグメントのどのホストでも時刻を設定できてしまう（NDcPP v4.0 FCS_NTP_EXT.1.3）。",
		},
		netdevsec.Text{EN: "Disable broadcast/multicast NTP client mode and use unicast servers.", JA: "ブロードキャスト・マルチキャストの NTP クライアントを無効にし、ユニキャストのサーバを使う。"},
		"NDcPP v4.0 FCS_NTP_EXT.1.3")
}

// RuleRemoteConfigured fails when logs are not forwarded to enough log
// servers.
func RuleRemoteConfigured() netdevsec.Rule {
	return rule("logging.remote.configured", netdevsec.SeverityMedium, clauses("CIAJ-1.4.2-6"),
		netdevsec.Text{EN: "Logs forwarded to a log server", JA: "ログをログサーバへ転送している"},
		netdevsec.Text{
			EN: "Device storage is limited; forwarding to a log server keeps records from being lost and from being erased by an intruder (CIS Cisco IOS benchmark 2.2.4 \"logging host\"; DISA STIG V-220139; NDcPP v4.0 FAU_STG_EXT.1.1).",
			JA: "機器の記憶領域は限られている。ログサーバへ転送すれば記録の消失や侵入者による消去を防げる（CIS Cisco IOS ベンチマーク 2.2.4 \"logging host\"、DISA STIG V-220139、NDcPP v4.0 FAU_STG_EXT.1.1）。",
		},
		netdevsec.Text{EN: "Configure at least one remote log server (two for redundancy).", JA: "リモートのログサーバを 1 台以上（冗長化には 2 台）設定する。"},
		"CIS Cisco IOS Benchmark 2.2.4", "NDcPP v4.0 FAU_STG_EXT.1.1", "DISA STIG V-220139")
}

// RuleRemoteReliable fails when every log destination uses UDP.
func RuleRemoteReliable() netdevsec.Rule {
	return rule("logging.remote.reliable", netdevsec.SeverityLow, clauses("CIAJ-1.4.2-6"),
		netdevsec.Text{EN: "Log forwarding not UDP-only", JA: "ログ転送が UDP のみではない"},
		netdevsec.Text{
			EN: "Syslog over UDP (RFC 5426) has no delivery guarantee: records are silently lost under load or when the server is down. TCP (RFC 6587) or TLS (RFC 5425) deliver or report failure.",
			JA: "UDP による syslog（RFC 5426）には到達保証がなく、負荷時やサーバ停止時に記録が黙って失われる。TCP（RFC 6587）や TLS（RFC 5425）なら配送されるか失敗が分かる。",
		},
		netdevsec.Text{EN: "Forward over TCP, preferably TLS (RFC 5425, port 6514).", JA: "TCP、できれば TLS（RFC 5425、6514 番ポート）で転送する。"},
		"RFC 5426", "RFC 6587", "RFC 5425")
}

// RuleRemoteEncrypted fails when no log destination is protected by TLS
// or IPsec.
func RuleRemoteEncrypted() netdevsec.Rule {
	return rule("logging.remote.encrypted", netdevsec.SeverityLow, clauses("CIAJ-1.4.2-6"),
		netdevsec.Text{EN: "Log forwarding protected by TLS", JA: "ログ転送が TLS で保護されている"},
		netdevsec.Text{
			EN: "Plain syslog can be read and forged on the way. NDcPP v4.0 FTP_ITC.1 asks for a protected channel to the audit server; RFC 5425 defines syslog over TLS.",
			JA: "平文の syslog は途中で盗聴・偽造され得る。NDcPP v4.0 FTP_ITC.1 は監査サーバへの保護された通信路を求めており、RFC 5425 が TLS 上の syslog を定めている。",
		},
		netdevsec.Text{EN: "Forward over TLS (RFC 5425) with server certificate verification, or through an IPsec tunnel.", JA: "サーバ証明書を検証する TLS（RFC 5425）か、IPsec トンネル経由で転送する。"},
		"RFC 5425", "NDcPP v4.0 FTP_ITC.1")
}

// RuleStorageFull fails when a full log store stops logging or silently
// overwrites records that are not forwarded.
func RuleStorageFull() netdevsec.Rule {
	return rule("logging.storage-full", netdevsec.SeverityLow, clauses("CIAJ-1.4.2-6"),
		netdevsec.Text{EN: "Defined behaviour when log storage is full", JA: "ログ領域が満杯のときの動作が定められている"},
		netdevsec.Text{
			EN: "When storage fills up, logging must neither stop nor silently lose records that were not backed up (NDcPP v4.0 FAU_STG_EXT.1.3 and .5; CC Part 2 FAU_STG.4; IEC 62443-3-3 SR 2.9/2.10).",
			JA: "記憶領域が満杯になっても、ログ記録が止まったり、バックアップされていない記録が黙って失われたりしてはならない（NDcPP v4.0 FAU_STG_EXT.1.3・.5、CC Part 2 FAU_STG.4、IEC 62443-3-3 SR 2.9/2.10）。",
		},
		netdevsec.Text{EN: "Forward logs continuously or warn the administrator before the store is full; do not let logging stop.", JA: "ログを常時転送するか、満杯になる前に管理者へ警告する。ログ記録を停止させない。"},
		"NDcPP v4.0 FAU_STG_EXT.1.5", "CC Part 2 FAU_STG.4")
}

// RuleReviewCadence fails when the logs were not reviewed within the
// policy period.
func RuleReviewCadence() netdevsec.Rule {
	return rule("logging.cadence.review", netdevsec.SeverityMedium,
		clauses("CIAJ-1.4.2-1", "CIAJ-1.4.2-2", "CIAJ-1.4.2-3", "CIAJ-1.4.2-4"),
		netdevsec.Text{EN: "Logs reviewed regularly", JA: "ログを定期的に確認している"},
		netdevsec.Text{
			EN: "The guideline asks for regular review from four perspectives: unmanaged internet connections, unauthorised devices, suspicious communication and unauthorised operations. Default period 7 days (NIST SP 800-92 Table 5-1, low-impact systems: every 1–7 days).",
			JA: "ガイドラインは、管理外のインターネット接続、無許可の機器、不審な通信、不正な操作の 4 観点による定期的なログ確認を求めている。既定の周期は 7 日（NIST SP 800-92 表 5-1、影響度低のシステム：1～7 日ごと）。",
		},
		netdevsec.Text{EN: "Review the logs (e.g. \"netdevsec logs review\") and record the date in the inventory (facts.logging.last_review).", JA: "ログを確認し（例：\"netdevsec logs review\"）、その日付をインベントリ（facts.logging.last_review）に記録する。"},
		"NIST SP 800-92 Table 5-1")
}

// RuleBackupCadence fails when logs are neither forwarded reliably nor
// backed up within the policy period.
func RuleBackupCadence() netdevsec.Rule {
	return rule("logging.cadence.backup", netdevsec.SeverityMedium, clauses("CIAJ-1.4.2-6"),
		netdevsec.Text{EN: "Logs backed up regularly", JA: "ログを定期的にバックアップしている"},
		netdevsec.Text{
			EN: "Logs kept only on the device are lost when storage wraps or the device fails. Reliable forwarding (TCP/TLS) is continuous backup; otherwise the default period is 24 hours (NIST SP 800-92 Table 5-1, low impact: transfer every 3–24 hours).",
			JA: "機器内だけのログは、領域の上書きや故障で失われる。TCP/TLS による確実な転送は常時バックアップとみなす。そうでなければ既定の周期は 24 時間（NIST SP 800-92 表 5-1、影響度低：3～24 時間ごとに転送）。",
		},
		netdevsec.Text{EN: "Forward logs over TCP/TLS, or copy them off the device regularly and record the date (facts.logging.last_backup).", JA: "ログを TCP/TLS で転送するか、定期的に機器外へ複写してその日付（facts.logging.last_backup）を記録する。"},
		"NIST SP 800-92 Table 5-1")
}

// RuleIncidentProcedure fails when no procedure is recorded for what to
// do when a log review finds an anomaly.
func RuleIncidentProcedure() netdevsec.Rule {
	return rule("logging.incident.procedure", netdevsec.SeverityLow, clauses("CIAJ-1.4.2-5"),
		netdevsec.Text{EN: "Incident procedure defined for review findings", JA: "ログ確認で異常を見つけたときの対応手順が定められている"},
		netdevsec.Text{
			EN: "The guideline asks that an anomaly found in a log review be handled by a predefined incident procedure, contacting the vendor's support or public security bodies (JPCERT/CC, IPA) where needed; without one, findings are read and forgotten (NIST SP 800-61; NIST SP 800-92 §5.3).",
			JA: "ガイドラインは、ログの確認で異常を見つけた場合、あらかじめ定めたインシデント対応手順に従い、必要に応じてメーカーのサポートや公的機関（JPCERT/CC、IPA）に連絡することを求めている。手順がなければ発見は放置されやすい（NIST SP 800-61、NIST SP 800-92 5.3 節）。",
		},
		netdevsec.Text{
			EN: "Write the incident procedure (who is told, who decides, the vendor's and JPCERT/CC's contacts) and record where it is (facts.logging.incident_procedure).",
			JA: "インシデント対応手順（連絡先、判断者、メーカーと JPCERT/CC の窓口）を文書化し、その所在を記録する（facts.logging.incident_procedure）。",
		},
		"NIST SP 800-61", "NIST SP 800-92 §5.3")
}

// RuleDisposal fails when a retired device has no record that its
// settings and logs were erased.
func RuleDisposal() netdevsec.Rule {
	return rule("logging.disposal", netdevsec.SeverityHigh, clauses("CIAJ-1.4.3-1"),
		netdevsec.Text{EN: "Settings and logs erased at disposal", JA: "廃棄時に設定とログを消去している"},
		netdevsec.Text{
			EN: "Logs and settings hold addresses, user names and sometimes secrets; a retired device must be erased or reset to factory state before it leaves the organisation (ETSI EN 303 645 5.11-1; NIST SP 800-88).",
			JA: "ログと設定にはアドレス、ユーザ名、時には秘密情報が含まれる。使用を終えた機器は組織外へ出す前に消去するか工場出荷状態に戻す（ETSI EN 303 645 5.11-1、NIST SP 800-88）。",
		},
		netdevsec.Text{EN: "Erase settings and logs or factory-reset the device, and record method, date and person (facts.logging.disposal).", JA: "設定とログを消去するか工場出荷状態に戻し、方法・日付・担当者（facts.logging.disposal）を記録する。"},
		"ETSI EN 303 645 5.11-1", "NIST SP 800-88")
}

// Rules returns the metadata of every log-policy rule of this package.
// The review rules are in package logging/review.
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleCapabilities(), RuleEnabled(), RuleLogTypes(), RuleEvents(), RuleLevel(),
		RuleBuffer(), RuleTimestamp(), RuleNTPConfigured(), RuleNTPAuthenticated(),
		RuleNTPNoBroadcast(), RuleRemoteConfigured(), RuleRemoteReliable(),
		RuleRemoteEncrypted(), RuleStorageFull(), RuleReviewCadence(), RuleBackupCadence(),
		RuleIncidentProcedure(), RuleDisposal(),
	}
}

// Check runs every log-policy rule over f for device with the default
// [Policy].
func Check(device string, f Facts, now time.Time) []netdevsec.Finding {
	return CheckPolicy(device, f, now, nil)
}

// CheckPolicy runs every log-policy rule over f for device against p (nil
// means the default policy). It returns one finding per rule.
func CheckPolicy(device string, f Facts, now time.Time, p *Policy) []netdevsec.Finding {
	q := p.orDefault()
	return []netdevsec.Finding{
		checkCapabilities(device, f),
		checkEnabled(device, f),
		checkLogTypes(device, f),
		checkEvents(device, f, q),
		checkLevel(device, f, q),
		checkBuffer(device, f, q),
		checkTimestamp(device, f),
		checkNTP(device, f, q),
		checkNTPAuth(device, f),
		checkNTPBroadcast(device, f),
		checkRemote(device, f, q),
		checkRemoteReliable(device, f),
		checkRemoteEncrypted(device, f),
		checkStorageFull(device, f),
		checkReview(device, f, now, q),
		checkBackup(device, f, now, q),
		checkIncidentProcedure(device, f),
		checkDisposal(device, f),
	}
}

func checkCapabilities(device string, f Facts) netdevsec.Finding {
	r := RuleCapabilities()
	c := f.Capabilities
	if c == nil {
		return r.Unknown(device, "product logging capabilities not recorded")
	}
	var missing, unknown []string
	for _, x := range []struct {
		name string
		v    *bool
	}{{"record", c.Record}, {"export", c.Export}, {"time_sync", c.TimeSync}, {"erase", c.Erase}} {
		switch {
		case x.v == nil:
			unknown = append(unknown, x.name)
		case !*x.v:
			missing = append(missing, x.name)
		}
	}
	switch {
	case len(missing) > 0:
		return r.Fail(device, "product lacks logging capabilities: "+strings.Join(missing, ", "),
			netdevsec.E("missing", strings.Join(missing, ", ")))
	case len(unknown) > 0:
		return r.Unknown(device, "capabilities not recorded: "+strings.Join(unknown, ", "))
	}
	return r.Pass(device, "product can record, export, time-synchronise and erase logs")
}

func checkEnabled(device string, f Facts) netdevsec.Finding {
	r := RuleEnabled()
	switch {
	case f.Enabled == nil:
		return r.Unknown(device, "whether logging is enabled is not recorded")
	case !*f.Enabled:
		return r.Fail(device, "logging is disabled", netdevsec.E("enabled", false))
	}
	return r.Pass(device, "logging is enabled", netdevsec.E("enabled", true))
}

func checkLogTypes(device string, f Facts) netdevsec.Finding {
	r := RuleLogTypes()
	var off, unknown []string
	for _, x := range []struct {
		name string
		v    *bool
	}{{"security log", f.SecurityLog}, {"operation log", f.OperationLog}} {
		switch {
		case x.v == nil:
			unknown = append(unknown, x.name)
		case !*x.v:
			off = append(off, x.name)
		}
	}
	switch {
	case f.Enabled != nil && !*f.Enabled:
		return r.Fail(device, "logging is disabled: neither security nor operation log is recorded")
	case len(off) > 0:
		return r.Fail(device, "not recorded: "+strings.Join(off, ", "), netdevsec.E("not_recorded", strings.Join(off, ", ")))
	case len(unknown) > 0:
		return r.Unknown(device, "not recorded in the facts: "+strings.Join(unknown, ", "))
	}
	return r.Pass(device, "security and operation logs are recorded")
}

func checkEvents(device string, f Facts, p Policy) netdevsec.Finding {
	r := RuleEvents()
	if len(f.Events) == 0 && !f.EventsKnown {
		return r.Unknown(device, "recorded event classes not recorded")
	}
	var missing []string
	for _, e := range p.RequiredEvents {
		if !slices.Contains(f.Events, e) {
			missing = append(missing, e)
		}
	}
	if len(missing) > 0 {
		return r.Fail(device, "required events not recorded: "+strings.Join(missing, ", "),
			netdevsec.E("missing", strings.Join(missing, ", ")))
	}
	return r.Pass(device, "all required event classes are recorded", netdevsec.E("events", strings.Join(f.Events, ", ")))
}

// severityRank maps syslog severity names (RFC 5424 and common vendor
// spellings) to their numeric code; -1 when unknown.
func severityRank(s string) int {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "emerg", "emergency", "emergencies", "panic":
		return 0
	case "alert", "alerts":
		return 1
	case "crit", "critical":
		return 2
	case "err", "error", "errors":
		return 3
	case "warn", "warning", "warnings":
		return 4
	case "notice", "notifications", "notification":
		return 5
	case "info", "informational", "information":
		return 6
	case "debug", "debugging", "trace", "verbose":
		return 7
	}
	return -1
}

func checkLevel(device string, f Facts, p Policy) netdevsec.Finding {
	r := RuleLevel()
	n := severityRank(f.Level)
	switch {
	case f.Level == "":
		return r.Unknown(device, "log level not recorded")
	case n < 0:
		return r.Unknown(device, fmt.Sprintf("log level %q not understood", f.Level), netdevsec.E("level", f.Level))
	case n == 7 && !p.AllowDebug:
		return r.Fail(device, "debug-level logging is on", netdevsec.E("level", f.Level))
	}
	return r.Pass(device, "log level is "+f.Level, netdevsec.E("level", f.Level))
}

func checkBuffer(device string, f Facts, p Policy) netdevsec.Finding {
	r := RuleBuffer()
	switch {
	case f.BufferBytes == nil:
		return r.Unknown(device, "local log buffer size not recorded")
	case *f.BufferBytes < p.MinBufferBytes:
		return r.Fail(device, fmt.Sprintf("local log buffer %d bytes is below %d", *f.BufferBytes, p.MinBufferBytes),
			netdevsec.E("buffer_bytes", *f.BufferBytes), netdevsec.E("minimum", p.MinBufferBytes))
	}
	return r.Pass(device, fmt.Sprintf("local log buffer %d bytes", *f.BufferBytes),
		netdevsec.E("buffer_bytes", *f.BufferBytes), netdevsec.E("minimum", p.MinBufferBytes))
}

func checkTimestamp(device string, f Facts) netdevsec.Finding {
	r := RuleTimestamp()
	t := f.Timestamp
	if t == nil {
		return r.Unknown(device, "time stamp format not recorded")
	}
	var missing, unknown []string
	for _, x := range []struct {
		name string
		v    *bool
	}{{"date", t.Date}, {"year", t.Year}, {"zone", t.Zone}} {
		switch {
		case x.v == nil:
			unknown = append(unknown, x.name)
		case !*x.v:
			missing = append(missing, x.name)
		}
	}
	switch {
	case len(missing) > 0:
		return r.Fail(device, "time stamps lack "+strings.Join(missing, ", "), netdevsec.E("missing", strings.Join(missing, ", ")))
	case len(unknown) > 0:
		return r.Unknown(device, "time stamp parts not recorded: "+strings.Join(unknown, ", "))
	}
	return r.Pass(device, "time stamps carry date, year and zone")
}

func checkNTP(device string, f Facts, p Policy) netdevsec.Finding {
	r := RuleNTPConfigured()
	n := len(f.NTPServers)
	switch {
	case n >= p.MinNTPServers:
		return r.Pass(device, fmt.Sprintf("%d NTP server(s) configured", n),
			netdevsec.E("ntp_servers", strings.Join(f.NTPServers, ", ")))
	case n > 0:
		return r.Fail(device, fmt.Sprintf("only %d NTP server(s) configured, %d needed", n, p.MinNTPServers),
			netdevsec.E("ntp_servers", strings.Join(f.NTPServers, ", ")))
	case f.NTPKnown:
		return r.Fail(device, "no NTP server configured: log timestamps cannot be trusted")
	}
	return r.Unknown(device, "NTP configuration not recorded")
}

func weakNTPAlgorithm(a string) bool {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(a), "_", "-")) {
	case "md5", "sha1", "sha-1", "m", "des":
		return true
	}
	return false
}

func checkNTPAuth(device string, f Facts) netdevsec.Finding {
	r := RuleNTPAuthenticated()
	if f.NTPKnown && len(f.NTPServers) == 0 {
		return r.NotApplicable(device, "no NTP server configured")
	}
	var weak []string
	for _, a := range f.NTPKeyAlgorithms {
		if weakNTPAlgorithm(a) {
			weak = append(weak, a)
		}
	}
	switch {
	case f.NTPAuthenticated == nil:
		return r.Unknown(device, "whether NTP is authenticated is not recorded")
	case !*f.NTPAuthenticated:
		return r.Fail(device, "NTP is not authenticated", netdevsec.E("ntp_authenticated", false))
	case len(weak) > 0:
		return r.Fail(device, "NTP keys use weak digests: "+strings.Join(weak, ", "), netdevsec.E("weak_algorithms", strings.Join(weak, ", ")))
	case len(f.NTPKeyAlgorithms) == 0:
		return r.Unknown(device, "NTP is authenticated but the key algorithm is not recorded")
	}
	return r.Pass(device, "NTP authenticated with "+strings.Join(f.NTPKeyAlgorithms, ", "))
}

func checkNTPBroadcast(device string, f Facts) netdevsec.Finding {
	r := RuleNTPNoBroadcast()
	switch {
	case f.NTPBroadcast == nil:
		return r.Unknown(device, "whether broadcast NTP is accepted is not recorded")
	case *f.NTPBroadcast:
		return r.Fail(device, "the device accepts broadcast or multicast NTP", netdevsec.E("ntp_broadcast", true))
	}
	return r.Pass(device, "broadcast and multicast NTP are not accepted")
}

func hosts(ds []Destination) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.Host)
		if d.Transport != "" {
			b.WriteString(" (" + d.Transport + ")")
		}
	}
	return b.String()
}

func checkRemote(device string, f Facts, p Policy) netdevsec.Finding {
	r := RuleRemoteConfigured()
	n := len(f.Remote)
	switch {
	case n >= p.MinRemoteHosts:
		return r.Pass(device, fmt.Sprintf("logs forwarded to %d server(s)", n), netdevsec.E("remote", hosts(f.Remote)))
	case n > 0:
		return r.Fail(device, fmt.Sprintf("logs forwarded to %d server(s), %d needed", n, p.MinRemoteHosts), netdevsec.E("remote", hosts(f.Remote)))
	case f.RemoteKnown:
		return r.Fail(device, "logs are not forwarded to any log server")
	}
	return r.Unknown(device, "log forwarding not recorded")
}

func reliable(t string) bool {
	switch strings.ToLower(t) {
	case TransportTCP, TransportTLS, TransportRELP, TransportRELPTLS, TransportIPsec:
		return true
	}
	return false
}

func encrypted(t string) bool {
	switch strings.ToLower(t) {
	case TransportTLS, TransportRELPTLS, TransportIPsec:
		return true
	}
	return false
}

func checkRemoteReliable(device string, f Facts) netdevsec.Finding {
	return checkTransport(RuleRemoteReliable(), device, f, reliable, "logs are forwarded over UDP only: no delivery guarantee")
}

func checkRemoteEncrypted(device string, f Facts) netdevsec.Finding {
	return checkTransport(RuleRemoteEncrypted(), device, f, encrypted, "logs are forwarded in clear text")
}

// checkTransport passes when one forwarding destination's transport is
// good, is unknown when any transport is not recorded, and fails with
// failMsg otherwise.
func checkTransport(r netdevsec.Rule, device string, f Facts, good func(string) bool, failMsg string) netdevsec.Finding {
	if len(f.Remote) == 0 {
		if f.RemoteKnown {
			return r.NotApplicable(device, "no log server configured")
		}
		return r.Unknown(device, "log forwarding not recorded")
	}
	unknown := 0
	for _, d := range f.Remote {
		if good(d.Transport) {
			return r.Pass(device, "logs forwarded over "+d.Transport+" to "+d.Host, netdevsec.E("remote", hosts(f.Remote)))
		}
		if d.Transport == "" {
			unknown++
		}
	}
	if unknown > 0 {
		return r.Unknown(device, "transport of log forwarding not recorded", netdevsec.E("remote", hosts(f.Remote)))
	}
	return r.Fail(device, failMsg, netdevsec.E("remote", hosts(f.Remote)))
}

func forwardsReliably(f Facts) bool {
	for _, d := range f.Remote {
		if reliable(d.Transport) {
			return true
		}
	}
	return false
}

func checkStorageFull(device string, f Facts) netdevsec.Finding {
	r := RuleStorageFull()
	ev := netdevsec.E("on_full", f.OnFull)
	switch strings.ToLower(f.OnFull) {
	case "":
		return r.Unknown(device, "behaviour when log storage is full not recorded")
	case OnFullStop:
		return r.Fail(device, "logging stops when storage is full: new events are lost", ev)
	case OnFullOverwrite:
		if forwardsReliably(f) {
			return r.Pass(device, "oldest records are overwritten, but logs are forwarded reliably", ev)
		}
		if len(f.Remote) == 0 && !f.RemoteKnown {
			return r.Unknown(device, "oldest records are overwritten; whether they are forwarded first is not recorded", ev)
		}
		return r.Fail(device, "oldest records are overwritten and not forwarded reliably: records are lost", ev)
	case OnFullForward, OnFullAlert, OnFullBlock:
		return r.Pass(device, "storage-full behaviour: "+f.OnFull, ev)
	}
	return r.Unknown(device, fmt.Sprintf("storage-full behaviour %q not understood", f.OnFull), ev)
}

func age(now, t time.Time) string {
	d := now.Sub(t)
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	}
	return d.Round(time.Minute).String()
}

func checkReview(device string, f Facts, now time.Time, p Policy) netdevsec.Finding {
	r := RuleReviewCadence()
	switch {
	case f.LastReview.IsZero():
		return r.Unknown(device, "date of the last log review not recorded")
	case now.Sub(f.LastReview) > p.ReviewEvery:
		return r.Fail(device, fmt.Sprintf("logs last reviewed %s ago, policy is every %s", age(now, f.LastReview), p.ReviewEvery),
			netdevsec.E("last_review", f.LastReview.Format(time.RFC3339)))
	}
	return r.Pass(device, "logs reviewed within the policy period", netdevsec.E("last_review", f.LastReview.Format(time.RFC3339)))
}

func checkBackup(device string, f Facts, now time.Time, p Policy) netdevsec.Finding {
	r := RuleBackupCadence()
	switch {
	case forwardsReliably(f):
		return r.Pass(device, "logs are forwarded continuously over a reliable transport", netdevsec.E("remote", hosts(f.Remote)))
	case !f.LastBackup.IsZero() && now.Sub(f.LastBackup) <= p.BackupEvery:
		return r.Pass(device, "logs backed up within the policy period", netdevsec.E("last_backup", f.LastBackup.Format(time.RFC3339)))
	case !f.LastBackup.IsZero():
		return r.Fail(device, fmt.Sprintf("logs last backed up %s ago, policy is every %s", age(now, f.LastBackup), p.BackupEvery),
			netdevsec.E("last_backup", f.LastBackup.Format(time.RFC3339)))
	}
	return r.Unknown(device, "date of the last log backup not recorded and no reliable forwarding")
}

func checkIncidentProcedure(device string, f Facts) netdevsec.Finding {
	r := RuleIncidentProcedure()
	switch {
	case f.IncidentProcedure == nil:
		return r.Unknown(device, "no incident procedure recorded for review findings")
	case strings.TrimSpace(*f.IncidentProcedure) == "":
		return r.Fail(device, "recorded as having no incident procedure: anomalies found in log reviews have no defined handling")
	}
	return r.Pass(device, "incident procedure recorded", netdevsec.E("incident_procedure", *f.IncidentProcedure))
}

func checkDisposal(device string, f Facts) netdevsec.Finding {
	r := RuleDisposal()
	if f.Retired == nil || !*f.Retired {
		if f.Disposal != nil {
			// A disposal record on a device in service is contradictory.
			return r.Unknown(device, "disposal recorded, but the device is not marked retired")
		}
		return r.NotApplicable(device, "device is in service")
	}
	d := f.Disposal
	if d == nil || d.Method == "" {
		return r.Fail(device, "device retired without a record of erasing settings and logs")
	}
	ev := []netdevsec.Evidence{netdevsec.E("method", d.Method)}
	if !d.Date.IsZero() {
		ev = append(ev, netdevsec.E("date", d.Date.Format(time.DateOnly)))
	}
	switch strings.ToLower(d.Method) {
	case "erase", "factory-reset", "destroyed":
		if d.Date.IsZero() {
			return r.Unknown(device, "disposal method "+d.Method+" recorded without a date", ev...)
		}
		return r.Pass(device, "settings and logs erased at disposal ("+d.Method+")", ev...)
	case "none":
		return r.Fail(device, "device retired without erasing settings and logs", ev...)
	}
	return r.Unknown(device, fmt.Sprintf("disposal method %q not understood", d.Method), ev...)
}
