package router

import (
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
)

type text = netdevsec.Text

func rule(id string, sev netdevsec.Severity, clauses []netdevsec.ClauseID, title, desc, fix text, refs ...netdevsec.Reference) netdevsec.Rule {
	return netdevsec.Rule{ID: id, Severity: sev, Clauses: clauses, Title: title, Description: desc, Remediation: fix, References: refs}
}

func clauses(ids ...netdevsec.ClauseID) []netdevsec.ClauseID { return ids }

var (
	refCISIOS   = netdevsec.Reference{Name: "CIS Cisco IOS Benchmark"}
	refMIC3410  = netdevsec.Reference{Name: "端末設備等規則 第34条の10 (Terminal Equipment Rules Art. 34-10)"}
	refNOTICE   = netdevsec.Reference{Name: "NICT/MIC NOTICE", URL: "https://notice.go.jp/"}
	refWiFiWPA3 = netdevsec.Reference{Name: "Wi-Fi Alliance WPA3 Specification"}
	refRFC3414  = netdevsec.Reference{Name: "RFC 3414 (SNMPv3 USM)"}
)

// RuleUnparsed reports configuration lines the importer did not
// understand: the other rules did not see them.
func RuleUnparsed() netdevsec.Rule {
	return rule("router.import.unparsed", netdevsec.SeverityInfo, clauses("CIAJ-3.3-0"),
		text{EN: "Router configuration fully understood", JA: "ルータ設定をすべて解釈できた"},
		text{EN: "Lines the importer did not understand were not checked by any rule; a setting that matters may hide among them.", JA: "インポータが解釈できなかった行はどの検査にもかかっていない。重要な設定が含まれている可能性がある。"},
		text{EN: "Review the listed lines by hand, or report them so the importer learns them.", JA: "示された行を手作業で確認するか、インポータが対応できるよう報告する。"})
}

// RuleFirstSetup fails when an administrator account still has no or the
// factory password and the product neither forces a change at first setup
// nor ships a unique password per unit.
func RuleFirstSetup() netdevsec.Rule {
	return rule("router.password.first-setup", netdevsec.SeverityHigh, clauses("CIAJ-3.3-1", "CIAJ-1.2-1"),
		text{EN: "Factory password changed at first setup", JA: "初期設定時に工場出荷時のパスワードが変更されている"},
		text{EN: "A router whose administrator login has no password or the factory password shared by every unit of the model can be taken over by anyone who reaches its management; the guideline asks that home routers force a change at first setup or ship a unique password per unit.", JA: "管理者ログインにパスワードがない、または同一機種で共通の工場出荷時パスワードのままのルータは、管理画面に到達できる者なら誰でも乗っ取れる。ガイドラインは、初期設定時のパスワード変更の強制、または機器ごとに異なる初期パスワードを求めている。"},
		text{EN: "Set a strong, unique administrator password (and login password) now; prefer products that force the change at first setup or have a per-unit password.", JA: "ただちに強固で固有の管理者パスワード（およびログインパスワード）を設定する。初期設定時に変更を強制する製品、または機器ごとに異なる初期パスワードの製品を選ぶ。"},
		refMIC3410, refNOTICE)
}

// RuleAutoUpdate fails when the router can update its firmware
// automatically but the function is off.
func RuleAutoUpdate() netdevsec.Rule {
	return rule("router.firmware.auto-update", netdevsec.SeverityMedium, clauses("CIAJ-3.3-2", "CIAJ-1.3.1-1"),
		text{EN: "Automatic firmware update enabled", JA: "ファームウェアの自動更新が有効"},
		text{EN: "Home routers are rarely updated by hand; the guideline asks for an automatic update function started by the user's setting, so fixes reach the device.", JA: "家庭用ルータは手動ではほとんど更新されない。ガイドラインは、利用者の設定により開始される自動更新機能を求めており、修正が確実に機器に届くようにする。"},
		text{EN: "Turn on automatic update (Yamaha: schedule `http revision-up go`; RouterOS: a scheduler running `/system package update install`), or record the update procedure you follow instead.", JA: "自動更新を有効にする（ヤマハ: `http revision-up go` をスケジュール登録、RouterOS: `/system package update install` を実行するスケジューラ）。できない場合は手動更新の手順を記録する。"},
		refMIC3410)
}

