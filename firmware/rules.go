package firmware

import (
	"github.com/netdevsec/netdevsec"
)

func rule(id string, sev netdevsec.Severity, clauses []netdevsec.ClauseID, title, desc, rem netdevsec.Text, refs ...netdevsec.Reference) netdevsec.Rule {
	return netdevsec.Rule{ID: id, Severity: sev, Clauses: clauses, Title: title, Description: desc, Remediation: rem, References: refs}
}

var (
	refCIAJ    = netdevsec.Reference{Name: "CIAJ Communication Network Equipment Security User Guidelines Ver.1.0 (2019)", URL: "https://www.ciaj.or.jp/common_issue/technical/guidelines_v1.html"}
	refEN      = netdevsec.Reference{Name: "ETSI EN 303 645 provision 5.3 (keep software updated)"}
	refNISTIR  = netdevsec.Reference{Name: "NISTIR 8259A (software update capability)"}
	refTerm    = netdevsec.Reference{Name: "端末設備等規則 第34条の10 (firmware update function, in force 2020-04-01)"}
	refKEV     = netdevsec.Reference{Name: "CISA Known Exploited Vulnerabilities Catalog", URL: "https://www.cisa.gov/known-exploited-vulnerabilities-catalog"}
	ref62443   = netdevsec.Reference{Name: "IEC TR 62443-2-3 (patch management: test, back up, deploy, verify)"}
	refRFC6962 = netdevsec.Reference{Name: "RFC 6962 §2.1 (hash-chained logs; signed tree heads)"}
)

// RuleVersionRecorded fails when the installed firmware version is not
// known: without it no advisory can be matched.
func RuleVersionRecorded() netdevsec.Rule {
	return rule("firmware.version.recorded", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.1-2", "CIAJ-1.3.2-2"},
		netdevsec.Text{EN: "Installed firmware version recorded", JA: "導入済みファームウェアのバージョンが記録されている"},
		netdevsec.Text{
			EN: "Whether the firmware is the latest, and which advisories affect it, can only be answered when the installed version is known.",
			JA: "ファームウェアが最新か、どの脆弱性情報が該当するかは、導入済みのバージョンが分かって初めて判断できる。",
		},
		netdevsec.Text{
			EN: "Record the installed firmware version in the inventory (firmware: …), or collect it from the device.",
			JA: "導入済みのファームウェアのバージョンをインベントリ（firmware: …）に記録するか、機器から取得する。",
		}, refCIAJ)
}

// RuleUpdateCapable fails when the device cannot update its firmware.
func RuleUpdateCapable() netdevsec.Rule {
	return rule("firmware.update.capable", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.3.1-1"},
		netdevsec.Text{EN: "Firmware can be updated", JA: "ファームウェアを更新できる"},
		netdevsec.Text{
			EN: "Equipment whose firmware cannot be updated stays vulnerable to every flaw found after it is installed; Japanese terminal equipment rules require an update function for Internet-facing devices.",
			JA: "ファームウェアを更新できない機器は、導入後に見つかった脆弱性をすべて抱えたままになる。端末設備等規則はインターネットに接続する機器に更新機能を求めている。",
		},
		netdevsec.Text{
			EN: "Choose equipment with a (preferably signed and automatic) firmware update function, and record it in facts.firmware.update.",
			JA: "（できれば署名検証付き・自動の）ファームウェア更新機能を持つ機器を選定し、facts.firmware.update に記録する。",
		}, refCIAJ, refTerm, refEN, refNISTIR)
}

// RuleLatestAtInstall fails when a newer release of the installed
// version's branch existed when the firmware was installed.
func RuleLatestAtInstall() netdevsec.Rule {
	return rule("firmware.latest.at-install", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.1-2"},
		netdevsec.Text{EN: "Latest firmware at installation", JA: "設置時に最新のファームウェア"},
		netdevsec.Text{
			EN: "At installation the firmware should be the latest release of its branch; the installed version is compared with the vendor's dated release catalogue as of the installation date.",
			JA: "設置時にはファームウェアがその系列の最新版であるべきである。導入日時点のベンダーのリリース一覧（日付付き）と導入済みバージョンを比較する。",
		},
		netdevsec.Text{
			EN: "Update to the latest release of the branch before putting the device into service, and record the installation date and the release catalogue.",
			JA: "運用開始前に系列の最新版へ更新し、導入日とリリース一覧を記録する。",
		}, refCIAJ, refEN)
}

