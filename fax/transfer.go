package fax

import (
	"fmt"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// TransferKind is the kind of a transfer-log record.
type TransferKind string

// Transfer kinds (the record types of HylaFAX's xferfaxlog).
const (
	KindSend TransferKind = "SEND"
	KindRecv TransferKind = "RECV"
	KindPoll TransferKind = "POLL"
	KindPage TransferKind = "PAGE"
	KindCall TransferKind = "CALL"
)

// Transfer is one record of a fax transfer log (journal), independent of
// the product that wrote it.
type Transfer struct {
	Kind TransferKind `json:"kind"`
	Time time.Time    `json:"time"`
	// CommID is the communication identifier of the call.
	CommID string `json:"commid,omitempty"`
	Modem  string `json:"modem,omitempty"`
	// JobID identifies the send job; retries of a job share it.
	JobID string `json:"jobid,omitempty"`
	// Owner is who submitted a send.
	Owner string `json:"owner,omitempty"`
	// Number is the dialled number of a SEND, POLL or PAGE, the local
	// number of a RECV or CALL.
	Number string `json:"number,omitempty"`
	// RemoteID is the remote machine's identity: the CSI of a SEND, the
	// TSI of a RECV or POLL.
	RemoteID string `json:"remote_id,omitempty"`
	Pages    int    `json:"pages"`
	// Reason is the problem reported for the session; "" means success.
	Reason   string              `json:"reason,omitempty"`
	Location *netdevsec.Location `json:"location,omitempty"`
}

// LogOptions tune a [TransferAnalyzer]. The zero value (or nil) checks
// remote identities with the Japanese numbering plan and skips the
// address-book, mailbox and sender checks, which need lists.
type LogOptions struct {
	// Match compares dialled numbers with remote identities.
	Match *MatchOptions
	// AddressBook lists the numbers sends may go to; nil skips the check.
	AddressBook []string
	// MailboxNumbers are local numbers (DID, subaddress routing) that
	// deliver to a personal mailbox; a RECV on another number went to
	// the shared tray. nil skips the check.
	MailboxNumbers []string
	// AllowedSenders are the sender numbers (TSIs) expected; nil skips
	// the check.
	AllowedSenders []string
	// SpikeThreshold is how many receives from one sender within
	// SpikeWindow make a volume spike; 0 means 20.
	SpikeThreshold int
	// SpikeWindow is the window of SpikeThreshold; 0 means one hour.
	SpikeWindow time.Duration
	// MaxFindings bounds the findings of each rule (the rest are
	// counted in a summary); 0 means 1000.
	MaxFindings int
	// MaxTracked bounds the jobs and senders kept in memory; 0 means
	// 100000. Beyond it the oldest are dropped.
	MaxTracked int
}

// RuleLogMisdirected fails for every send whose remote CSI contradicts
// the dialled number.
func RuleLogMisdirected() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.log.misdirected", Severity: netdevsec.SeverityHigh,
		Clauses: clauses("CIAJ-4.3-1", "CIAJ-4.3-2", "CIAJ-4.4-1"),
		Title:   t("Sends reached the dialled machine", "送信がダイヤルした相手機に届いている"),
		Description: t("A send whose remote CSI does not belong to the dialled number probably reached the wrong machine: a mis-keyed or outdated number (misdirection) or a misconnected call.",
			"相手機の CSI がダイヤル番号と一致しない送信は、誤った機器に届いた可能性が高い。番号の押し間違いや古い番号（誤送信）、または誤接続である。"),
		Remediation: t("Contact the addressee and the unintended recipient, ask for the document to be destroyed, correct the number in the address book, and enable double entry and the remote-ID check.",
			"宛先と誤って受信した相手に連絡して文書の破棄を依頼し、アドレス帳の番号を訂正し、宛先の二重入力と相手先識別情報のチェックを有効にする。"),
		References: []netdevsec.Reference{refT30, refHylaFAX},
	}
}

