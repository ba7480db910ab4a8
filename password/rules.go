package password

import "github.com/netdevsec/netdevsec"

func rule(id string, sev netdevsec.Severity, clauses []netdevsec.ClauseID, title, desc, fix netdevsec.Text, refs ...netdevsec.Reference) netdevsec.Rule {
	return netdevsec.Rule{ID: id, Severity: sev, Clauses: clauses, Title: title, Description: desc, Remediation: fix, References: refs}
}

var (
	refNIST4 = netdevsec.Reference{Name: "NIST SP 800-63B-4 §3.1.1.2 (Password Verifiers)", URL: "https://pages.nist.gov/800-63-4/sp800-63b.html"}
	refCIAJ  = netdevsec.Reference{Name: "CIAJ Communication Network Equipment Security User Guidelines §1.2"}
)

// RuleDefault fails when a credential is still the vendor's factory
// default for the device (the embedded database, vendor- and
// model-scoped).
func RuleDefault() netdevsec.Rule {
	return rule("password.default.unchanged", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-1.2-1", "CIAJ-3.3-1"},
		netdevsec.Text{EN: "Factory-default credential still in use", JA: "初期設定のパスワードが使われたままである"},
		netdevsec.Text{
			EN: "A credential matches the vendor's published factory default for this device (fixed value, blank, same as the user name, or derived from the serial number or MAC address). Botnets such as Mirai log in with exactly these lists.",
			JA: "認証情報が、この機器についてベンダーが公開している初期値（固定値、空、ユーザー名と同じ、シリアル番号や MAC アドレスから導かれる値）と一致する。Mirai などのボットネットはこうした一覧で実際にログインを試みる。",
		},
		netdevsec.Text{
			EN: "Change the credential before the device is put in service, to a unique per-device password; for home routers, use models that force a change at first setup or ship a unique password per unit.",
			JA: "運用開始前に、機器ごとに異なるパスワードへ変更する。家庭用ルータでは、初回設定時に変更を強制する製品か、個体ごとに異なる初期パスワードの製品を選ぶ。",
		},
		refCIAJ, netdevsec.Reference{Name: "CISA Secure by Design: eliminating default passwords"})
}

// RuleBlank fails when a credential has no password at all.
func RuleBlank() netdevsec.Rule {
	return rule("password.empty", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-1.2-1", "CIAJ-1.2-2"},
		netdevsec.Text{EN: "Credential with an empty password", JA: "パスワードが空の認証情報がある"},
		netdevsec.Text{
			EN: "An account, community or secret is configured with no password, so anyone who reaches the service can use it.",
			JA: "パスワードが設定されていないアカウント・コミュニティ・シークレットがあり、サービスに到達できる者は誰でも利用できる。",
		},
		netdevsec.Text{EN: "Set a strong, unique password or disable the account.", JA: "強固で他と異なるパスワードを設定するか、アカウントを無効にする。"},
		refCIAJ)
}

// RuleDeviceDerived fails when a password is, or is built from, the
// device's own words (vendor, model, hostname, SSID, user, serial, MAC).
func RuleDeviceDerived() netdevsec.Rule {
	return rule("password.device-derived", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-1", "CIAJ-1.2-2"},
		netdevsec.Text{EN: "Password derived from the device's own identifiers", JA: "機器自身の識別情報から作られたパスワード"},
		netdevsec.Text{
			EN: "The password equals or is mostly made of a word an attacker can read off the device or the network: vendor, model, hostname, SSID, user name, serial number or MAC address.",
			JA: "パスワードが、攻撃者が機器やネットワークから読み取れる語（ベンダー名、型番、ホスト名、SSID、ユーザー名、シリアル番号、MAC アドレス）と同じか、主にそれで構成されている。",
		},
		netdevsec.Text{EN: "Choose a password unrelated to the device's identifiers.", JA: "機器の識別情報と無関係なパスワードにする。"},
		refCIAJ, refNIST4)
}

// RuleBlocklist fails when a password is on the common/breached list.
func RuleBlocklist() netdevsec.Rule {
	return rule("password.blocklist.common", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-2"},
		netdevsec.Text{EN: "Common or breached password", JA: "よく使われる、または漏えい済みのパスワード"},
		netdevsec.Text{
			EN: "The password is on a list of commonly used or breached passwords (built-in list of the 30,000 most common passwords and factory defaults; optionally a Have I Been Pwned file or range service). Such passwords fall to the first guesses of any attack.",
			JA: "パスワードが、よく使われる、または漏えいしたパスワードの一覧（上位 3 万件と初期パスワードの内蔵一覧、任意で Have I Been Pwned 形式のファイルや range サービス）に含まれる。攻撃の最初の試行で破られる。",
		},
		netdevsec.Text{EN: "Choose a password that is not on any common-password list: a long passphrase of unrelated words works well.", JA: "一覧に載っていないパスワードにする。無関係な単語を組み合わせた長いパスフレーズが有効である。"},
		refNIST4, refCIAJ)
}

