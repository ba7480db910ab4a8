package review

import "github.com/netdevsec/netdevsec"

func rule(id string, sev netdevsec.Severity, clause netdevsec.ClauseID, title, desc, rem netdevsec.Text, refs ...string) netdevsec.Rule {
	r := netdevsec.Rule{ID: id, Severity: sev, Clauses: []netdevsec.ClauseID{clause}, Title: title, Description: desc, Remediation: rem}
	for _, n := range refs {
		r.References = append(r.References, netdevsec.Reference{Name: n})
	}
	return r
}

var incident = netdevsec.Text{
	EN: " Follow the incident procedure (CIAJ-1.4.2-5) if it was not authorised.",
	JA: "許可されたものでなければ、インシデント対応手順（CIAJ-1.4.2-5）に従う。",
}

func rem(en, ja string) netdevsec.Text {
	return netdevsec.Text{EN: en + incident.EN, JA: ja + incident.JA}
}

// RuleUnmanagedConnection flags connections to destinations outside the
// managed allow-list, and WAN links or tunnels that are not expected.
func RuleUnmanagedConnection() netdevsec.Rule {
	return rule("logging.review.unmanaged-connection", netdevsec.SeverityMedium, "CIAJ-1.4.2-1",
		netdevsec.Text{EN: "Connection outside the managed destinations", JA: "管理外の宛先への接続"},
		netdevsec.Text{
			EN: "Review perspective 1: is there an internet connection outside management? A permitted flow to a destination not on the allow-list, or a WAN link or tunnel that is not expected, may be an unmanaged path to the internet (NIST SP 800-92 §4.2).",
			JA: "確認観点 1：管理外のインターネット接続はないか。許可リストにない宛先への通信や、想定外の WAN 回線・トンネルの確立は、管理外のインターネット経路の可能性がある（NIST SP 800-92 4.2 節）。",
		},
		rem("Confirm the destination or link with its owner; add it to the allow-list if managed, otherwise block it.",
			"宛先や回線の所有者に確認し、管理下であれば許可リストに加え、そうでなければ遮断する。"),
		"NIST SP 800-92")
}

// RuleUnknownDevice flags MAC addresses (DHCP leases, wireless
// associations, refused devices) that are not in the inventory.
func RuleUnknownDevice() netdevsec.Rule {
	return rule("logging.review.unknown-device", netdevsec.SeverityMedium, "CIAJ-1.4.2-2",
		netdevsec.Text{EN: "Device not in the inventory connected", JA: "インベントリにない機器の接続"},
		netdevsec.Text{
			EN: "Review perspective 2: were devices or wireless LAN devices connected without permission? A DHCP lease, wireless association or port-security/802.1X event for a MAC address that is not in the inventory is flagged once per address (IEC 62443-3-3 SR 2.8; NDcPP v4.0 FAU_GEN.1).",
			JA: "確認観点 2：許可なく機器や無線 LAN 機器が接続されていないか。インベントリにない MAC アドレスへの DHCP 払い出し、無線接続、ポートセキュリティ・802.1X イベントを、アドレスごとに 1 回指摘する（IEC 62443-3-3 SR 2.8、NDcPP v4.0 FAU_GEN.1）。",
		},
		rem("Identify the device; register it in the inventory if authorised, otherwise disconnect it and review wireless and port security.",
			"機器を特定し、許可されたものならインベントリに登録し、そうでなければ切断して無線とポートのセキュリティを見直す。"),
		"IEC 62443-3-3 SR 2.8")
}

// RuleScan flags port scans and probes.
func RuleScan() netdevsec.Rule {
	return rule("logging.review.scan", netdevsec.SeverityMedium, "CIAJ-1.4.2-3",
		netdevsec.Text{EN: "Scan or probe", JA: "スキャン・探索行為"},
		netdevsec.Text{
			EN: "Review perspective 3: suspicious communication. One source reaching many ports or hosts in a short time, or a scan, intrusion signature or dial-plan probe the device itself reported (fail2ban sshd/asterisk filters; Wazuh rule sets).",
			JA: "確認観点 3：不審な通信。短時間に多数のポートやホストへ接続する送信元、または機器自身が検知したスキャン、侵入シグネチャ、ダイヤルプランの探索を指摘する（fail2ban の sshd/asterisk フィルタ、Wazuh ルール）。",
		},
		rem("Block the source at the edge, check that exposed services are needed and patched.",
			"送信元を境界で遮断し、公開しているサービスが必要かつ更新済みであることを確認する。"),
		"fail2ban filter.d", "Wazuh ruleset")
}