// RuleLogUnlistedDestination fails for sends to numbers outside the
// address book.
func RuleLogUnlistedDestination() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.log.unlisted-destination", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-1"),
		Title:   t("Sends go only to address-book destinations", "送信先がアドレス帳の宛先に限られている"),
		Description: t("A send to a number outside the reviewed address book was keyed by hand: it is where misdirected faxes come from, and it may be an unauthorised send.",
			"確認済みのアドレス帳にない番号への送信は手入力されたものである。誤送信の原因であり、無断送信の可能性もある。"),
		Remediation: t("Check the send with its owner; add legitimate destinations to the address book and restrict direct dialling.",
			"送信者に確認し、正当な宛先はアドレス帳に登録し、直接ダイヤルを制限する。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleLogUnconfirmed fails for send jobs whose last attempt did not
// deliver.
func RuleLogUnconfirmed() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.log.unconfirmed", Severity: netdevsec.SeverityMedium,
		Clauses: clauses("CIAJ-4.3-4"),
		Title:   t("Every send job was delivered", "すべての送信ジョブが配信されている"),
		Description: t("A send job whose last attempt failed, or transferred no page, did not deliver the document; the sender may believe it did.",
			"最後の試行が失敗した、または 1 ページも送れなかった送信ジョブは、文書を届けていない。送信者は届いたと思っているかもしれない。"),
		Remediation: t("Tell the job's owner, resend after checking the number, and make sure result notifications reach the sender.",
			"ジョブの送信者に知らせ、番号を確認してから再送し、結果通知が送信者に届くようにする。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// RuleLogReceiveNoMailbox fails for receives that did not land in a
// personal mailbox.
func RuleLogReceiveNoMailbox() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.log.receive-no-mailbox", Severity: netdevsec.SeverityLow,
		Clauses: clauses("CIAJ-4.3-3", "CIAJ-4.4-2"),
		Title:   t("Receives land in a mailbox", "受信がボックスに蓄積されている"),
		Description: t("A fax received on a number that routes to no personal mailbox went to the shared tray or queue, where others can take it.",
			"個人のボックスに振り分けられない番号で受信したファクスは、共用のトレイやキューに置かれ、他人が持ち去れる。"),
		Remediation: t("Give senders of confidential documents a mailbox number or F-code subaddress, and route the remaining receives to their addressees.",
			"機密文書の送信元にはボックスの番号や F コードのサブアドレスを伝え、それ以外の受信も宛先本人に振り分ける。"),
		References: []netdevsec.Reference{refFASEC},
	}
}