// RuleDNSUnexpected fails when the router uses or hands out resolvers
// outside the operator's expected set.
func RuleDNSUnexpected() netdevsec.Rule {
	return rule("router.dns.unexpected", netdevsec.SeverityHigh, clauses("CIAJ-3.4-1"),
		text{EN: "DNS servers are the expected ones", JA: "DNS サーバが想定どおり"},
		text{EN: "Attackers who change a router's DNS settings send every client to phishing sites (fake banks) without the user noticing. The resolvers the router uses and hands out by DHCP are compared with the expected set (facts.router.expected_dns).", JA: "攻撃者がルータの DNS 設定を書き換えると、利用者が気づかないうちにすべての端末がフィッシングサイト（偽の銀行サイトなど）へ誘導される。ルータが使用し DHCP で配布する DNS サーバを、想定した一覧（facts.router.expected_dns）と照合する。"},
		text{EN: "Restore the intended DNS servers, change the administrator password, check how the setting was changed (logs, management exposure), and record the expected set in the inventory.", JA: "本来の DNS サーバに戻し、管理者パスワードを変更し、設定が変更された経路（ログ、管理画面の公開状況）を確認する。想定する DNS サーバをインベントリに記録する。"},
		refNOTICE)
}

// RuleOpenResolver fails when the router answers recursive DNS queries
// from the WAN.
func RuleOpenResolver() netdevsec.Rule {
	return rule("router.dns.open-resolver", netdevsec.SeverityMedium, clauses("CIAJ-3.4-1"),
		text{EN: "DNS resolver not open to the internet", JA: "DNS リゾルバがインターネットに開放されていない"},
		text{EN: "A resolver that answers from the WAN is abused for amplification attacks and cache poisoning of the clients behind it.", JA: "WAN 側から問い合わせに応答するリゾルバは、増幅攻撃や配下端末へのキャッシュポイズニングに悪用される。"},
		text{EN: "Disable remote requests or drop DNS (53/udp, 53/tcp) from the WAN in the input firewall.", JA: "リモートからの問い合わせを無効にするか、入力フィルタで WAN 側からの DNS（53/udp、53/tcp）を破棄する。"})
}

// RuleManagementWAN fails when a management service is reachable from the
// WAN without a source restriction.
func RuleManagementWAN() netdevsec.Rule {
	return rule("router.mgmt.wan", netdevsec.SeverityHigh, clauses("CIAJ-3.4-1", "CIAJ-3.4-2"),
		text{EN: "Management not reachable from the WAN", JA: "管理機能に WAN 側から到達できない"},
		text{EN: "Remote administration open to the internet is how settings are changed without the user noticing (DNS hijack, man-in-the-middle).", JA: "インターネットに開放された遠隔管理は、利用者が気づかないうちに設定を変更される（DNS 改ざん、中間者攻撃）経路になる。"},
		text{EN: "Bind management services to the LAN (Yamaha `telnetd host lan1`, `sshd host lan1`; Cisco `access-class`; RouterOS `/ip service set … address=`; OpenWrt dropbear `Interface 'lan'`) and block them in the WAN input filter.", JA: "管理サービスを LAN 側に限定し（ヤマハ `telnetd host lan1`、`sshd host lan1`、Cisco `access-class`、RouterOS `/ip service set … address=`、OpenWrt dropbear `Interface 'lan'`）、WAN 側の入力フィルタで遮断する。"},
		refCISIOS)
}

// RuleCleartextManagement fails when Telnet, HTTP, FTP or another
// clear-text management protocol is enabled.
func RuleCleartextManagement() netdevsec.Rule {
	return rule("router.mgmt.cleartext", netdevsec.SeverityMedium, clauses("CIAJ-3.4-2"),
		text{EN: "No clear-text management protocols", JA: "平文の管理プロトコルを使用していない"},
		text{EN: "Telnet, HTTP, FTP and unencrypted APIs send the administrator password in clear; anyone on the path can read and replay it.", JA: "Telnet、HTTP、FTP、暗号化されない API は管理者パスワードを平文で送るため、経路上の誰でも読み取り再利用できる。"},
		text{EN: "Disable Telnet, HTTP, FTP and plain API access; manage the router over SSH or HTTPS only.", JA: "Telnet、HTTP、FTP、平文の API を無効にし、SSH または HTTPS のみで管理する。"},
		refCISIOS)
}

