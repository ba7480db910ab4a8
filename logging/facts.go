package logging

import "time"

// Facts are what is known of a device's logging set-up. Pointer fields,
// nil slices with their Known flag unset, empty strings and zero times
// mean "not known": rules report unknown, never pass.
//
// Device-class importers (router, pbx, fax) publish Facts with
// inventory.Device.SetDerived("logging", logging.Facts{…}); an inventory
// entry's facts.logging wins over derived facts.
type Facts struct {
	// Enabled is whether the device records logs at all.
	Enabled *bool `yaml:"enabled" json:"enabled,omitempty"`
	// NTPServers are the time sources the device synchronises with.
	NTPServers []string `yaml:"ntp_servers" json:"ntp_servers,omitempty"`
	// NTPKnown says NTPServers is complete even when empty: an empty,
	// known list means "no NTP", an empty unknown one means "not recorded".
	NTPKnown bool `yaml:"ntp_known" json:"ntp_known,omitempty"`

	// Capabilities are what the product can do (CIAJ-1.4.1-0); nil means
	// not recorded.
	Capabilities *Capabilities `yaml:"capabilities" json:"capabilities,omitempty"`

	// SecurityLog is whether security events (logins, configuration
	// changes, filter drops) are recorded and kept.
	SecurityLog *bool `yaml:"security_log" json:"security_log,omitempty"`
	// OperationLog is whether operational events (links, DHCP, Wi-Fi
	// associations, calls) are recorded and kept.
	OperationLog *bool `yaml:"operation_log" json:"operation_log,omitempty"`

	// Events are the event classes recorded; see the Event* constants.
	Events []string `yaml:"events" json:"events,omitempty"`
	// EventsKnown says Events is complete even when empty.
	EventsKnown bool `yaml:"events_known" json:"events_known,omitempty"`
	// Level is the most verbose severity the device records or forwards,
	// as a syslog severity name ("debug", "informational", "notice",
	// "warning", …); empty means not known.
	Level string `yaml:"level" json:"level,omitempty"`

	// BufferBytes is the size of the local log buffer in bytes.
	BufferBytes *int `yaml:"buffer_bytes" json:"buffer_bytes,omitempty"`
	// Timestamp is what the log time stamps carry; nil means not known.
	Timestamp *TimestampFormat `yaml:"timestamp" json:"timestamp,omitempty"`

	// NTPAuthenticated is whether every NTP association is authenticated
	// (symmetric keys or NTS).
	NTPAuthenticated *bool `yaml:"ntp_authenticated" json:"ntp_authenticated,omitempty"`
	// NTPKeyAlgorithms are the digest algorithms of the NTP keys in use:
	// "md5", "sha1", "sha256", "sha384", "sha512", "aes-128-cmac", "nts".
	NTPKeyAlgorithms []string `yaml:"ntp_key_algorithms" json:"ntp_key_algorithms,omitempty"`
	// NTPBroadcast is whether the device accepts time from broadcast or
	// multicast NTP (unauthenticated by nature).
	NTPBroadcast *bool `yaml:"ntp_broadcast" json:"ntp_broadcast,omitempty"`

	// Remote are the log servers the device forwards to.
	Remote []Destination `yaml:"remote" json:"remote,omitempty"`
	// RemoteKnown says Remote is complete even when empty.
	RemoteKnown bool `yaml:"remote_known" json:"remote_known,omitempty"`

	// OnFull is what the device does when its log storage is full; see
	// the OnFull* constants. Empty means not known.
	OnFull string `yaml:"on_full" json:"on_full,omitempty"`

	// LastReview is when the logs were last reviewed; zero means not
	// recorded.
	LastReview time.Time `yaml:"last_review" json:"last_review,omitzero"`
	// LastBackup is when the logs were last backed up off the device;
	// zero means not recorded.
	LastBackup time.Time `yaml:"last_backup" json:"last_backup,omitzero"`

	// IncidentProcedure names the predefined procedure to follow when a
	// review finds an anomaly (a document, ticket queue or URL, with the
	// vendor's or a public body's contact); nil means not recorded, ""
	// means recorded as none.
	IncidentProcedure *string `yaml:"incident_procedure" json:"incident_procedure,omitempty"`

	// Retired is whether the device has been taken out of service for
	// disposal, resale or return; nil or false means in service.
	Retired *bool `yaml:"retired" json:"retired,omitempty"`
	// Disposal records how its settings and logs were erased.
	Disposal *Disposal `yaml:"disposal" json:"disposal,omitempty"`

	// Review lists what the review of this device's logs treats as known
	// (files.logs); nil means the review defaults.
	Review *ReviewLists `yaml:"review" json:"review,omitempty"`
}

