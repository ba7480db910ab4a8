package fax

import (
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/fax/hylafax"
	"github.com/netdevsec/netdevsec/password"
)

// HylaFAX defaults (hylafax-config(5), hfaxd(8)).
const (
	hylafaxRecvFileMode = "0600"
	hylafaxNotifyCmd    = "bin/notify"
	hylafaxFaxRcvdCmd   = "bin/faxrcvd"
)

// FromHylaFAX derives facts from a parsed HylaFAX configuration. What
// HylaFAX cannot do or does not record (double entry, broadcast
// confirmation, remote-ID check) stays unknown; defaults of the man pages
// apply to settings that are absent.
func FromHylaFAX(sys *hylafax.System) Facts {
	f := Facts{Locations: map[string]*netdevsec.Location{}, MailboxesKnown: true}
	set := func(field string, l *netdevsec.Location) {
		if l != nil {
			f.Locations[field] = l
		}
	}
	yes, no := true, false

	// Received files: the most permissive mode of any modem wins.
	mode, modeLoc := hylafaxRecvFileMode, (*netdevsec.Location)(nil)
	modems := sys.Modems
	if len(modems) == 0 {
		modems = []*hylafax.Config{nil}
	}
	allQualified := true
	for _, m := range modems {
		v, l := sys.Setting(m, "RecvFileMode", hylafaxRecvFileMode)
		if permissive(v) >= permissive(mode) && (l != nil || modeLoc == nil) {
			mode, modeLoc = v, l
		}
		if f.LocalIdentity == "" {
			id, l := sys.Setting(m, "LocalIdentifier", "")
			if id == "" {
				id, l = sys.Setting(m, "FAXNumber", "")
			}
			if id != "" {
				f.LocalIdentity = id
				set("local_identity", l)
			}
		}
		tsi, tl := sys.Setting(m, "QualifyTSI", "")
		pwd, pl := sys.Setting(m, "QualifyPWD", "")
		q := (tsi != "" && sys.TSI[tsi].Restrictive()) || (pwd != "" && sys.PWD[pwd].Restrictive())
		if !q {
			allQualified = false
		}
		if tl != nil {
			set("sender_allow_list", tl)
		} else if pl != nil {
			set("sender_allow_list", pl)
		}
	}
	f.ReceivedFileMode = mode
	set("received_file_mode", modeLoc)
	f.SenderAllowList = &allQualified

	// Notification of send results: bin/notify mails the submitter, by
	// default only when a job fails (sendfax(1)); hyla.conf "Notify: done"
	// (or "requeued") confirms every delivery.
	notify, nl := sys.Setting(nil, "NotifyCmd", hylafaxNotifyCmd)
	report := false
	if e, ok := sys.Client.Get("Notify"); ok {
		v := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(e.Value)), "when ")
		report = v == "done" || v == "requeued"
		l := e.Location
		nl = &l
	}
	if strings.TrimSpace(notify) == "" || strings.HasSuffix(notify, "/true") {
		report = false
	}
	f.TransmissionReport = &report
	set("transmission_report", nl)
	// HylaFAX always writes etc/xferfaxlog.
	f.Journal = &yes

	// Received documents: FaxRcvdCmd mails FaxMaster by default;
	// FaxDispatch routes and may print.
	rcvd, rl := sys.Setting(firstModem(sys), "FaxRcvdCmd", hylafaxFaxRcvdCmd)
	set("memory_receive", rl)
	f.AutoPrint = &no
	if strings.Contains(" "+rcvd+" ", " lp ") || strings.Contains(" "+rcvd+" ", " lpr ") {
		f.AutoPrint = &yes
	}
	if d := sys.Dispatch; d != nil {
		if d.Prints {
			f.AutoPrint = &yes
			set("memory_receive", d.PrintsLocation)
		}
		routed := false
		for _, r := range d.Routes {
			if r.SendTo != "" && !strings.EqualFold(r.SendTo, "FaxMaster") {
				routed = true
			}
			if r.On == "SUBADDR" {
				l := r.Location
				for _, p := range strings.Split(r.Pattern, "|") {
					f.Mailboxes = append(f.Mailboxes, Mailbox{Name: r.SendTo, Kind: "routing", SUB: strings.TrimSpace(p), Location: &l})
				}
			}
		}
		f.Routing = &routed
	} else {
		f.Routing = &no
	}

	// hfaxd: the PC-fax side.
	hfaxd := sys.Setup == nil || sys.Setup["HFAXD_SERVER"] == "yes" || sys.Setup["HFAXD_SERVER"] == "1"
	public := true
	if e, ok := sys.Hfaxd.Get("PublicRecvQ"); ok {
		public = isYes(e.Value)
		l := e.Location
		set("public_receive_list", &l)
	}
	if hfaxd {
		f.PublicReceiveList = &public
	}
	f.PCFax = &hfaxd
	if h := sys.Hosts; h != nil && hfaxd {
		f.Clients = []ClientAccess{}
		for _, e := range h.Entries {
			l := e.Location
			f.Clients = append(f.Clients, ClientAccess{Pattern: e.Pattern, Deny: e.Deny, Anchored: e.Anchored,
				Password: !e.Password.IsZero(), AdminPassword: !e.AdminPassword.IsZero(), Location: &l})
			name := "hosts.hfaxd " + e.Pattern
			if !e.Password.IsZero() {
				f.Credentials = append(f.Credentials, password.Credential{Name: name, Kind: password.KindLogin,
					Hash: e.Password, Storage: cryptStorage(e.Password.Reveal()), Location: &l})
			}
			if !e.AdminPassword.IsZero() {
				f.Credentials = append(f.Credentials, password.Credential{Name: name + " (admin)", Kind: password.KindFaxAdmin,
					Hash: e.AdminPassword, Storage: cryptStorage(e.AdminPassword.Reveal()), Location: &l})
			}
		}
	}
	if len(f.Locations) == 0 {
		f.Locations = nil
	}
	return f
}