// RuleLogUnknownSender fails for receives from senders outside the
// expected list.
func RuleLogUnknownSender() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.log.unknown-sender", Severity: netdevsec.SeverityLow,
		Clauses: clauses("CIAJ-4.3-2", "CIAJ-1.4.2-3"),
		Title:   t("Receives come from known senders", "受信が既知の送信元からである"),
		Description: t("A receive from an unknown or anonymous TSI is a misconnected call, junk, or someone probing the line.",
			"未知または匿名の TSI からの受信は、誤接続、迷惑ファクス、または回線の探索である。"),
		Remediation: t("Review the receive; add legitimate senders to the allow-list and enable sender qualification (QualifyTSI).",
			"受信内容を確認し、正当な送信元は許可リストに加え、送信元確認（QualifyTSI）を有効にする。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// RuleLogReceiveSpike fails when one sender sends an unusual number of
// faxes in a short time.
func RuleLogReceiveSpike() netdevsec.Rule {
	return netdevsec.Rule{
		ID: "fax.log.receive-spike", Severity: netdevsec.SeverityLow,
		Clauses: clauses("CIAJ-1.4.2-3"),
		Title:   t("No receive volume spikes", "受信量の急増がない"),
		Description: t("Many receives from one sender in a short window are junk-fax floods or a machine stuck resending, and fill the tray with documents nobody collects.",
			"短時間に同じ送信元から多数受信するのは、迷惑ファクスの大量送信や再送を繰り返す機器であり、誰も回収しない文書でトレイが埋まる。"),
		Remediation: t("Identify the sender; block it (QualifyTSI \"!\" pattern) or contact it to stop the resends.",
			"送信元を特定し、拒否する（QualifyTSI の「!」パターン）か、連絡して再送を止めてもらう。"),
		References: []netdevsec.Reference{refHylaFAX},
	}
}

// LogRules returns the rules of [TransferAnalyzer].
func LogRules() []netdevsec.Rule {
	return []netdevsec.Rule{
		RuleLogMisdirected(), RuleLogUnlistedDestination(), RuleLogUnconfirmed(),
		RuleLogReceiveNoMailbox(), RuleLogUnknownSender(), RuleLogReceiveSpike(),
	}
}

// TransferAnalyzer reviews a transfer log record by record, in bounded
// memory: feed it with [TransferAnalyzer.Add] in log order, then take
// [TransferAnalyzer.Findings]. It is not safe for concurrent use.
type TransferAnalyzer struct {
	device string
	o      LogOptions
	book   map[string]bool // address-book numbers, by bookKey
	boxes  map[string]bool

	counts  map[string]int // per rule: fails seen
	fails   map[string][]netdevsec.Finding
	sends   int
	checked int // sends whose CSI was compared
	unver   int // sends whose CSI could not be checked
	recvs   int

	jobs     map[string]*jobState
	jobOrder []string
	senders  map[string]*senderState
}

type jobState struct {
	last      Transfer
	delivered bool
}

type senderState struct {
	times  []time.Time
	inLoop bool
}

// NewTransferAnalyzer returns an analyzer for device's log.
func NewTransferAnalyzer(device string, opts *LogOptions) *TransferAnalyzer {
	var o LogOptions
	if opts != nil {
		o = *opts
	}
	if o.SpikeThreshold <= 0 {
		o.SpikeThreshold = 20
	}
	if o.SpikeWindow <= 0 {
		o.SpikeWindow = time.Hour
	}
	if o.MaxFindings <= 0 {
		o.MaxFindings = 1000
	}
	if o.MaxTracked <= 0 {
		o.MaxTracked = 100000
	}
	a := &TransferAnalyzer{device: device, o: o, counts: map[string]int{}, fails: map[string][]netdevsec.Finding{},
		jobs: map[string]*jobState{}, senders: map[string]*senderState{}}
	var dial *DialOptions
	if o.Match != nil {
		dial = o.Match.Dial
	}
	if o.AddressBook != nil {
		a.book = map[string]bool{}
		for _, s := range o.AddressBook {
			if n, err := ParseNumber(s, dial); err == nil {
				a.book[bookKey(n)] = true
			}
		}
	}
	if o.MailboxNumbers != nil {
		a.boxes = map[string]bool{}
		for _, s := range o.MailboxNumbers {
			a.boxes[numberKey(s, dial)] = true
		}
	}
	return a
}

func numberKey(s string, dial *DialOptions) string {
	if n, err := ParseNumber(s, dial); err == nil {
		return n.String()
	}
	return strings.TrimSpace(s)
}

func (a *TransferAnalyzer) fail(r netdevsec.Rule, x netdevsec.Finding) {
	a.counts[r.ID]++
	if len(a.fails[r.ID]) < a.o.MaxFindings {
		a.fails[r.ID] = append(a.fails[r.ID], x)
	}
}

// Add reviews one record.
func (a *TransferAnalyzer) Add(tr Transfer) {
	switch tr.Kind {
	case KindSend:
		a.addSend(tr)
	case KindRecv:
		a.addRecv(tr)
	}
}

func (a *TransferAnalyzer) dial() *DialOptions {
	if a.o.Match == nil {
		return nil
	}
	return a.o.Match.Dial
}

func (a *TransferAnalyzer) addSend(tr Transfer) {
	a.sends++
	ev := []netdevsec.Evidence{netdevsec.E("dialled", tr.Number), netdevsec.E("csi", tr.RemoteID)}
	if tr.JobID != "" {
		ev = append(ev, netdevsec.E("job", tr.JobID))
	}
	if tr.Owner != "" {
		ev = append(ev, netdevsec.E("owner", tr.Owner))
	}
	m := MatchRemoteID(tr.Number, tr.RemoteID, a.o.Match)
	switch m.Verdict {
	case VerdictMismatch:
		a.checked++
		r := RuleLogMisdirected()
		x := r.Fail(a.device, fmt.Sprintf("%ssent to %q but the remote CSI is %q: %s", stamp(tr.Time), tr.Number, tr.RemoteID, m.Reason), ev...)
		x.Location = tr.Location
		a.fail(r, x)
	case VerdictMatch:
		a.checked++
	default:
		a.unver++
	}
	if a.book != nil {
		n, err := ParseNumber(tr.Number, a.dial())
		if err != nil || !a.book[bookKey(n)] {
			r := RuleLogUnlistedDestination()
			x := r.Fail(a.device, fmt.Sprintf("%ssent to %q, which is not in the address book", stamp(tr.Time), tr.Number), ev...)
			x.Location = tr.Location
			a.fail(r, x)
		}
	}
	key := tr.JobID
	if key == "" {
		key = "commid:" + tr.CommID
	}
	js, ok := a.jobs[key]
	if !ok {
		if len(a.jobOrder) >= a.o.MaxTracked {
			a.flushJob(a.jobOrder[0])
			a.jobOrder = a.jobOrder[1:]
		}
		js = &jobState{}
		a.jobs[key] = js
		a.jobOrder = append(a.jobOrder, key)
	}
	js.last = tr
	js.delivered = tr.Reason == "" && tr.Pages > 0
}

// stamp returns "2006-01-02 15:04 " for messages, "" for a zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04 ")
}