// RuleSSHWeak fails when the SSH server offers weak algorithms or SSH-1.
func RuleSSHWeak() netdevsec.Rule {
	return rule("router.ssh.weak-algorithms", netdevsec.SeverityMedium, clauses("CIAJ-3.4-2"),
		text{EN: "SSH offers no weak algorithms", JA: "SSH が脆弱なアルゴリズムを提供していない"},
		text{EN: "SSH-1, SHA-1 key exchange, CBC or RC4 ciphers, MD5 or truncated MACs and DSA host keys allow an attacker on the path to break or downgrade the management session.", JA: "SSH-1、SHA-1 鍵交換、CBC や RC4 暗号、MD5 や短縮 MAC、DSA ホスト鍵は、経路上の攻撃者による管理セッションの解読やダウングレードを可能にする。"},
		text{EN: "Allow only SSH-2 with curve25519/ML-KEM key exchange, AES-GCM/CTR or ChaCha20-Poly1305, HMAC-SHA2 (ETM) and Ed25519/RSA-SHA2 host keys (Cisco `ip ssh version 2`, RouterOS `/ip ssh set strong-crypto=yes`); update firmware that cannot.", JA: "SSH-2 のみとし、curve25519/ML-KEM 鍵交換、AES-GCM/CTR または ChaCha20-Poly1305、HMAC-SHA2（ETM）、Ed25519/RSA-SHA2 ホスト鍵に限定する（Cisco `ip ssh version 2`、RouterOS `/ip ssh set strong-crypto=yes`）。対応できないファームウェアは更新する。"},
		netdevsec.Reference{Name: "RFC 9142"}, netdevsec.Reference{Name: "RFC 8758"})
}

// RuleForwardUnexpected fails on port forwards not in the expected set.
func RuleForwardUnexpected() netdevsec.Rule {
	return rule("router.forward.unexpected", netdevsec.SeverityMedium, clauses("CIAJ-3.4-2"),
		text{EN: "Only expected port forwards", JA: "想定したポートフォワードのみ"},
		text{EN: "A port forward added by an attacker exposes an inside host or redirects traffic; every forward should be one the operator expects (facts.router.expected_forwards, as \"tcp/8080\").", JA: "攻撃者が追加したポートフォワードは内部の機器を公開し、通信を迂回させる。すべてのポートフォワードは運用者が想定したもの（facts.router.expected_forwards、\"tcp/8080\" 形式）であるべきである。"},
		text{EN: "Remove forwards nobody asked for, and record the intended ones in expected_forwards.", JA: "依頼のないポートフォワードを削除し、意図したものを expected_forwards に記録する。"})
}

// RuleUPnP fails when UPnP IGD is enabled.
func RuleUPnP() netdevsec.Rule {
	return rule("router.upnp.enabled", netdevsec.SeverityLow, clauses("CIAJ-3.4-2"),
		text{EN: "UPnP port mapping disabled", JA: "UPnP によるポート開放が無効"},
		text{EN: "UPnP IGD lets any program on the LAN (including malware) open ports on the WAN without authentication.", JA: "UPnP IGD は LAN 上の任意のプログラム（マルウェアを含む）が認証なしに WAN 側のポートを開けることを許す。"},
		text{EN: "Disable UPnP unless a device needs it, and then restrict it to that device.", JA: "必要な機器がない限り UPnP を無効にし、必要な場合はその機器に限定する。"})
}