func firstModem(sys *hylafax.System) *hylafax.Config {
	if len(sys.Modems) > 0 {
		return sys.Modems[0]
	}
	return nil
}

func isYes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "on", "true", "1":
		return true
	}
	return false
}

// permissive ranks a mode by its group/other bits; an unreadable mode
// ranks highest so that it is reported.
func permissive(mode string) int {
	var m int
	for _, c := range mode {
		if c < '0' || c > '7' {
			return 1 << 10
		}
		m = m*8 + int(c-'0')
		if m > 0o7777 {
			return 1 << 10
		}
	}
	return m & 0o077
}

// cryptStorage classifies a crypt(3) hash by its prefix.
func cryptStorage(h string) password.Storage {
	switch {
	case strings.HasPrefix(h, "$5$"), strings.HasPrefix(h, "$6$"), strings.HasPrefix(h, "$2"),
		strings.HasPrefix(h, "$y$"), strings.HasPrefix(h, "$7$"), strings.HasPrefix(h, "$gy$"):
		return password.StorageStrongHash
	case strings.HasPrefix(h, "$1$"), len(h) == 13 && !strings.HasPrefix(h, "$"):
		return password.StorageWeakHash
	}
	return password.StorageUnknown
}

// TransferFromHylaFAX converts an xferfaxlog record.
func TransferFromHylaFAX(r hylafax.Record) Transfer {
	l := r.Location
	t := Transfer{Kind: TransferKind(r.Kind), Time: r.Time, CommID: r.CommID, Modem: r.Modem, Number: r.Number,
		RemoteID: r.RemoteID, Pages: r.Pages, Reason: r.Reason, Location: &l}
	switch r.Kind {
	case "SEND", "POLL", "PAGE":
		t.JobID = r.JobID
		t.Owner = r.Owner
		if t.Owner == "" {
			t.Owner = r.Sender
		}
	}
	return t
}
