package firmware

import "time"

// Facts are what is known of a device's firmware and of how it is
// updated. Pointer and nil fields mean "not known": rules over them report
// unknown, never pass.
//
// In an inventory, facts.firmware carries the fields with YAML names;
// Vendor, Model and Installed come from the device entry itself.
// Device-class importers publish Facts with
// dev.SetDerived("firmware", firmware.Facts{…}).
type Facts struct {
	Vendor string `yaml:"-" json:"vendor,omitempty"`
	Model  string `yaml:"-" json:"model,omitempty"`
	// Installed is the installed version as the device reports it.
	Installed string `yaml:"-" json:"installed,omitempty"`

	// Scheme names the version scheme of Installed ("cisco-iosxe",
	// "yamaha-rev" …) when the vendor/model registry cannot tell it.
	Scheme string `yaml:"scheme" json:"scheme,omitempty"`
	// Product is the advisory product name of the firmware when it differs
	// from Model ("ios_xe", "routeros", "rtx830").
	Product string `yaml:"product" json:"product,omitempty"`
	// Channel is the release channel (RouterOS "long-term", "stable").
	Channel string `yaml:"channel" json:"channel,omitempty"`

	// InstalledAt is when the installed version was installed.
	InstalledAt time.Time `yaml:"installed_at" json:"installed_at,omitzero"`

	// Update describes the device's update function (CIAJ-1.3.1-1).
	Update *UpdateFunction `yaml:"update" json:"update,omitempty"`

	// Releases is the vendor's dated release catalogue for this model, to
	// tell whether the installed version was the latest when installed
	// (CIAJ-1.3.1-2).
	Releases []Release `yaml:"releases" json:"releases,omitempty"`

	// History is the path of the device's update history (JSON Lines, see
	// package firmware/history), relative to the inventory.
	History string `yaml:"history" json:"history,omitempty"`
	// HistoryKey is the base64 ed25519 public key that signs the
	// history's checkpoints; empty means checkpoints are not required.
	HistoryKey string `yaml:"history_key" json:"history_key,omitempty"`

	// Advisories are advisory documents (OSV, CSAF, NVD, CVE 5, KEV) that
	// apply to this device, relative to the inventory; they add to the
	// advisories configured on the [Auditor].
	Advisories []string `yaml:"advisories" json:"advisories,omitempty"`

	// Procedures are the written update procedures in force
	// (CIAJ-1.3.2-1); history entries reference them by ID.
	Procedures []Procedure `yaml:"procedures" json:"procedures,omitempty"`
}

// UpdateFunction describes how a device's firmware can be updated.
type UpdateFunction struct {
	// Supported is whether the firmware can be updated at all.
	Supported *bool `yaml:"supported" json:"supported,omitempty"`
	// Mechanisms are the ways it can be: "local", "remote", "automatic".
	Mechanisms []string `yaml:"mechanisms" json:"mechanisms,omitempty"`
	// Signed is whether images are verified (signature) before install.
	Signed *bool `yaml:"signed" json:"signed,omitempty"`
}

// Release is one published firmware version and its release date.
type Release struct {
	Version string    `yaml:"version" json:"version"`
	Date    time.Time `yaml:"date" json:"date"`
	// Branch optionally restricts the release to a train or channel; it is
	// otherwise derived from the version scheme.
	Branch string `yaml:"branch" json:"branch,omitempty"`
}

// Procedure is one written, approved update procedure.
type Procedure struct {
	ID       string    `yaml:"id" json:"id"`
	Version  string    `yaml:"version" json:"version,omitempty"`
	Approved time.Time `yaml:"approved" json:"approved,omitzero"`
	// Document is where the procedure is written (path or URL).
	Document string `yaml:"document" json:"document,omitempty"`
}