// RuleProxy fails when a proxy or SOCKS server runs on the router.
func RuleProxy() netdevsec.Rule {
	return rule("router.proxy.enabled", netdevsec.SeverityHigh, clauses("CIAJ-3.4-2"),
		text{EN: "No unexpected proxy or SOCKS server", JA: "想定外のプロキシや SOCKS サーバがない"},
		text{EN: "Compromised routers are turned into proxies (SOCKS, HTTP) that relay or intercept traffic; a proxy the operator did not expect (facts.router.expected_proxies) is a sign of takeover.", JA: "乗っ取られたルータは通信を中継・傍受するプロキシ（SOCKS、HTTP）にされる。運用者が想定していない（facts.router.expected_proxies にない）プロキシは乗っ取りの兆候である。"},
		text{EN: "Disable the proxy, then treat the router as compromised: reset, update firmware and change every password.", JA: "プロキシを無効にし、ルータが侵害されたものとして扱う（初期化、ファームウェア更新、全パスワードの変更）。"})
}

// RuleScriptUnexpected fails on scheduled scripts not in the expected set.
func RuleScriptUnexpected() netdevsec.Rule {
	return rule("router.script.unexpected", netdevsec.SeverityMedium, clauses("CIAJ-3.4-2"),
		text{EN: "Only expected scheduled scripts", JA: "想定したスケジュール実行のみ"},
		text{EN: "Attackers keep control of routers with scheduled scripts that restore their settings (DNS, proxies, users). Every scheduled job should be expected (facts.router.expected_scripts, by name).", JA: "攻撃者はスケジュール実行のスクリプトで設定（DNS、プロキシ、ユーザ）を復元し、ルータの支配を維持する。すべてのスケジュール実行は想定したもの（facts.router.expected_scripts に名前で記録）であるべきである。"},
		text{EN: "Remove jobs nobody asked for and record the intended ones in expected_scripts.", JA: "依頼のないジョブを削除し、意図したものを expected_scripts に記録する。"})
}

// RuleRouteUnexpected fails on non-default static routes not in the
// expected set.
func RuleRouteUnexpected() netdevsec.Rule {
	return rule("router.route.unexpected", netdevsec.SeverityMedium, clauses("CIAJ-3.4-2"),
		text{EN: "Only expected static routes", JA: "想定した静的経路のみ"},
		text{EN: "An added static route diverts traffic through an attacker's host (man-in-the-middle). Non-default static routes are compared with facts.router.expected_routes (prefixes).", JA: "追加された静的経路は通信を攻撃者の機器経由に迂回させる（中間者攻撃）。デフォルト以外の静的経路を facts.router.expected_routes（宛先プレフィックス）と照合する。"},
		text{EN: "Remove routes nobody asked for and record the intended ones in expected_routes.", JA: "依頼のない経路を削除し、意図したものを expected_routes に記録する。"})
}

// RuleWiFiOpen fails on an enabled wireless network without encryption.
func RuleWiFiOpen() netdevsec.Rule {
	return rule("router.wifi.open", netdevsec.SeverityHigh, clauses("CIAJ-3.4-3"),
		text{EN: "Wireless LAN encrypted", JA: "無線 LAN が暗号化されている"},
		text{EN: "An open wireless network lets neighbours join the LAN, use the line and see shared folders. A radio that is switched off (the OpenWrt factory default) is not a failure; OWE (Enhanced Open) is encrypted.", JA: "暗号化のない無線 LAN では、近隣の者が LAN に参加し回線を使い共有フォルダを閲覧できる。電波を停止している場合（OpenWrt の工場出荷時設定）は不合格としない。OWE（Enhanced Open）は暗号化されている。"},
		text{EN: "Use WPA2-PSK (CCMP) or WPA3-SAE with a long random passphrase, or switch the radio off.", JA: "長いランダムなパスフレーズで WPA2-PSK（CCMP）または WPA3-SAE を使用するか、電波を停止する。"},
		refWiFiWPA3)
}

// RuleWiFiWEP fails on WEP.
func RuleWiFiWEP() netdevsec.Rule {
	return rule("router.wifi.wep", netdevsec.SeverityHigh, clauses("CIAJ-3.4-3"),
		text{EN: "No WEP", JA: "WEP を使用していない"},
		text{EN: "WEP keys are recovered from captured traffic in minutes; WEP is as good as open.", JA: "WEP の鍵は傍受した通信から数分で復元でき、暗号化なしと同等である。"},
		text{EN: "Switch to WPA2-PSK (CCMP) or WPA3-SAE; replace devices that only speak WEP.", JA: "WPA2-PSK（CCMP）または WPA3-SAE に切り替え、WEP にしか対応しない機器は更新する。"})
}

