package password

import (
	"time"

	"github.com/netdevsec/netdevsec"
)

// Facts is what the password rules judge for one device: its credentials
// and the words an attacker would try first against it. Device-class
// importers publish it with dev.SetDerived("password", password.Facts{…});
// the inventory's facts.password, when present, wins.
type Facts struct {
	// Credentials are the device's credentials as seen in its config, the
	// inventory or a provisioning screen.
	Credentials []Credential `yaml:"credentials" json:"credentials,omitempty"`
	// Context are the device's own words (vendor, model, hostname …).
	Context ContextWords `yaml:"context" json:"context"`
	// Policy is the device's password policy, when known.
	Policy *DevicePolicy `yaml:"policy" json:"policy,omitempty"`
	// Anomalies are recorded incidents on the device (intrusion,
	// suspected leak); a credential unchanged since the latest one fails
	// CIAJ-1.2-5.
	Anomalies []Anomaly `yaml:"anomalies" json:"anomalies,omitempty"`
	// PasswordEncryption reports whether a Cisco-style
	// "service password-encryption" is configured; nil means unknown or
	// not applicable.
	PasswordEncryption *bool `yaml:"password_encryption" json:"password_encryption,omitempty"`
}

// Kind says what a credential is for.
type Kind string

// Credential kinds.
const (
	KindLogin         Kind = "login"
	KindEnable        Kind = "enable"
	KindSNMPCommunity Kind = "snmp-community"
	KindSIPSecret     Kind = "sip-secret"
	KindWiFiPSK       Kind = "wifi-psk"
	KindPIN           Kind = "pin"
	KindFaxAdmin      Kind = "fax-admin"
	KindOther         Kind = "other"
)

// Storage says how a credential is stored on the device.
type Storage string

// Storage classes, from worst to best. The zero value is unknown.
const (
	StorageUnknown    Storage = ""
	StoragePlaintext  Storage = "plaintext"
	StorageReversible Storage = "reversible"  // Cisco type 7, base64 …
	StorageWeakHash   Storage = "weak-hash"   // Cisco type 4/5 (SHA-256 unsalted, MD5-crypt)
	StorageStrongHash Storage = "strong-hash" // Cisco type 8/9, scrypt, PBKDF2, bcrypt
)

// Credential is one credential of a device. Secret holds the plaintext
// when it is known (entered, decoded from a reversible form, resolved
// from the inventory); Hash holds the stored form when only a hash is
// known. Neither is ever printed.
type Credential struct {
	// Name identifies the credential on the device ("enable",
	// "username admin", "snmp community", "sip peer 201").
	Name string `yaml:"name" json:"name"`
	// Kind says what it is for.
	Kind Kind `yaml:"kind" json:"kind"`
	// User is the account name, if any.
	User string `yaml:"user" json:"user,omitempty"`
	// Secret is the plaintext, when known.
	Secret netdevsec.Secret `yaml:"-" json:"-"`
	// Hash is the stored hash when only that is known (e.g. "$9$…"); it
	// is a secret too.
	Hash netdevsec.Secret `yaml:"-" json:"-"`
	// Empty is true when the credential is known to have no password at
	// all (Cisco "nopassword", an empty SIP secret, password: {none:
	// true} in the inventory). A zero Secret without Empty means the
	// plaintext is unknown.
	Empty bool `yaml:"empty" json:"empty,omitempty"`
	// Storage says how the device stores it.
	Storage Storage `yaml:"storage" json:"storage,omitempty"`
	// Location is where it was seen (config file and line).
	Location *netdevsec.Location `yaml:"-" json:"location,omitempty"`
	// ChangedAt is when it was last changed; zero is unknown.
	ChangedAt time.Time `yaml:"changed_at" json:"changed_at,omitzero"`
	// Extension is the PBX extension a PIN belongs to, for the PIN
	// profile ("not the extension").
	Extension string `yaml:"extension" json:"extension,omitempty"`
	// Access is "ro" or "rw" for SNMP communities, "" otherwise.
	Access string `yaml:"access" json:"access,omitempty"`
}

// ContextWords are the device's own words: a password equal to or built
// from them is device-derived (CIAJ-1.2-1, CIAJ-1.2-2).
type ContextWords struct {
	Vendor   string `yaml:"vendor" json:"vendor,omitempty"`
	Model    string `yaml:"model" json:"model,omitempty"`
	Hostname string `yaml:"hostname" json:"hostname,omitempty"`
	SSID     string `yaml:"ssid" json:"ssid,omitempty"`
	UserName string `yaml:"user_name" json:"user_name,omitempty"`
	Serial   string `yaml:"serial" json:"serial,omitempty"`
	MAC      string `yaml:"mac" json:"mac,omitempty"`
}

// DevicePolicy is the password policy a device (or its management
// system) enforces, as far as it is known.
type DevicePolicy struct {
	// MinLength is the minimum length the device enforces; 0 unknown.
	MinLength int `yaml:"min_length" json:"min_length,omitempty"`
	// MaxLength is the longest password the firmware accepts; 0 unknown.
	MaxLength int `yaml:"max_length" json:"max_length,omitempty"`
	// Charset describes a restricted character set the firmware accepts
	// ("alnum", "ascii-printable", "digits"); "" unknown or unrestricted.
	Charset string `yaml:"charset" json:"charset,omitempty"`
	// RequireClasses is how many character classes the device requires.
	RequireClasses int `yaml:"require_classes" json:"require_classes,omitempty"`
	// MaxAge is a forced periodic change interval; 0 means none.
	MaxAge time.Duration `yaml:"max_age" json:"max_age,omitempty"`
}

// Anomaly is a recorded incident on a device.
type Anomaly struct {
	At      time.Time `yaml:"at" json:"at"`
	Summary string    `yaml:"summary" json:"summary,omitempty"`
}