// RuleAdvisoryAffected fails for each published advisory that affects
// the installed version.
func RuleAdvisoryAffected() netdevsec.Rule {
	return rule("firmware.advisory.affected", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.3.1-2"},
		netdevsec.Text{EN: "Installed firmware not affected by published advisories", JA: "導入済みファームウェアが公開された脆弱性の影響を受けない"},
		netdevsec.Text{
			EN: "The installed version is matched against the configured advisories (OSV, CSAF, NVD, CVE records): enumerated versions first, then ranges of the device's own branch.",
			JA: "導入済みバージョンを設定された脆弱性情報（OSV、CSAF、NVD、CVE レコード）と照合する。列挙されたバージョンを先に、次に機器と同じ系列の範囲を確認する。",
		},
		netdevsec.Text{
			EN: "Update to the fixed version of the device's branch named in the finding, or, when the branch has no fix, move to a branch that has one; apply the vendor's workaround until then.",
			JA: "所見に示された機器の系列の修正版へ更新する。系列に修正版がない場合は修正版のある系列へ移行し、それまではベンダーの回避策を適用する。",
		}, refCIAJ)
}

// RuleAdvisoryUnknown reports advisories that apply to the product but
// cannot be decided for the installed version.
func RuleAdvisoryUnknown() netdevsec.Rule {
	return rule("firmware.advisory.unknown", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.1-2"},
		netdevsec.Text{EN: "Every applicable advisory decided", JA: "該当しうる脆弱性情報をすべて判定できる"},
		netdevsec.Text{
			EN: "An advisory about the product whose versions cannot be interpreted (free text, another branch, sources that disagree, an unparseable version) is reported as unknown, never as not affected.",
			JA: "製品に関する脆弱性情報のうち、バージョンを解釈できないもの（自由記述、別系列、情報源の不一致、解析できないバージョン）は「不明」として報告し、「影響なし」とはしない。",
		},
		netdevsec.Text{
			EN: "Check the advisory named in the finding against the vendor's own statement and record the outcome.",
			JA: "所見に示された脆弱性情報をベンダー自身の公表内容と照らして確認し、結果を記録する。",
		}, refCIAJ)
}

// RuleKEV fails when the installed version is affected by a vulnerability
// known to be exploited.
func RuleKEV() netdevsec.Rule {
	return rule("firmware.kev", netdevsec.SeverityCritical, []netdevsec.ClauseID{"CIAJ-1.3.1-2"},
		netdevsec.Text{EN: "No known exploited vulnerability", JA: "悪用が確認された脆弱性がない"},
		netdevsec.Text{
			EN: "Vulnerabilities in CISA's Known Exploited Vulnerabilities catalogue are being used in attacks; a device affected by one needs action first.",
			JA: "CISA の Known Exploited Vulnerabilities カタログにある脆弱性は実際の攻撃に使われている。これに該当する機器は最優先で対処が必要である。",
		},
		netdevsec.Text{
			EN: "Apply the fix or the vendor's mitigation now (the catalogue gives a due date), and check the device for compromise.",
			JA: "直ちに修正版またはベンダーの緩和策を適用し（カタログに対応期限がある）、侵害の有無を確認する。",
		}, refKEV, refCIAJ)
}

// RuleUpdateProcedure fails when an update in the history does not
// reference a written, approved procedure.
func RuleUpdateProcedure() netdevsec.Rule {
	return rule("firmware.update.procedure", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.2-1"},
		netdevsec.Text{EN: "Updates follow a written procedure", JA: "更新が文書化された手順に従っている"},
		netdevsec.Text{
			EN: "Each installation, update and rollback in the history must name the written procedure it followed, and that procedure must be one of those recorded for the device and approved before the update.",
			JA: "履歴の導入・更新・切り戻しはそれぞれ従った手順書を示し、その手順は機器に登録され、更新前に承認されたものでなければならない。",
		},
		netdevsec.Text{
			EN: "Write and approve an update procedure, list it in facts.firmware.procedures, and reference it (procedure.id) in every history record.",
			JA: "更新手順を文書化・承認して facts.firmware.procedures に登録し、すべての履歴レコードで参照（procedure.id）する。",
		}, refCIAJ, ref62443)
}