// RuleWiFiTKIP fails on WPA1 or TKIP.
func RuleWiFiTKIP() netdevsec.Rule {
	return rule("router.wifi.tkip", netdevsec.SeverityMedium, clauses("CIAJ-3.4-3"),
		text{EN: "No WPA1 or TKIP", JA: "WPA1 や TKIP を使用していない"},
		text{EN: "WPA1 and TKIP are deprecated (IEEE 802.11-2012) and allow packet injection and decryption attacks.", JA: "WPA1 と TKIP は廃止されており（IEEE 802.11-2012）、パケット注入や復号の攻撃を許す。"},
		text{EN: "Use WPA2 with CCMP only (OpenWrt `encryption 'psk2+ccmp'`) or WPA3-SAE.", JA: "CCMP のみの WPA2（OpenWrt `encryption 'psk2+ccmp'`）または WPA3-SAE を使用する。"})
}

// RuleWiFiWPS fails when WPS is enabled.
func RuleWiFiWPS() netdevsec.Rule {
	return rule("router.wifi.wps", netdevsec.SeverityMedium, clauses("CIAJ-3.4-3"),
		text{EN: "WPS disabled", JA: "WPS が無効"},
		text{EN: "The WPS PIN is brute-forced in hours (CVE-2011-5053) and the push button lets anyone near the router join.", JA: "WPS の PIN は数時間で総当たりされ（CVE-2011-5053）、プッシュボタン方式はルータの近くにいる誰でも参加できる。"},
		text{EN: "Disable WPS (PIN and push button).", JA: "WPS（PIN 方式とプッシュボタン方式）を無効にする。"})
}

// RuleWiFiWeakPSK fails on a short wireless pre-shared key.
func RuleWiFiWeakPSK() netdevsec.Rule {
	return rule("router.wifi.weak-psk", netdevsec.SeverityHigh, clauses("CIAJ-3.4-3", "CIAJ-1.2-2"),
		text{EN: "Wireless passphrase long enough", JA: "無線 LAN のパスフレーズが十分に長い"},
		text{EN: "A captured WPA handshake lets an attacker guess the passphrase offline; passphrases shorter than 12 characters fall to dictionary and brute-force attacks. Strength beyond length is judged by package password.", JA: "WPA のハンドシェイクを傍受されると、パスフレーズをオフラインで推測される。12 文字未満のパスフレーズは辞書攻撃や総当たりで破られる。長さ以外の強度は password パッケージの検査で判定する。"},
		text{EN: "Use a random passphrase of at least 12 (better 20) characters, unique to this network.", JA: "12 文字以上（できれば 20 文字以上）の、このネットワーク固有のランダムなパスフレーズを使用する。"})
}

// RuleGuestIsolation fails when a guest wireless network does not isolate
// its clients.
func RuleGuestIsolation() netdevsec.Rule {
	return rule("router.wifi.guest-isolation", netdevsec.SeverityMedium, clauses("CIAJ-3.4-3"),
		text{EN: "Guest wireless isolated", JA: "ゲスト用無線 LAN が分離されている"},
		text{EN: "Guests on a network without client isolation can reach each other and the LAN's shared folders.", JA: "端末間の分離がないゲストネットワークでは、ゲストが互いに、また LAN の共有フォルダに到達できる。"},
		text{EN: "Turn on client isolation (OpenWrt `option isolate '1'`) and put guests in their own firewall zone.", JA: "端末間分離を有効にし（OpenWrt `option isolate '1'`）、ゲストを専用のファイアウォールゾーンに置く。"})
}

// RuleFileSharingWireless fails when a file-sharing service is reachable
// from the wireless LAN.
func RuleFileSharingWireless() netdevsec.Rule {
	return rule("router.wifi.file-sharing", netdevsec.SeverityMedium, clauses("CIAJ-3.4-3"),
		text{EN: "File sharing not exposed to the wireless LAN", JA: "ファイル共有が無線 LAN に公開されていない"},
		text{EN: "Shared folders on the router (SMB, FTP, DLNA) reachable from the wireless LAN are seen by anyone who joins it — the guideline's neighbour case.", JA: "無線 LAN から到達できるルータ上の共有フォルダ（SMB、FTP、DLNA）は、無線 LAN に参加した誰からでも見える（ガイドラインの近隣者の事例）。"},
		text{EN: "Disable file sharing you do not use, or bind it to the wired LAN and require an account.", JA: "使用しないファイル共有は無効にし、使用する場合は有線 LAN に限定してアカウントを必須にする。"})
}