// RuleFlood flags floods (DoS).
func RuleFlood() netdevsec.Rule {
	return rule("logging.review.flood", netdevsec.SeverityMedium, "CIAJ-1.4.2-3",
		netdevsec.Text{EN: "Flood from one source", JA: "単一送信元からの大量通信"},
		netdevsec.Text{
			EN: "Review perspective 3: suspicious communication. Many dropped packets from one source in a short time, or a flood the device itself reported, can be a denial-of-service attempt.",
			JA: "確認観点 3：不審な通信。短時間に同一送信元から多数の破棄パケットがある場合や、機器自身がフラッドを検知した場合は、サービス妨害の試みの可能性がある。",
		},
		rem("Rate-limit or block the source; contact the provider if the flood persists.",
			"送信元を帯域制限または遮断し、続く場合は回線事業者に相談する。"),
		"NIST SP 800-92")
}

// RuleUnusualPort flags permitted connections to ports outside the
// expected set.
func RuleUnusualPort() netdevsec.Rule {
	return rule("logging.review.unusual-port", netdevsec.SeverityLow, "CIAJ-1.4.2-3",
		netdevsec.Text{EN: "Connection to an unusual port", JA: "通常使わないポートへの接続"},
		netdevsec.Text{
			EN: "Review perspective 3: suspicious communication. A permitted connection to a port outside the expected services (IRC, remote desktop, proxies, malware command channels) is flagged once per port.",
			JA: "確認観点 3：不審な通信。想定するサービス以外のポート（IRC、リモートデスクトップ、プロキシ、マルウェアの指令通信など）への許可された接続を、ポートごとに 1 回指摘する。",
		},
		rem("Find the host and application; allow the port explicitly if needed, otherwise block it.",
			"ホストとアプリケーションを特定し、必要なら明示的に許可し、そうでなければ遮断する。"),
		"NIST SP 800-92")
}

// RuleOffHours flags logins and VPN sessions outside work hours.
func RuleOffHours() netdevsec.Rule {
	return rule("logging.review.off-hours", netdevsec.SeverityLow, "CIAJ-1.4.2-3",
		netdevsec.Text{EN: "Login outside work hours", JA: "業務時間外のログイン"},
		netdevsec.Text{
			EN: "Review perspective 3: connections at unusual times. A successful administrator login or VPN session outside work hours deserves a check (NIST SP 800-92 §4.2).",
			JA: "確認観点 3：通常と異なる時間帯の接続。業務時間外の管理者ログインや VPN 接続は確認に値する（NIST SP 800-92 4.2 節）。",
		},
		rem("Confirm with the user that the session was theirs.", "その利用者本人による接続であったか確認する。"),
		"NIST SP 800-92")
}

// RuleLoginFailure flags every failed login.
func RuleLoginFailure() netdevsec.Rule {
	return rule("logging.review.login-failure", netdevsec.SeverityLow, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Login failure", JA: "ログイン失敗"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. Failed logins and lock-outs (NDcPP v4.0 FIA_UIA_EXT.1, FIA_AFL.1; fail2ban dropbear/sshd/routeros-auth/asterisk filters). User names typed at a failed login are redacted unless known, since users sometimes type their password there.",
			JA: "確認観点 4：不正な操作。ログインの失敗とロックアウト（NDcPP v4.0 FIA_UIA_EXT.1・FIA_AFL.1、fail2ban の dropbear/sshd/routeros-auth/asterisk フィルタ）。ログイン失敗時に入力されたユーザ名は、パスワードが誤入力されることがあるため、既知のもの以外は伏せる。",
		},
		rem("Check whether the attempts came from an authorised user; restrict management access to known sources.",
			"試行が正規の利用者によるものか確認し、管理アクセスを既知の送信元に制限する。"),
		"NDcPP v4.0 FIA_UIA_EXT.1", "fail2ban filter.d")
}