// RuleHistoryPresent fails when a device has no update history.
func RuleHistoryPresent() netdevsec.Rule {
	return rule("firmware.history.present", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.2-2"},
		netdevsec.Text{EN: "Update history kept per device", JA: "機器ごとに更新履歴を管理している"},
		netdevsec.Text{
			EN: "Each device's firmware updates must be recorded so that the history can be viewed.",
			JA: "機器ごとのファームウェア更新を記録し、履歴を閲覧できるようにする。",
		},
		netdevsec.Text{
			EN: "Keep a JSON Lines update history per device (see package firmware/history) and reference it in facts.firmware.history.",
			JA: "機器ごとに JSON Lines 形式の更新履歴（firmware/history パッケージ参照）を作成し、facts.firmware.history で参照する。",
		}, refCIAJ)
}

// RuleHistoryIntegrity fails when the update history has been edited,
// reordered, has gaps or was cut off after a signed checkpoint.
func RuleHistoryIntegrity() netdevsec.Rule {
	return rule("firmware.history.integrity", netdevsec.SeverityHigh, []netdevsec.ClauseID{"CIAJ-1.3.2-2"},
		netdevsec.Text{EN: "Update history is intact", JA: "更新履歴が改ざんされていない"},
		netdevsec.Text{
			EN: "The history is hash-chained and may carry ed25519-signed checkpoints; an edited, reordered, incomplete or truncated history is no evidence of what was installed.",
			JA: "履歴はハッシュで連鎖し、ed25519 署名付きチェックポイントを含められる。編集・並べ替え・欠落・切り詰めのある履歴は導入内容の証拠にならない。",
		},
		netdevsec.Text{
			EN: "Find out who changed the history at the lines named, restore it from a copy, and sign checkpoints with a key kept off the device.",
			JA: "示された行の変更者を調査して控えから復元し、機器外で保管する鍵でチェックポイントに署名する。",
		}, refCIAJ, refRFC6962)
}

// RuleHistoryComplete fails when the history does not end with the
// version the device runs.
func RuleHistoryComplete() netdevsec.Rule {
	return rule("firmware.history.complete", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.2-2"},
		netdevsec.Text{EN: "Update history matches the installed version", JA: "更新履歴が導入済みバージョンと一致する"},
		netdevsec.Text{
			EN: "The last installation or update recorded must be the version the device runs; otherwise an update went unrecorded.",
			JA: "最後に記録された導入・更新のバージョンが稼働中のバージョンと一致しなければならない。一致しない場合は記録漏れの更新がある。",
		},
		netdevsec.Text{
			EN: "Record the missing update in the history, following the update procedure.",
			JA: "更新手順に従い、記録漏れの更新を履歴に追記する。",
		}, refCIAJ)
}

// RuleBackupTested fails for a production update without a backup taken
// before it and a passing test of the same version before it.
func RuleBackupTested() netdevsec.Rule {
	return rule("firmware.update.backup-tested", netdevsec.SeverityMedium, []netdevsec.ClauseID{"CIAJ-1.3.2-3"},
		netdevsec.Text{EN: "Backup and test before each production update", JA: "本番更新の前にバックアップと検証を実施している"},
		netdevsec.Text{
			EN: "Before each production update, the configuration must be backed up (since the previous update) and the same version must have passed a test or staging run.",
			JA: "本番更新の前に、（前回の更新以降に）設定をバックアップし、同じバージョンを検証環境で試験して合格している必要がある。",
		},
		netdevsec.Text{
			EN: "Record a backup and a passing staging test of the target version in the history before updating production.",
			JA: "本番を更新する前に、バックアップと対象バージョンの検証合格を履歴に記録する。",
		}, refCIAJ, ref62443)
}

// Rules returns the metadata of every rule of this package.
func Rules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleVersionRecorded(), RuleUpdateCapable(), RuleLatestAtInstall(), RuleAdvisoryAffected(), RuleAdvisoryUnknown(),
		RuleKEV(), RuleUpdateProcedure(), RuleHistoryPresent(), RuleHistoryIntegrity(), RuleHistoryComplete(), RuleBackupTested(),
	}
}
