package pbx

import (
	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/dialplan"
)

// Platform names the PBX software a configuration was read from.
type Platform string

// Platforms the importers read.
const (
	PlatformAsterisk   Platform = "asterisk"
	PlatformFreeSWITCH Platform = "freeswitch"
)

// Facts are what is known of one IP-PBX: its SIP endpoints and trunks, its
// dial plan, the exposure of its services and its call-record settings.
// Importers ([ImportAsterisk], [ImportFreeSWITCH]) fill them from config
// files; an embedding program may fill them itself. Pointer fields mean
// "not known" when nil: rules report unknown, never pass.
type Facts struct {
	Platform Platform `json:"platform,omitempty"`

	// Endpoints are the SIP peers, users, endpoints and gateways,
	// trunks included (see [Endpoint.Trunk]).
	Endpoints []Endpoint `json:"endpoints,omitempty"`

	// Guest describes calls from unidentified (guest or anonymous)
	// callers: chan_sip allowguest, a PJSIP "anonymous" endpoint, a
	// FreeSWITCH profile that does not authenticate calls.
	Guest Guest `json:"guest"`

	// AlwaysAuthReject is chan_sip's alwaysauthreject (nil: not set, and
	// the platform default applies; see [Facts.AuthRejectUniform]).
	AlwaysAuthReject *bool `json:"always_auth_reject,omitempty"`
	// AutoCreatePeer is chan_sip's autocreatepeer, or FreeSWITCH's
	// accept-blind-reg / accept-blind-auth: registration without an
	// account.
	AutoCreatePeer *bool `json:"auto_create_peer,omitempty"`
	// AutoCreateSource says which setting AutoCreatePeer came from.
	AutoCreateSource *netdevsec.Location `json:"auto_create_source,omitempty"`

	// Dialplan is the parsed dial plan.
	Dialplan *dialplan.Plan `json:"-"`

	// Services are the network listeners the configuration enables (SIP,
	// RTP, AMI, HTTP/ARI, event socket).
	Services []Service `json:"services,omitempty"`

	// Accounts are management logins found in the configuration (AMI
	// users of manager.conf, the FreeSWITCH event-socket password).
	Accounts []Account `json:"accounts,omitempty"`

	// CDR are the call-record settings.
	CDR CDRSettings `json:"cdr"`

	// Problems are the lines the importer did not understand or could
	// not follow (unknown syntax, missing or cyclic includes). One bad
	// line never loses the rest of the file.
	Problems []Problem `json:"problems,omitempty"`

	// Recorded holds what the inventory records about the PBX and its
	// carriers (facts.pbx): what cannot be read from its configuration.
	Recorded Recorded `json:"recorded"`
}

// Endpoint is one SIP account, peer or gateway.
type Endpoint struct {
	Name string `json:"name"`
	// Type is the configuration object: "peer", "user", "friend"
	// (chan_sip), "endpoint" (PJSIP), "user" or "gateway" (FreeSWITCH).
	Type string `json:"type,omitempty"`
	// User is the authentication user name (defaults to Name).
	User string `json:"user,omitempty"`
	// Secret is the SIP password; never printed.
	Secret netdevsec.Secret `json:"-"`
	// SecretHashed is true when the config stores an MD5 digest hash
	// (md5secret, auth_type=md5) instead of the password.
	SecretHashed bool `json:"secret_hashed,omitempty"`
	// Context is where calls from the endpoint enter the dial plan.
	Context string `json:"context,omitempty"`
	// Trunk is true for a connection to a carrier or another PBX rather
	// than a terminal (a registration, a fixed host, an identify-by-IP
	// match, a FreeSWITCH gateway, or named so in facts.pbx.trunks).
	Trunk bool `json:"trunk,omitempty"`
	// Host is the fixed host or "dynamic".
	Host string `json:"host,omitempty"`
	// InsecureInvite is chan_sip insecure=invite: INVITEs are not
	// challenged.
	InsecureInvite bool `json:"insecure_invite,omitempty"`
	// IPAuth is true when the endpoint is identified by source address
	// only (PJSIP identify, FreeSWITCH ACL-authenticated gateway).
	IPAuth bool `json:"ip_auth,omitempty"`
	// Permit and Deny are the source ACL (permit/deny, acl=, PJSIP
	// type=acl); ContactPermit/ContactDeny restrict registered contacts.
	Permit        []string `json:"permit,omitempty"`
	Deny          []string `json:"deny,omitempty"`
	ACLNames      []string `json:"acl,omitempty"`
	ContactPermit []string `json:"contact_permit,omitempty"`
	ContactDeny   []string `json:"contact_deny,omitempty"`
	// Location is where the endpoint is defined.
	Location *netdevsec.Location `json:"location,omitempty"`
}

// HasACL reports whether the endpoint restricts its source addresses.
func (e Endpoint) HasACL() bool {
	return len(e.Permit) > 0 || len(e.ACLNames) > 0 || len(e.ContactPermit) > 0
}

// HasSecret reports whether the endpoint authenticates with a password
// (plain or hashed).
func (e Endpoint) HasSecret() bool { return !e.Secret.IsZero() || e.SecretHashed }

