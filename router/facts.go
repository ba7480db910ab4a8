package router

import (
	"slices"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

// Facts are what is known of one router: its management plane, the
// settings an attacker changes in the takeover cases of the guideline, its
// wireless LAN, and the facts the common domains judge (credentials,
// logging, firmware).
//
// Pointer fields that are nil mean "not known". A list is known when it
// has items or when its section is named in Known: an importer that read
// the whole configuration marks what it read, so that an empty list means
// "none" and not "not recorded". Rules report unknown, never pass, for
// what is not known.
//
// In an inventory, facts.router carries these fields with their YAML
// names; the router importers fill them from config files.
type Facts struct {
	// Vendor, Model and Hostname as the configuration states them.
	Vendor   string `yaml:"vendor" json:"vendor,omitempty"`
	Model    string `yaml:"model" json:"model,omitempty"`
	Hostname string `yaml:"hostname" json:"hostname,omitempty"`

	// Known names the sections whose lists are complete even when empty;
	// see the Section constants.
	Known []Section `yaml:"known" json:"known,omitempty"`

	// Services are the management services (SSH, Telnet, HTTP, …).
	Services []Service `yaml:"services" json:"services,omitempty"`
	// Accounts are the administrator accounts.
	Accounts []Account `yaml:"accounts" json:"accounts,omitempty"`
	// Credentials are the secrets found in the configuration (login and
	// enable passwords, SNMP communities, Wi-Fi keys, PPP and IPsec
	// secrets). Package password judges them; they are never printed.
	Credentials []password.Credential `yaml:"-" json:"-"`
	// PasswordEncryption is whether Cisco-style "service
	// password-encryption" is on; nil is unknown or not applicable.
	PasswordEncryption *bool `yaml:"-" json:"password_encryption,omitempty"`
	// FirstSetup says how the factory password is handled (CIAJ-3.3-1).
	FirstSetup FirstSetup `yaml:"first_setup" json:"first_setup"`

	// DNS are the resolvers the router uses and hands out.
	DNS DNS `yaml:"dns" json:"dns"`
	// Forwards are port forwards (static NAT, DNAT) from the WAN.
	Forwards []Forward `yaml:"forwards" json:"forwards,omitempty"`
	// UPnP is whether UPnP IGD (LAN hosts opening forwards) is on.
	UPnP *bool `yaml:"upnp" json:"upnp,omitempty"`
	// Proxies are HTTP proxies and SOCKS servers running on the router.
	Proxies []Proxy `yaml:"proxies" json:"proxies,omitempty"`
	// Scripts are scheduled scripts and commands.
	Scripts []Script `yaml:"scripts" json:"scripts,omitempty"`
	// Routes are static routes; default routes are listed too.
	Routes []Route `yaml:"routes" json:"routes,omitempty"`

	// Wireless are the wireless networks (one per SSID).
	Wireless []Wireless `yaml:"wireless" json:"wireless,omitempty"`
	// Shares are file-sharing services (SMB, FTP, DLNA …).
	Shares []Share `yaml:"shares" json:"shares,omitempty"`

	// SNMP is the SNMP agent's set-up.
	SNMP SNMP `yaml:"snmp" json:"snmp"`
	// SSH is what the router's SSH server offers, from a probe or the
	// configuration.
	SSH *SSH `yaml:"ssh" json:"ssh,omitempty"`

	// Logging is what the configuration says about logging and NTP; it is
	// published to package logging.
	Logging logging.Facts `yaml:"-" json:"logging"`
	// Firmware is the firmware version and update settings.
	Firmware Firmware `yaml:"firmware" json:"firmware"`

	// Expected is the operator's baseline: what is meant to be there. It
	// comes from the inventory (facts.router.expected_*), never from the
	// device.
	ExpectedDNS      []string `yaml:"expected_dns" json:"expected_dns,omitempty"`
	ExpectedForwards []string `yaml:"expected_forwards" json:"expected_forwards,omitempty"`
	ExpectedRoutes   []string `yaml:"expected_routes" json:"expected_routes,omitempty"`
	ExpectedScripts  []string `yaml:"expected_scripts" json:"expected_scripts,omitempty"`
	ExpectedProxies  []string `yaml:"expected_proxies" json:"expected_proxies,omitempty"`

	// Sources are the configuration files the facts were imported from.
	Sources []string `yaml:"-" json:"sources,omitempty"`
	// Unparsed are the lines of Sources no importer understood.
	Unparsed []Unparsed `yaml:"-" json:"unparsed,omitempty"`
}

// Unparsed is a configuration line an importer did not understand. Only
// its leading words are kept, so that a secret on the line is never
// repeated.
type Unparsed struct {
	Location netdevsec.Location `json:"location"`
	// Words are the line's first words, cut before anything that may be a
	// secret.
	Words string `json:"words"`
	// Reason says why, when it is not simply an unknown command.
	Reason string `json:"reason,omitempty"`
}

// Section names a list of [Facts] for [Facts.Known].
type Section string

// Sections.
const (
	SectionServices Section = "services"
	SectionAccounts Section = "accounts"
	SectionDNS      Section = "dns"
	SectionDHCPDNS  Section = "dhcp_dns"
	SectionForwards Section = "forwards"
	SectionProxies  Section = "proxies"
	SectionScripts  Section = "scripts"
	SectionRoutes   Section = "routes"
	SectionWireless Section = "wireless"
	SectionShares   Section = "shares"
	SectionSNMP     Section = "snmp"
)

// Knows reports whether section s is complete: named in Known.
func (f *Facts) Knows(s Section) bool { return slices.Contains(f.Known, s) }

// MarkKnown adds sections to Known, once each.
func (f *Facts) MarkKnown(sections ...Section) {
	for _, s := range sections {
		if !f.Knows(s) {
			f.Known = append(f.Known, s)
		}
	}
}

// Exposure says from where a service can be reached.
type Exposure string

// Exposures. The zero value is unknown.
const (
	ExposureUnknown Exposure = ""
	// ExposureLAN: only from the LAN side (bound to LAN interfaces, or
	// WAN blocked by the firewall).
	ExposureLAN Exposure = "lan"
	// ExposureWAN: reachable from the WAN / internet side.
	ExposureWAN Exposure = "wan"
	// ExposureAny: listening on every interface with nothing blocking
	// the WAN side.
	ExposureAny Exposure = "any"
	// ExposureNone: listening nowhere.
	ExposureNone Exposure = "none"
)

// FromWAN reports whether e includes the WAN side.
func (e Exposure) FromWAN() bool { return e == ExposureWAN || e == ExposureAny }

// Service is one management service.
type Service struct {
	// Protocol is "ssh", "telnet", "http", "https", "ftp", "api",
	// "api-ssl", "winbox", "snmp", "tftp", "sftp".
	Protocol string `yaml:"protocol" json:"protocol"`
	// Enabled is whether it runs; nil is unknown.
	Enabled *bool `yaml:"enabled" json:"enabled,omitempty"`
	Port    int   `yaml:"port" json:"port,omitempty"`
	// Exposure is from where it can be reached.
	Exposure Exposure `yaml:"exposure" json:"exposure,omitempty"`
	// ACL names the source restriction (an access list, address range or
	// allowed hosts); empty means none.
	ACL string `yaml:"acl" json:"acl,omitempty"`
	// Location is where the setting was seen.
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Cleartext reports whether the protocol sends credentials in clear.
func (s Service) Cleartext() bool {
	switch s.Protocol {
	case "telnet", "http", "ftp", "api", "tftp":
		return true
	}
	return false
}

// Account is one administrator account.
type Account struct {
	Name string `yaml:"name" json:"name"`
	// Admin is whether it has full administrative rights.
	Admin *bool `yaml:"admin" json:"admin,omitempty"`
	// PasswordSet is whether a password is configured; false means the
	// account logs in without one.
	PasswordSet *bool `yaml:"password_set" json:"password_set,omitempty"`
	// Storage is how the password is stored.
	Storage password.Storage `yaml:"storage" json:"storage,omitempty"`
	// Factory is whether this is the vendor's factory account
	// (admin, root) with the factory password.
	Factory *bool `yaml:"factory" json:"factory,omitempty"`
	// Protocols restricts the account's access ("telnet", "ssh", …);
	// empty means not restricted or not known.
	Protocols []string            `yaml:"protocols" json:"protocols,omitempty"`
	Location  *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// FirstSetup is how a factory password is dealt with (CIAJ-3.3-1).
type FirstSetup struct {
	// ChangeEnforced is whether the product forces a change of the
	// factory password at first setup.
	ChangeEnforced *bool `yaml:"change_enforced" json:"change_enforced,omitempty"`
	// UniquePerUnit is whether the factory password differs per unit
	// (printed on a label).
	UniquePerUnit *bool `yaml:"unique_per_unit" json:"unique_per_unit,omitempty"`
}

// DNS are the resolvers a router uses and hands out.
type DNS struct {
	// Servers are the resolvers the router itself uses (static or
	// learnt from the WAN).
	Servers []string `yaml:"servers" json:"servers,omitempty"`
	// DHCPServers are the resolvers handed to LAN clients by DHCP.
	DHCPServers []string `yaml:"dhcp_servers" json:"dhcp_servers,omitempty"`
	// FromWAN is whether the router takes resolvers from the provider
	// (PPP/DHCP on the WAN); nil is unknown.
	FromWAN *bool `yaml:"from_wan" json:"from_wan,omitempty"`
	// OpenResolver is whether the router answers recursive queries from
	// the WAN side.
	OpenResolver *bool               `yaml:"open_resolver" json:"open_resolver,omitempty"`
	Location     *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Forward is one port forward from the WAN to an inside host.
type Forward struct {
	// Protocol is "tcp", "udp" or "any".
	Protocol string `yaml:"protocol" json:"protocol"`
	// Port is the outside port (or range "8000-8010"); "" means every
	// port (a DMZ host).
	Port string `yaml:"port" json:"port,omitempty"`
	// To is the inside address and port.
	To       string              `yaml:"to" json:"to"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Key is how expected_forwards names a forward: "tcp/8080" or "any/*".
func (f Forward) Key() string {
	p := f.Port
	if p == "" {
		p = "*"
	}
	proto := f.Protocol
	if proto == "" {
		proto = "any"
	}
	return proto + "/" + p
}

// Proxy is a proxy or SOCKS server running on the router.
type Proxy struct {
	// Kind is "socks", "http" or "other".
	Kind     string              `yaml:"kind" json:"kind"`
	Port     int                 `yaml:"port" json:"port,omitempty"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Script is a scheduled script or command.
type Script struct {
	Name string `yaml:"name" json:"name"`
	// Schedule is when it runs, as the device states it.
	Schedule string `yaml:"schedule" json:"schedule,omitempty"`
	// Command is what it runs; it may be shortened.
	Command  string              `yaml:"command" json:"command,omitempty"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Route is one static route.
type Route struct {
	// Prefix is the destination ("10.0.0.0/8", "0.0.0.0/0").
	Prefix   string              `yaml:"prefix" json:"prefix"`
	Gateway  string              `yaml:"gateway" json:"gateway,omitempty"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Default reports whether r is a default route.
func (r Route) Default() bool {
	switch r.Prefix {
	case "0.0.0.0/0", "::/0", "default", "0.0.0.0":
		return true
	}
	return false
}

// Wireless is one wireless network.
type Wireless struct {
	// Name is the interface or section name.
	Name string `yaml:"name" json:"name"`
	SSID string `yaml:"ssid" json:"ssid,omitempty"`
	// Enabled is whether the radio and the network are on.
	Enabled *bool `yaml:"enabled" json:"enabled,omitempty"`
	// Security is the normalised protection; see the Security constants.
	Security Security `yaml:"security" json:"security,omitempty"`
	// TKIP is whether TKIP is allowed (alone or mixed with CCMP).
	TKIP *bool `yaml:"tkip" json:"tkip,omitempty"`
	// WPS is whether Wi-Fi Protected Setup (push button or PIN) is on.
	WPS *bool `yaml:"wps" json:"wps,omitempty"`
	// Guest marks a guest network.
	Guest bool `yaml:"guest" json:"guest,omitempty"`
	// Isolation is whether clients are kept from reaching each other
	// and the LAN.
	Isolation *bool `yaml:"isolation" json:"isolation,omitempty"`
	// PSK is the pre-shared key, when known; never printed.
	PSK netdevsec.Secret `yaml:"-" json:"-"`
	// PSKLength is the pre-shared key's length when only that is known.
	PSKLength int `yaml:"psk_length" json:"psk_length,omitempty"`
	// Network is the LAN segment it bridges to ("lan", "guest").
	Network  string              `yaml:"network" json:"network,omitempty"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Security is a wireless network's protection.
type Security string

// Wireless security levels. The zero value is unknown.
const (
	SecurityUnknown Security = ""
	SecurityOpen    Security = "open"
	// SecurityOWE is Opportunistic Wireless Encryption: no password but
	// encrypted.
	SecurityOWE  Security = "owe"
	SecurityWEP  Security = "wep"
	SecurityWPA  Security = "wpa"  // WPA1 personal
	SecurityWPA2 Security = "wpa2" // WPA2 personal (or WPA/WPA2 mixed)
	SecurityWPA3 Security = "wpa3" // SAE (or WPA2/WPA3 mixed)
	SecurityEAP  Security = "wpa-enterprise"
)

// Share is a file-sharing service.
type Share struct {
	// Kind is "smb", "ftp", "dlna", "nfs", "afp".
	Kind    string `yaml:"kind" json:"kind"`
	Enabled *bool  `yaml:"enabled" json:"enabled,omitempty"`
	// OnWireless is whether wireless clients can reach it.
	OnWireless *bool               `yaml:"on_wireless" json:"on_wireless,omitempty"`
	Location   *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// SNMP is the SNMP agent's set-up.
type SNMP struct {
	// Enabled is whether the agent runs.
	Enabled *bool `yaml:"enabled" json:"enabled,omitempty"`
	// Communities are the v1/v2c communities.
	Communities []Community `yaml:"communities" json:"communities,omitempty"`
	// Users are the SNMPv3 users.
	Users []SNMPUser `yaml:"users" json:"users,omitempty"`
}

// Community is one SNMP v1/v2c community.
type Community struct {
	// Name is the community string: a secret.
	Name netdevsec.Secret `yaml:"-" json:"-"`
	// Write is whether it allows SET.
	Write bool `yaml:"write" json:"write,omitempty"`
	// WriteUnknown is set when whether it allows SET is not known (a
	// probe does not try SET).
	WriteUnknown bool `yaml:"write_unknown" json:"write_unknown,omitempty"`
	// ACL names the source restriction; empty means any source.
	ACL string `yaml:"acl" json:"acl,omitempty"`
	// Versions are "1", "2c".
	Versions []string `yaml:"versions" json:"versions,omitempty"`
	// Default is whether the name is a well-known default (public,
	// private …); the importer or probe sets it so rules need not see
	// the name.
	Default bool `yaml:"default" json:"default,omitempty"`
	// Source is where it was seen: "config" or "probe".
	Source   string              `yaml:"source" json:"source,omitempty"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// SNMPUser is one SNMPv3 user.
type SNMPUser struct {
	Name string `yaml:"name" json:"name"`
	// Level is "noauth", "auth" or "priv".
	Level    string              `yaml:"level" json:"level"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// SSH is what an SSH server offers.
type SSH struct {
	// Source is "probe" or "config".
	Source      string   `yaml:"source" json:"source,omitempty"`
	Banner      string   `yaml:"banner" json:"banner,omitempty"`
	KeyExchange []string `yaml:"kex" json:"kex,omitempty"`
	HostKeys    []string `yaml:"host_keys" json:"host_keys,omitempty"`
	Ciphers     []string `yaml:"ciphers" json:"ciphers,omitempty"`
	MACs        []string `yaml:"macs" json:"macs,omitempty"`
	// Version1 is whether the legacy SSH-1 protocol is allowed.
	Version1 *bool `yaml:"version1" json:"version1,omitempty"`
	// TerrapinExposed is whether the server is open to the Terrapin
	// prefix-truncation attack (CVE-2023-48795): a vulnerable cipher
	// mode without strict key exchange.
	TerrapinExposed *bool `yaml:"terrapin_exposed" json:"terrapin_exposed,omitempty"`
	// Legacy is whether the configuration explicitly allows weak
	// algorithms (RouterOS strong-crypto=no).
	Legacy   *bool               `yaml:"legacy" json:"legacy,omitempty"`
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

// Firmware is the router's firmware and update settings.
type Firmware struct {
	Version string `yaml:"version" json:"version,omitempty"`
	// AutoUpdateAvailable is whether the product has an automatic
	// update function.
	AutoUpdateAvailable *bool `yaml:"auto_update_available" json:"auto_update_available,omitempty"`
	// AutoUpdate is whether automatic update is switched on.
	AutoUpdate *bool               `yaml:"auto_update" json:"auto_update,omitempty"`
	Location   *netdevsec.Location `yaml:"-" json:"location,omitempty"`
}

func ptr[T any](v T) *T { return &v }