// RuleLoginBurst flags bursts of failures from one source.
func RuleLoginBurst() netdevsec.Rule {
	return rule("logging.review.login-burst", netdevsec.SeverityHigh, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Burst of login failures", JA: "短時間に集中したログイン失敗"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. Many failed logins from one source in a short time are a password-guessing attack (fail2ban maxretry/findtime; NDcPP v4.0 FIA_AFL.1; ETSI EN 303 645 5.10-1).",
			JA: "確認観点 4：不正な操作。同一送信元からの短時間の多数のログイン失敗はパスワード推測攻撃である（fail2ban の maxretry/findtime、NDcPP v4.0 FIA_AFL.1、ETSI EN 303 645 5.10-1）。",
		},
		rem("Block the source, enable login lock-out and make sure no attempt succeeded.",
			"送信元を遮断し、ログインのロックアウトを有効にし、成功した試行がないことを確認する。"),
		"NDcPP v4.0 FIA_AFL.1", "ETSI EN 303 645 5.10-1")
}

// RuleUnknownUser flags successful logins by users not on the list.
func RuleUnknownUser() netdevsec.Rule {
	return rule("logging.review.unknown-user", netdevsec.SeverityHigh, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Login by an unknown user", JA: "未知のユーザによるログイン"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. A successful login by an account that is not on the list of known users may be a backdoor or a leaked default account (NDcPP v4.0 FAU_GEN.2).",
			JA: "確認観点 4：不正な操作。既知のユーザ一覧にないアカウントでのログイン成功は、バックドアや流出した初期アカウントの可能性がある（NDcPP v4.0 FAU_GEN.2）。",
		},
		rem("Check the account; remove it if it is not authorised and change the administrator passwords.",
			"アカウントを確認し、許可されていなければ削除して管理者パスワードを変更する。"),
		"NDcPP v4.0 FAU_GEN.2")
}

// RuleUnknownSource flags successful logins from unexpected addresses.
func RuleUnknownSource() netdevsec.Rule {
	return rule("logging.review.unknown-source", netdevsec.SeverityHigh, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Login from an unknown source", JA: "未知の送信元からのログイン"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. A successful login from an address outside the administrator networks (NDcPP v4.0 FIA_UIA_EXT.1 records the origin).",
			JA: "確認観点 4：不正な操作。管理者ネットワーク外のアドレスからのログイン成功（NDcPP v4.0 FIA_UIA_EXT.1 は接続元の記録を求める）。",
		},
		rem("Confirm the session; restrict management access to administrator networks.",
			"接続を確認し、管理アクセスを管理者ネットワークに制限する。"),
		"NDcPP v4.0 FIA_UIA_EXT.1")
}

// RuleConfigChange flags configuration changes outside change windows.
func RuleConfigChange() netdevsec.Rule {
	return rule("logging.review.config-change", netdevsec.SeverityMedium, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Configuration change outside a change window", JA: "変更時間帯以外の設定変更"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. Configuration changes outside the agreed change windows (every change when no window is configured) must be matched to a change request (NDcPP v4.0 FMT_SMF.1; DISA STIG \"archive log config\"). Secrets in logged commands are redacted.",
			JA: "確認観点 4：不正な操作。合意した変更時間帯以外の設定変更（時間帯が未設定ならすべての変更）は変更申請と突き合わせる（NDcPP v4.0 FMT_SMF.1、DISA STIG \"archive log config\"）。記録されたコマンド中の秘密情報は伏せる。",
		},
		rem("Match the change to a change request; roll it back if none exists.",
			"変更を変更申請と突き合わせ、申請がなければ元に戻す。"),
		"NDcPP v4.0 FMT_SMF.1")
}

// RuleLogCleared flags logs being cleared or logging being turned off.
func RuleLogCleared() netdevsec.Rule {
	return rule("logging.review.log-cleared", netdevsec.SeverityHigh, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Logs cleared or logging turned off", JA: "ログの消去・ログ記録の停止"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. Clearing logs or stopping logging hides other actions (NDcPP v4.0 FAU_GEN.1 audit-configuration changes; CC Part 2 FAU_STG.1).",
			JA: "確認観点 4：不正な操作。ログの消去やログ記録の停止は他の操作を隠す（NDcPP v4.0 FAU_GEN.1 監査設定の変更、CC Part 2 FAU_STG.1）。",
		},
		rem("Find who did it and why; restore logging and check the forwarded copy for what was erased.",
			"実施者と理由を確認し、ログ記録を元に戻し、転送先の複製で消去された内容を確認する。"),
		"NDcPP v4.0 FAU_GEN.1", "CC Part 2 FAU_STG.1")
}