// RuleSNMPDefaultCommunity fails on public/private or other well-known
// communities.
func RuleSNMPDefaultCommunity() netdevsec.Rule {
	return rule("router.snmp.default-community", netdevsec.SeverityHigh, clauses("CIAJ-3.4-2", "CIAJ-1.2-1"),
		text{EN: "No default SNMP community", JA: "既定の SNMP コミュニティを使用していない"},
		text{EN: "The communities public and private are the first ones scanners try; they disclose the configuration and, when writable, change it.", JA: "public や private はスキャナが最初に試すコミュニティ名であり、設定の漏えいや、書き込み可能な場合は設定の変更を許す。"},
		text{EN: "Remove default communities; prefer SNMPv3 with authentication and privacy, or a long random community restricted by ACL to the management station.", JA: "既定のコミュニティを削除する。認証と暗号化を伴う SNMPv3、または管理端末に ACL で限定した長いランダムなコミュニティ名を使用する。"},
		refCISIOS)
}

// RuleSNMPWriteCommunity fails on v1/v2c communities with write access.
func RuleSNMPWriteCommunity() netdevsec.Rule {
	return rule("router.snmp.write-community", netdevsec.SeverityHigh, clauses("CIAJ-3.4-2", "CIAJ-1.2-4"),
		text{EN: "No writable SNMP v1/v2c community", JA: "書き込み可能な SNMP v1/v2c コミュニティがない"},
		text{EN: "A read-write community is a password sent in clear on every request; whoever sees it can change the router's settings.", JA: "読み書き可能なコミュニティは、毎回平文で送られるパスワードであり、見た者は誰でもルータの設定を変更できる。"},
		text{EN: "Remove write access from v1/v2c communities; use SNMPv3 authPriv for any SET.", JA: "v1/v2c コミュニティから書き込み権限を外し、SET が必要な場合は SNMPv3 authPriv を使用する。"},
		refCISIOS)
}

// RuleSNMPv3NoAuth fails on SNMPv3 users without authentication.
func RuleSNMPv3NoAuth() netdevsec.Rule {
	return rule("router.snmp.v3-noauth", netdevsec.SeverityMedium, clauses("CIAJ-3.4-2"),
		text{EN: "SNMPv3 users authenticate", JA: "SNMPv3 ユーザが認証を行う"},
		text{EN: "An SNMPv3 user at noAuthNoPriv answers anyone who knows the user name.", JA: "noAuthNoPriv の SNMPv3 ユーザは、ユーザ名を知る誰にでも応答する。"},
		text{EN: "Use authPriv (SHA-2 authentication, AES privacy) for every SNMPv3 user.", JA: "すべての SNMPv3 ユーザを authPriv（SHA-2 認証、AES 暗号化）にする。"},
		refRFC3414)
}

// Rules returns the metadata of every rule of this package, in ID order.
func Rules() []netdevsec.Rule {
	rules := []netdevsec.Rule{
		RuleDNSUnexpected(),
		RuleOpenResolver(),
		RuleAutoUpdate(),
		RuleForwardUnexpected(),
		RuleUnparsed(),
		RuleCleartextManagement(),
		RuleManagementWAN(),
		RuleFirstSetup(),
		RuleProxy(),
		RuleRouteUnexpected(),
		RuleScriptUnexpected(),
		RuleSNMPDefaultCommunity(),
		RuleSNMPv3NoAuth(),
		RuleSNMPWriteCommunity(),
		RuleSSHWeak(),
		RuleUPnP(),
		RuleFileSharingWireless(),
		RuleGuestIsolation(),
		RuleWiFiOpen(),
		RuleWiFiTKIP(),
		RuleWiFiWeakPSK(),
		RuleWiFiWEP(),
		RuleWiFiWPS(),
	}
	slices.SortFunc(rules, func(a, b netdevsec.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}