// ReviewLists are the per-device allow-lists of the log review
// (package logging/review). Addresses are IPs or CIDR prefixes.
type ReviewLists struct {
	KnownUsers          []string `yaml:"known_users" json:"known_users,omitempty"`
	KnownMACs           []string `yaml:"known_macs" json:"known_macs,omitempty"`
	AllowedDestinations []string `yaml:"allowed_destinations" json:"allowed_destinations,omitempty"`
	AllowedInterfaces   []string `yaml:"allowed_interfaces" json:"allowed_interfaces,omitempty"`
	AdminSources        []string `yaml:"admin_sources" json:"admin_sources,omitempty"`
	// UTCOffset is the zone of the device's log stamps that carry none,
	// such as "+09:00"; empty means UTC.
	UTCOffset string `yaml:"utc_offset" json:"utc_offset,omitempty"`
}

// Capabilities are the logging abilities of a product, the buying
// criteria of CIAJ-1.4.1-0.
type Capabilities struct {
	Record   *bool `yaml:"record" json:"record,omitempty"`       // records logs
	Export   *bool `yaml:"export" json:"export,omitempty"`       // logs can be viewed and saved off the device
	TimeSync *bool `yaml:"time_sync" json:"time_sync,omitempty"` // synchronises its clock (NTP)
	Erase    *bool `yaml:"erase" json:"erase,omitempty"`         // settings and logs can be erased
}

// TimestampFormat is what a log time stamp carries.
type TimestampFormat struct {
	Date *bool `yaml:"date" json:"date,omitempty"`
	Year *bool `yaml:"year" json:"year,omitempty"`
	Zone *bool `yaml:"zone" json:"zone,omitempty"`
}

// Destination is one remote log server.
type Destination struct {
	Host string `yaml:"host" json:"host"`
	Port int    `yaml:"port" json:"port,omitempty"`
	// Transport is "udp", "tcp", "tls" (RFC 5425), "relp", "relp-tls"
	// or "ipsec"; empty means not known.
	Transport string `yaml:"transport" json:"transport,omitempty"`
}

// Disposal is the record of a device's decommissioning.
type Disposal struct {
	// Method is "erase" (settings and logs erased), "factory-reset",
	// "destroyed" (storage physically destroyed) or "none".
	Method string    `yaml:"method" json:"method,omitempty"`
	Date   time.Time `yaml:"date" json:"date,omitzero"`
	By     string    `yaml:"by" json:"by,omitempty"`
}

// Event classes for [Facts.Events].
const (
	EventAuthSuccess  = "auth-success"
	EventAuthFailure  = "auth-failure"
	EventConfigChange = "config-change"
	EventTimeChange   = "time-change"
	EventUpdate       = "update"
	EventLogCleared   = "log-cleared"
	EventLinkChange   = "link-change"
)

// Storage-full behaviours for [Facts.OnFull].
const (
	OnFullOverwrite = "overwrite-oldest" // ring buffer: oldest records lost
	OnFullStop      = "stop"             // logging stops: new events lost
	OnFullForward   = "forward"          // records are offloaded before loss
	OnFullAlert     = "alert"            // administrator warned before full
	OnFullBlock     = "block"            // the device refuses audited actions
)

// Transports for [Destination.Transport].
const (
	TransportUDP     = "udp"
	TransportTCP     = "tcp"
	TransportTLS     = "tls"
	TransportRELP    = "relp"
	TransportRELPTLS = "relp-tls"
	TransportIPsec   = "ipsec"
)