// Account is a management login of the PBX.
type Account struct {
	// Service is "ami" or "event-socket".
	Service  string              `json:"service"`
	User     string              `json:"user,omitempty"`
	Secret   netdevsec.Secret    `json:"-"`
	Location *netdevsec.Location `json:"location,omitempty"`
}

// Guest describes the handling of callers that match no endpoint.
type Guest struct {
	// Allowed is true when such calls are accepted (nil: not known).
	Allowed *bool `json:"allowed,omitempty"`
	// Context is the dial-plan context guest calls enter.
	Context string `json:"context,omitempty"`
	// Source says which setting allows them.
	Source *netdevsec.Location `json:"source,omitempty"`
	// Why is the setting, for people ("allowguest default yes").
	Why string `json:"why,omitempty"`
}

// Service is one network listener of the PBX.
type Service struct {
	// Kind is "sip", "rtp", "ami", "http", "ari", "event-socket".
	Kind string `json:"kind"`
	// Transport is "udp", "tcp", "tls", "ws", "wss" or "" when implied.
	Transport string `json:"transport,omitempty"`
	// Bind is the listening address ("0.0.0.0", "127.0.0.1", "::").
	Bind string `json:"bind,omitempty"`
	Port int    `json:"port,omitempty"`
	// Restricted is true when the service itself restricts sources
	// (AMI permit/deny, an event-socket apply-inbound-acl).
	Restricted bool                `json:"restricted,omitempty"`
	Location   *netdevsec.Location `json:"location,omitempty"`
}

// Loopback reports whether the service listens on loopback only.
func (s Service) Loopback() bool {
	switch s.Bind {
	case "127.0.0.1", "::1", "localhost", "[::1]":
		return true
	}
	return false
}

// CDRSettings are the call-record settings.
type CDRSettings struct {
	// Enabled is whether call records are written (nil: not known).
	Enabled *bool `json:"enabled,omitempty"`
	// Backends are the writers ("csv", "custom", "odbc", "mod_cdr_csv").
	Backends []string `json:"backends,omitempty"`
	// UnansweredLogged is cdr.conf unanswered=yes: failed attempts,
	// which show fraud probing, are recorded too.
	UnansweredLogged *bool `json:"unanswered_logged,omitempty"`
	// Location is where the settings were read.
	Location *netdevsec.Location `json:"location,omitempty"`
}

// Problem is a line an importer did not understand.
type Problem struct {
	Location netdevsec.Location `json:"location"`
	Message  string             `json:"message"`
}

// String returns "file:line: message".
func (p Problem) String() string { return p.Location.String() + ": " + p.Message }

// Recorded is what the inventory records about a PBX in facts.pbx: the
// organisation's needs and the carriers' services, which no
// configuration file shows.
type Recorded struct {
	// InternationalNeeded says whether the organisation needs
	// international calls at all (nil: not recorded).
	InternationalNeeded *bool `yaml:"international_needed" json:"international_needed,omitempty"`
	// InternationalContexts are the dial-plan contexts allowed to reach
	// international numbers (e.g. the context of a few named phones).
	InternationalContexts []string `yaml:"international_contexts" json:"international_contexts,omitempty"`
	// InternationalExtensions are the extensions allowed to place
	// international calls (used by the CDR review).
	InternationalExtensions []string `yaml:"international_extensions" json:"international_extensions,omitempty"`
	// InternationalPrefixes replaces the default table of international
	// prefixes (010, 00, 011, +); a PBX in Japan that dials Sapporo
	// (011) sets [010, "00", "+"].
	InternationalPrefixes []string `yaml:"international_prefixes" json:"international_prefixes,omitempty"`
	// InboundContexts are contexts that receive calls from the public
	// network besides those of trunks found in the config.
	InboundContexts []string `yaml:"inbound_contexts" json:"inbound_contexts,omitempty"`
	// Firewall says whether the PBX sits behind a firewall that limits
	// SIP/RTP/management to known networks (nil: not recorded).
	Firewall *bool `yaml:"firewall" json:"firewall,omitempty"`
	// InternetExposed says whether SIP is reachable from the internet.
	InternetExposed *bool `yaml:"internet_exposed" json:"internet_exposed,omitempty"`
	// Trunks record each carrier line.
	Trunks []RecordedTrunk `yaml:"trunks" json:"trunks,omitempty"`
	// Holidays are extra non-working dates (YYYY-MM-DD) for CDR review.
	Holidays []string `yaml:"holidays" json:"holidays,omitempty"`
	// BusinessHours is "HH:MM-HH:MM" (default 08:00-20:00).
	BusinessHours string `yaml:"business_hours" json:"business_hours,omitempty"`
}

// RecordedTrunk is one carrier line as the inventory records it.
type RecordedTrunk struct {
	// Name matches the endpoint or gateway name in the configuration.
	Name string `yaml:"name" json:"name"`
	// Carrier names the carrier.
	Carrier string `yaml:"carrier" json:"carrier,omitempty"`
	// InternationalBlocked says whether the carrier's international
	// call-blocking service is active on this line (nil: not recorded).
	InternationalBlocked *bool `yaml:"international_blocked" json:"international_blocked,omitempty"`
	// InternationalNeeded overrides Recorded.InternationalNeeded for
	// this line.
	InternationalNeeded *bool `yaml:"international_needed" json:"international_needed,omitempty"`
}