// RuleWeak fails when the strength estimate is below the required
// score.
func RuleWeak() netdevsec.Rule {
	return rule("password.strength.weak", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-2"},
		netdevsec.Text{EN: "Guessable password", JA: "推測されやすいパスワード"},
		netdevsec.Text{
			EN: "A zxcvbn-compatible estimate (dictionary words, l33t, keyboard walks, sequences, repeats, dates, context words) puts the password below the required score: it would be guessed quickly offline or with throttled online guessing.",
			JA: "zxcvbn 互換の推定（辞書語、leet 置換、キーボード配列、連続、繰り返し、日付、文脈語）で必要なスコアに達しない。オフライン攻撃や制限付きオンライン攻撃で短時間に推測される。",
		},
		netdevsec.Text{EN: "Use a longer password without dictionary words, patterns or dates.", JA: "辞書語・パターン・日付を含まない、より長いパスワードにする。"},
		netdevsec.Reference{Name: "zxcvbn: Low-Budget Password Strength Estimation (USENIX Security 2016)"}, refCIAJ)
}

// RuleProfile fails when a password does not meet a selected policy
// profile's length or composition requirement; each reason cites it.
func RuleProfile() netdevsec.Rule {
	return rule("password.policy.profile", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.2-2"},
		netdevsec.Text{EN: "Password does not meet the policy profile", JA: "パスワードがポリシー要件を満たさない"},
		netdevsec.Text{
			EN: "The password is shorter than the profile requires or lacks a required character class. Profiles: NIST SP 800-63B-4 (15 characters single-factor, no composition rules), CIAJ 2019 (adequate length, letters, digits and symbols), or a custom one; every reason cites its source.",
			JA: "パスワードが要件より短いか、必要な文字種を含まない。プロファイルは NIST SP 800-63B-4（単一要素で 15 文字以上、文字種規則なし）、CIAJ 2019（十分な長さ、英字・数字・記号の混在）、または独自定義で、各理由に出典を示す。",
		},
		netdevsec.Text{EN: "Set a longer password that meets every selected profile.", JA: "選択したすべてのプロファイルを満たす、より長いパスワードにする。"},
		refNIST4, refCIAJ)
}

// RuleConflict fails when a device's enforced policy or firmware limits
// make a selected profile impossible to meet (length cap, restricted
// character set, imposed composition rules).
func RuleConflict() netdevsec.Rule {
	return rule("password.policy.conflict", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.2-2"},
		netdevsec.Text{EN: "Device password limits conflict with the policy", JA: "機器のパスワード制限がポリシーと矛盾する"},
		netdevsec.Text{
			EN: "The firmware caps password length below the profile's minimum (or below the 64 characters NIST asks verifiers to accept), restricts the character set so a required class is impossible, or imposes composition rules that NIST SP 800-63B-4 forbids.",
			JA: "ファームウェアがパスワード長をプロファイルの最小値（または NIST が受け入れを求める 64 文字）未満に制限している、必要な文字種を使えない文字集合に制限している、または NIST SP 800-63B-4 が禁じる文字種規則を課している。",
		},
		netdevsec.Text{
			EN: "Update the firmware or choose equipment without such limits; until then document the exception and compensate (longer password within the cap, access restrictions).",
			JA: "ファームウェアを更新するか制限のない機器を選ぶ。それまでは例外として記録し、上限内で最長のパスワードやアクセス制限で補う。",
		},
		refNIST4, refCIAJ)
}

// RuleRotation fails when a policy forces periodic password changes.
func RuleRotation() netdevsec.Rule {
	return rule("password.policy.rotation", netdevsec.SeverityLow, []netdevsec.ClauseID{"CIAJ-1.2-5"},
		netdevsec.Text{EN: "Periodic forced password change", JA: "定期的なパスワード変更の強制"},
		netdevsec.Text{
			EN: "The device or its management policy forces passwords to change on a schedule. The guideline no longer recommends this (users then choose weaker, predictable passwords); NIST SP 800-63B-4 forbids it.",
			JA: "機器または管理方針が、パスワードの定期変更を強制している。ガイドラインはこれを推奨しておらず（利用者が弱く予測しやすいパスワードを選ぶため）、NIST SP 800-63B-4 は禁止している。",
		},
		netdevsec.Text{EN: "Remove the maximum password age; require a change only when compromise is suspected.", JA: "パスワードの有効期限を撤廃し、漏えいが疑われるときにのみ変更を求める。"},
		refCIAJ, refNIST4)
}