// RuleClockChange flags the clock being set by hand.
func RuleClockChange() netdevsec.Rule {
	return rule("logging.review.clock-change", netdevsec.SeverityMedium, "CIAJ-1.4.2-4",
		netdevsec.Text{EN: "Clock changed", JA: "時刻の変更"},
		netdevsec.Text{
			EN: "Review perspective 4: unauthorised operations. Setting the clock by hand breaks the time line of the logs and can hide actions (NDcPP v4.0 FPT_STM_EXT.1 records time changes with old and new time).",
			JA: "確認観点 4：不正な操作。手動の時刻変更はログの時系列を崩し、操作を隠し得る（NDcPP v4.0 FPT_STM_EXT.1 は変更前後の時刻の記録を求める）。",
		},
		rem("Confirm the change; rely on authenticated NTP instead of manual settings.",
			"変更を確認し、手動設定ではなく認証付き NTP を使う。"),
		"NDcPP v4.0 FPT_STM_EXT.1")
}

// RuleClockUnsynchronised flags records from a clock without a time
// source.
func RuleClockUnsynchronised() netdevsec.Rule {
	return rule("logging.review.clock-unsynchronised", netdevsec.SeverityMedium, "CIAJ-1.4.1-3",
		netdevsec.Text{EN: "Log records from an unsynchronised clock", JA: "時刻同期していない時計によるログ"},
		netdevsec.Text{
			EN: "The device marked its time stamps as not synchronised (Cisco \"*\" or \".\" prefix) or reported losing its time source: the record times cannot be trusted or correlated (RFC 5905; NDcPP v4.0 FPT_STM_EXT.1). Flagged once per marker.",
			JA: "機器が時刻を非同期と表示した（Cisco の \"*\" や \".\"）か時刻源の喪失を報告した。記録の時刻は信頼も突き合わせもできない（RFC 5905、NDcPP v4.0 FPT_STM_EXT.1）。表示の種類ごとに 1 回指摘する。",
		},
		netdevsec.Text{EN: "Configure at least two reachable, authenticated NTP servers and check synchronisation.", JA: "到達可能で認証された NTP サーバを 2 台以上設定し、同期を確認する。"},
		"RFC 5905", "NDcPP v4.0 FPT_STM_EXT.1")
}

// RuleUnreadable reports records the review could not read whole: a
// record longer than Options.MaxRecord is cut, and what follows the cut
// was not reviewed.
func RuleUnreadable() netdevsec.Rule {
	r := rule("logging.review.unreadable", netdevsec.SeverityLow, "CIAJ-1.4.2-1",
		netdevsec.Text{EN: "Log records the review could not read whole", JA: "確認で全体を読めなかったログ記録"},
		netdevsec.Text{
			EN: "A record longer than the review's limit was cut at the limit (memory stays bounded on hostile input); the rest of it was not reviewed for any of the four perspectives. An over-long record is itself unusual for a device log.",
			JA: "確認の上限を超える長さの記録は上限で切り詰められ（悪意ある入力でもメモリを一定に保つため）、残りの部分は 4 観点のいずれでも確認されていない。極端に長い記録は機器のログとしてそれ自体が異常である。",
		},
		netdevsec.Text{EN: "Look at the record at the given line; if such records are legitimate, raise the review's record limit (review.Options.MaxRecord).", JA: "示された行の記録を確認し、正当な記録であれば上限（Options.MaxRecord）を引き上げる。"},
		"NIST SP 800-92 §4.2")
	r.Clauses = []netdevsec.ClauseID{"CIAJ-1.4.2-1", "CIAJ-1.4.2-2", "CIAJ-1.4.2-3", "CIAJ-1.4.2-4"}
	return r
}

// Rules returns the metadata of every review rule.
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleUnmanagedConnection(), RuleUnknownDevice(), RuleScan(), RuleFlood(), RuleUnusualPort(),
		RuleOffHours(), RuleLoginFailure(), RuleLoginBurst(), RuleUnknownUser(), RuleUnknownSource(),
		RuleConfigChange(), RuleLogCleared(), RuleClockChange(), RuleClockUnsynchronised(),
		RuleUnreadable(),
	}
}