// bookKey identifies a destination in the address book: the extension
// is dialled after the call is set up and does not change the machine.
func bookKey(n Number) string {
	if n.Local {
		return "local:" + n.National
	}
	return n.CountryCode + ":" + n.National
}

func (a *TransferAnalyzer) flushJob(key string) {
	js := a.jobs[key]
	delete(a.jobs, key)
	if js == nil || js.delivered {
		return
	}
	r := RuleLogUnconfirmed()
	tr := js.last
	why := tr.Reason
	if why == "" {
		why = "no page transferred"
	}
	ev := []netdevsec.Evidence{netdevsec.E("dialled", tr.Number), netdevsec.E("reason", why)}
	if tr.JobID != "" {
		ev = append(ev, netdevsec.E("job", tr.JobID))
	}
	x := r.Fail(a.device, fmt.Sprintf("send job %s to %q was not delivered: %s", cmpOr(tr.JobID, tr.CommID), tr.Number, why), ev...)
	x.Location = tr.Location
	a.fail(r, x)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (a *TransferAnalyzer) addRecv(tr Transfer) {
	a.recvs++
	ev := []netdevsec.Evidence{netdevsec.E("local_number", tr.Number), netdevsec.E("tsi", tr.RemoteID)}
	at := stamp(tr.Time)
	if a.boxes != nil && !a.boxes[numberKey(tr.Number, a.dial())] {
		r := RuleLogReceiveNoMailbox()
		x := r.Fail(a.device, fmt.Sprintf("%sreceived on %q, which routes to no mailbox", at, tr.Number), ev...)
		x.Location = tr.Location
		a.fail(r, x)
	}
	if a.o.AllowedSenders != nil {
		known := false
		for _, s := range a.o.AllowedSenders {
			if MatchRemoteID(s, tr.RemoteID, a.o.Match).Verdict == VerdictMatch {
				known = true
				break
			}
		}
		if !known {
			r := RuleLogUnknownSender()
			what := fmt.Sprintf("unknown sender TSI %q", tr.RemoteID)
			if strings.TrimSpace(tr.RemoteID) == "" {
				what = "an anonymous sender (empty TSI)"
			}
			x := r.Fail(a.device, fmt.Sprintf("%sreceived from %s", at, what), ev...)
			x.Location = tr.Location
			a.fail(r, x)
		}
	}
	// Volume spikes per sender.
	key := onlyDigits(tr.RemoteID)
	if key == "" {
		key = strings.TrimSpace(tr.RemoteID)
	}
	s, ok := a.senders[key]
	if !ok {
		if len(a.senders) >= a.o.MaxTracked {
			return
		}
		s = &senderState{}
		a.senders[key] = s
	}
	cut := tr.Time.Add(-a.o.SpikeWindow)
	i := 0
	for i < len(s.times) && !s.times[i].After(cut) {
		i++
	}
	s.times = append(s.times[i:], tr.Time)
	if len(s.times) >= a.o.SpikeThreshold {
		if !s.inLoop {
			s.inLoop = true
			r := RuleLogReceiveSpike()
			x := r.Fail(a.device, fmt.Sprintf("%d receives from TSI %q within %v (%s)", len(s.times), tr.RemoteID, a.o.SpikeWindow, strings.TrimSpace(at)), ev...)
			x.Location = tr.Location
			a.fail(r, x)
		}
		s.times = s.times[1:]
	} else {
		s.inLoop = false
	}
}

// Findings returns the findings of every log rule: each failing record,
// or a pass (or unknown) summary when none failed. Call it once, after
// the last [TransferAnalyzer.Add].
func (a *TransferAnalyzer) Findings() []netdevsec.Finding {
	for _, k := range a.jobOrder {
		a.flushJob(k)
	}
	a.jobOrder = nil
	var out []netdevsec.Finding
	summary := func(r netdevsec.Rule, applicable bool, naMsg, passMsg string) {
		fs := a.fails[r.ID]
		out = append(out, fs...)
		if n := a.counts[r.ID]; n > len(fs) {
			out = append(out, r.Fail(a.device, fmt.Sprintf("%d more records fail this rule (not listed)", n-len(fs))))
		}
		switch {
		case len(fs) > 0:
		case !applicable:
			out = append(out, r.NotApplicable(a.device, naMsg))
		default:
			out = append(out, r.Pass(a.device, passMsg))
		}
	}
	mis := RuleLogMisdirected()
	summary(mis, a.sends > 0, "no send in the log",
		fmt.Sprintf("%d send(s) with a checkable CSI all matched the dialled number", a.checked))
	if a.unver > 0 {
		out = append(out, mis.Unknown(a.device, fmt.Sprintf("%d of %d send(s) could not be checked: empty, non-numeric or too short CSI", a.unver, a.sends)))
	}
	summary(RuleLogUnlistedDestination(), a.sends > 0 && a.o.AddressBook != nil, "no send, or no address book given",
		fmt.Sprintf("all %d send(s) went to address-book destinations", a.sends))
	summary(RuleLogUnconfirmed(), a.sends > 0, "no send in the log", "every send job was delivered")
	summary(RuleLogReceiveNoMailbox(), a.recvs > 0 && a.boxes != nil, "no receive, or no mailbox numbers given",
		fmt.Sprintf("all %d receive(s) landed in mailboxes", a.recvs))
	summary(RuleLogUnknownSender(), a.recvs > 0 && a.o.AllowedSenders != nil, "no receive, or no sender list given",
		fmt.Sprintf("all %d receive(s) came from known senders", a.recvs))
	summary(RuleLogReceiveSpike(), a.recvs > 0, "no receive in the log",
		fmt.Sprintf("no sender exceeded %d receives in %v", a.o.SpikeThreshold, a.o.SpikeWindow))
	return out
}
