package fax

import (
	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/password"
)

// Facts are what is known of one fax machine, MFP or fax server. Pointer
// fields and nil slices mean "not known": rules report unknown, never
// pass. Fill them by hand (inventory facts.fax), from an importer
// ([github.com/netdevsec/netdevsec/fax/hylafax]) or from your own code.
type Facts struct {
	// DoubleEntry: a manually keyed destination must be entered twice
	// and is sent only when both entries match (CIAJ-4.4-1).
	DoubleEntry *bool `yaml:"double_entry" json:"double_entry,omitempty"`
	// BroadcastConfirm: the destinations of a broadcast (multi-address)
	// send are shown and confirmed before sending.
	BroadcastConfirm *bool `yaml:"broadcast_confirm" json:"broadcast_confirm,omitempty"`
	// DirectDialRestricted: numbers may only be chosen from the address
	// book (direct dialling on the keypad is disabled).
	DirectDialRestricted *bool `yaml:"direct_dial_restricted" json:"direct_dial_restricted,omitempty"`
	// RemoteIDCheck: the remote CSI is compared with the dialled number
	// and the call is dropped before page data when they differ.
	RemoteIDCheck *bool `yaml:"remote_id_check" json:"remote_id_check,omitempty"`
	// LocalIdentity is the machine's own TSI/CSI ("" when not known).
	LocalIdentity string `yaml:"local_identity" json:"local_identity,omitempty"`

	// MemoryReceive: received documents are held in memory (memory-lock
	// or confidential receive) and printed only on a user's operation.
	MemoryReceive *bool `yaml:"memory_receive" json:"memory_receive,omitempty"`
	// AutoPrint: received documents are printed to the output tray as
	// they arrive.
	AutoPrint *bool `yaml:"auto_print" json:"auto_print,omitempty"`
	// Routing: received documents are delivered to a person (e-mail,
	// folder, per-user inbox) rather than a shared tray.
	Routing *bool `yaml:"routing" json:"routing,omitempty"`
	// Mailboxes are the F-code (SUB/SEP/PWD) mailboxes.
	Mailboxes []Mailbox `yaml:"mailboxes" json:"mailboxes,omitempty"`
	// MailboxesKnown says Mailboxes is complete even when empty.
	MailboxesKnown bool `yaml:"mailboxes_known" json:"mailboxes_known,omitempty"`
	// ReceivedFileMode is the octal permission of stored received
	// documents on a fax server ("0600"); "" when not known.
	ReceivedFileMode string `yaml:"received_file_mode" json:"received_file_mode,omitempty"`
	// PublicReceiveList: every client may list (and so find) every
	// received document (HylaFAX hfaxd PublicRecvQ).
	PublicReceiveList *bool `yaml:"public_receive_list" json:"public_receive_list,omitempty"`

	// TransmissionReport: a result report (or notification) is produced
	// for every send.
	TransmissionReport *bool `yaml:"transmission_report" json:"transmission_report,omitempty"`
	// Journal: an activity journal (transfer log) is kept.
	Journal *bool `yaml:"journal" json:"journal,omitempty"`

	// PCFax: documents can be sent from computers (PC-fax driver, fax
	// server clients).
	PCFax *bool `yaml:"pc_fax" json:"pc_fax,omitempty"`
	// PCFaxConfirm: PC-fax sends confirm the destination (re-entry or
	// address book only) like the panel does.
	PCFaxConfirm *bool `yaml:"pc_fax_confirm" json:"pc_fax_confirm,omitempty"`
	// Clients are the client access entries of a fax server (HylaFAX
	// hosts.hfaxd): who may submit faxes and read the receive queue.
	Clients []ClientAccess `yaml:"clients" json:"clients,omitempty"`

	// SenderAllowList: faxes are received only from listed senders (TSI,
	// caller ID or password qualification).
	SenderAllowList *bool `yaml:"sender_allow_list" json:"sender_allow_list,omitempty"`

	// Dial is the numbering plan of the device's numbers; nil means
	// Japan (see [DialOptions]).
	Dial *DialOptions `yaml:"dial" json:"dial,omitempty"`
	// AddressBook lists the destinations sends may go to; the transfer
	// log review flags sends elsewhere. nil skips that check.
	AddressBook []string `yaml:"address_book" json:"address_book,omitempty"`
	// MailboxNumbers are the local numbers (DID, F-code routing) that
	// deliver to a personal mailbox. nil skips that check.
	MailboxNumbers []string `yaml:"mailbox_numbers" json:"mailbox_numbers,omitempty"`
	// AllowedSenders are the sender numbers (TSIs) expected. nil skips
	// that check.
	AllowedSenders []string `yaml:"allowed_senders" json:"allowed_senders,omitempty"`

	// Credentials are the admin password, PINs and client passwords
	// found by an importer; the password rules judge them.
	Credentials []password.Credential `yaml:"-" json:"-"`
	// Locations say where a fact was read, keyed by its YAML name
	// ("received_file_mode"); findings about it point there.
	Locations map[string]*netdevsec.Location `yaml:"-" json:"-"`
}

// Mailbox is an F-code mailbox (confidential box, bulletin board, relay
// box) or a routing rule keyed by subaddress.
type Mailbox struct {
	// Name is the box's name or number on the device.
	Name string `yaml:"name" json:"name"`
	// Kind is "confidential", "bulletin", "relay" or "routing".
	Kind string `yaml:"kind" json:"kind,omitempty"`
	// SUB is the subaddress senders use to reach the box.
	SUB string `yaml:"sub" json:"sub,omitempty"`
	// SEP is the polling address of a bulletin box.
	SEP string `yaml:"sep" json:"sep,omitempty"`
	// HasPassword says a PWD is set; nil unknown.
	HasPassword *bool `yaml:"has_password" json:"has_password,omitempty"`
	// Password is the box's PWD when an importer saw it; never printed.
	Password netdevsec.Secret `yaml:"-" json:"-"`
	// Location is where the box was read.
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// ClientAccess is one client access entry of a fax server.
type ClientAccess struct {
	// Pattern is the client pattern as written (a regular expression on
	// "user@host" for HylaFAX).
	Pattern string `yaml:"pattern" json:"pattern"`
	// Deny: the entry refuses matching clients.
	Deny bool `yaml:"deny" json:"deny,omitempty"`
	// Anchored: the pattern cannot match a longer, unintended user or
	// host name (it is anchored at both ends, or implicitly so).
	Anchored bool `yaml:"anchored" json:"anchored"`
	// Password: clients of the entry must give a password.
	Password bool `yaml:"password" json:"password"`
	// AdminPassword: the entry may gain administrative rights with a
	// password.
	AdminPassword bool `yaml:"admin_password" json:"admin_password,omitempty"`
	// Location is where the entry was read.
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

func (f Facts) loc(field string) *netdevsec.Location {
	if f.Locations == nil {
		return nil
	}
	return f.Locations[field]
}