// RuleAnomaly fails when a credential was not changed after the latest
// recorded anomaly or incident on the device.
func RuleAnomaly() netdevsec.Rule {
	return rule("password.anomaly.unchanged", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-5"},
		netdevsec.Text{EN: "Credential unchanged since a recorded anomaly", JA: "異常の記録後も変更されていない認証情報"},
		netdevsec.Text{
			EN: "An anomaly or incident was recorded on the device, and a credential was last changed before it. The guideline asks that passwords be changed, and the device inspected, when an anomaly is noticed or suspected.",
			JA: "機器で異常またはインシデントが記録されたが、認証情報はそれ以前に変更されたままである。ガイドラインは、異常に気付いた、または疑われるときにパスワードを変更し機器を点検するよう求めている。",
		},
		netdevsec.Text{EN: "Change the credential now, record the change date, and inspect the device's settings and logs.", JA: "直ちに認証情報を変更して変更日を記録し、機器の設定とログを点検する。"},
		refCIAJ)
}

// RuleReuse fails when a password is also used on another device or
// system of the fleet (found with keyed fingerprints, or by verifying a
// device's salted hash against the fleet's known passwords).
func RuleReuse() netdevsec.Rule {
	return rule("password.reuse.fleet", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-3"},
		netdevsec.Text{EN: "Password reused on another device or system", JA: "他の機器やシステムと同じパスワード"},
		netdevsec.Text{
			EN: "The same password (or the same user name and password) is used on another device or system. One leak then opens all of them. Detected with keyed HMAC fingerprints; no plaintext is stored or compared outside the auditor.",
			JA: "同じパスワード（または同じ ID とパスワード）が他の機器やシステムでも使われている。一か所の漏えいがすべてに波及する。鍵付き HMAC の指紋で検出し、平文は監査処理の外で保存・比較しない。",
		},
		netdevsec.Text{EN: "Give every device and system its own password.", JA: "機器・システムごとに異なるパスワードを設定する。"},
		refCIAJ)
}

// RuleCleartext fails when a config stores a secret in clear or in a
// reversible form (Cisco type 0/7, enable password, Yamaha unencrypted
// login/administrator password, plaintext SNMP community, SIP secret,
// Wi-Fi PSK).
func RuleCleartext() netdevsec.Rule {
	return rule("password.storage.cleartext", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-4"},
		netdevsec.Text{EN: "Secret stored in clear or reversibly in the configuration", JA: "設定に秘密情報が平文または復元可能な形で保存されている"},
		netdevsec.Text{
			EN: "The configuration holds a password, community, pre-shared key or SIP secret in clear or in a trivially reversible form (Cisco type 7 is an XOR with a published key). Anyone who sees a backup, a support bundle or a screen share learns it.",
			JA: "設定ファイルに、パスワード・コミュニティ名・事前共有鍵・SIP シークレットが平文または容易に復元できる形式（Cisco type 7 は公開鍵による XOR）で保存されている。バックアップやサポート用資料、画面共有を見た者に知られる。",
		},
		netdevsec.Text{
			EN: "Use one-way hashed forms (Cisco 'secret 9' / 'enable algorithm-type scrypt secret', Yamaha 'login password encrypted' / 'administrator password encrypted'); where the protocol needs the clear value (SNMP v1/v2c, SIP, PSK), restrict who can read configs and prefer SNMPv3.",
			JA: "一方向ハッシュ形式（Cisco の 'secret 9' や 'enable algorithm-type scrypt secret'、Yamaha の 'login password encrypted' や 'administrator password encrypted'）を使う。プロトコル上平文が必要なもの（SNMP v1/v2c、SIP、PSK）は設定の閲覧者を限定し、SNMPv3 を優先する。",
		},
		refCIAJ, netdevsec.Reference{Name: "Cisco Type 7 Password Encryption (Cisco Security Advisory, 2013 type 4 notice)"})
}

// RuleWeakHash fails when a config stores a password as a fast or
// unsalted hash (Cisco type 4 or type 5/MD5-crypt, Asterisk md5secret).
func RuleWeakHash() netdevsec.Rule {
	return rule("password.storage.weak-hash", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.2-4"},
		netdevsec.Text{EN: "Password stored as a weak hash", JA: "パスワードが弱いハッシュで保存されている"},
		netdevsec.Text{
			EN: "The configuration stores a password with a fast or unsalted hash (Cisco type 4 unsalted SHA-256, type 5 MD5-crypt, Asterisk MD5 digests): a copied config can be cracked on a GPU.",
			JA: "設定ファイルが高速または salt なしのハッシュ（Cisco type 4 の salt なし SHA-256、type 5 の MD5-crypt、Asterisk の MD5 ダイジェスト）でパスワードを保存している。設定が流出すると GPU で解読され得る。",
		},
		netdevsec.Text{EN: "Re-enter the password with a strong hash (Cisco type 9 scrypt or type 8 PBKDF2).", JA: "強いハッシュ（Cisco type 9 の scrypt や type 8 の PBKDF2）でパスワードを設定し直す。"},
		refCIAJ, refNIST4)
}

// RuleEncryptionService fails when a Cisco IOS config stores clear
// passwords and lacks "service password-encryption".
func RuleEncryptionService() netdevsec.Rule {
	return rule("password.storage.service-encryption", netdevsec.SeverityLow, []netdevsec.ClauseID{"CIAJ-1.2-4"},
		netdevsec.Text{EN: "Cisco service password-encryption is off", JA: "Cisco の service password-encryption が無効"},
		netdevsec.Text{
			EN: "Without 'service password-encryption', IOS shows line and user passwords in clear in the running configuration. Type 7 is only obfuscation, but it stops shoulder-surfing of configs.",
			JA: "'service password-encryption' がないと、IOS は回線やユーザーのパスワードを設定表示に平文で出す。type 7 は難読化にすぎないが、設定画面の覗き見は防げる。",
		},
		netdevsec.Text{EN: "Configure 'service password-encryption' and move passwords to 'secret 9'.", JA: "'service password-encryption' を設定し、パスワードを 'secret 9' 形式へ移行する。"},
		refCIAJ)
}

// RulePIN fails when a PBX voicemail or DISA PIN is weak: under 6
// digits, the extension, repeated or sequential digits, a top PIN.
func RulePIN() netdevsec.Rule {
	return rule("password.pin.weak", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.2-2", "CIAJ-2.3-4"},
		netdevsec.Text{EN: "Weak voicemail or DISA PIN", JA: "推測されやすいボイスメール・DISA の PIN"},
		netdevsec.Text{
			EN: "A PIN guarding voicemail or direct inward system access is shorter than 6 digits, equals the extension, is repeated or sequential digits, or is one of the most common PINs. Toll fraud starts by guessing these PINs and re-routing calls abroad.",
			JA: "ボイスメールや DISA を守る PIN が 6 桁未満、内線番号と同じ、同じ数字の繰り返しや連番、またはよく使われる PIN である。不正な国際発信はこうした PIN の推測から始まる。",
		},
		netdevsec.Text{EN: "Set PINs of at least 6 random digits, not related to the extension; lock mailboxes after a few failures.", JA: "内線番号と無関係な 6 桁以上のランダムな PIN にし、数回の失敗でロックする。"},
		refCIAJ)
}

// RuleLiveDefault fails when a live, opt-in login attempt with a
// factory default succeeded against the device.
func RuleLiveDefault() netdevsec.Rule {
	return rule("password.live.default", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-1.2-1", "CIAJ-3.3-1"},
		netdevsec.Text{EN: "Device accepts a factory-default login", JA: "機器が初期設定の認証情報でログインを受け付ける"},
		netdevsec.Text{
			EN: "An authorised, rate-limited live check logged in to the device over SSH, or read it over SNMP, with a factory-default credential from the approved list.",
			JA: "許可された回数制限付きの実機確認で、承認済み一覧の初期認証情報により SSH でログイン、または SNMP で読み出しができた。",
		},
		netdevsec.Text{EN: "Change the credential at once and check the device for signs of prior access.", JA: "直ちに認証情報を変更し、過去の不正アクセスの痕跡がないか機器を点検する。"},
		refCIAJ)
}

// Rules returns the metadata of every rule of this package.
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleDefault(), RuleBlank(), RuleDeviceDerived(), RuleBlocklist(), RuleWeak(), RuleProfile(), RuleConflict(),
		RuleRotation(), RuleAnomaly(), RuleReuse(), RuleCleartext(), RuleWeakHash(), RuleEncryptionService(), RulePIN(),
		RuleLiveDefault(),
	}
}
