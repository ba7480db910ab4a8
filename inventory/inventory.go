package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/netdevsec/netdevsec"
)

// MaxSize bounds how much of an inventory file is read (16 MiB).
const MaxSize = 16 << 20

// Class is a device class of the guideline.
type Class string

// Device classes.
const (
	ClassRouter Class = "router"
	ClassPBX    Class = "pbx"
	ClassFax    Class = "fax"
	ClassOther  Class = "other"
)

// Inventory is a decoded fleet.
type Inventory struct {
	// Path is the file the inventory was read from ("" when read from a
	// reader without a name); relative file paths in devices are resolved
	// against its directory.
	Path string
	// Devices are the entries that decoded, in file order.
	Devices []Device
	// Errors are the entries that did not decode, with their position.
	Errors []*DeviceError
}

// Device is one entry of the inventory.
type Device struct {
	ID          string       `yaml:"id"`
	Class       Class        `yaml:"class"`
	Vendor      string       `yaml:"vendor"`
	Model       string       `yaml:"model"`
	Firmware    string       `yaml:"firmware"`
	Serial      string       `yaml:"serial"`
	MAC         string       `yaml:"mac"`
	Hostname    string       `yaml:"hostname"`
	Addresses   []string     `yaml:"addresses"`
	Credentials []Credential `yaml:"credentials"`
	Files       Files        `yaml:"files"`
	Tags        []string     `yaml:"tags"`

	// Facts holds per-domain facts ("logging", "firmware", "router", …)
	// as undecoded YAML, for the domain's auditor to decode strictly with
	// [Device.DecodeFacts].
	Facts map[string]ast.Node `yaml:"facts"`

	// Derived holds facts that device-class importers derived from the
	// device's files during an audit, keyed by domain ("logging",
	// "firmware", "password", "router" …); each value is that domain's own
	// facts type. Common-domain auditors use it when the inventory has no
	// facts of their own for the device. See audit.Collector.
	Derived map[string]any `yaml:"-"`

	// Pos is where the entry starts in the inventory file.
	Pos Position `yaml:"-"`
	// BaseDir is the directory relative file paths are resolved against.
	BaseDir string `yaml:"-"`
	// Source is the inventory file name used in positions.
	Source string `yaml:"-"`

	// fsys, when set, is where the device's files are read from (an
	// embedded inventory); nil means the operating system's files.
	fsys fs.FS
}

// Files lists the files that describe a device. Relative paths are
// relative to the inventory file; use [Device.Path] to resolve them.
type Files struct {
	Configs []string `yaml:"configs"`
	Logs    []string `yaml:"logs"`
	CDRs    []string `yaml:"cdrs"`
	// ConfigDir is a directory of config files (an Asterisk /etc/asterisk,
	// an OpenWrt /etc/config, a HylaFAX spool).
	ConfigDir string `yaml:"config_dir"`
	// Other names further files by role ("xferfaxlog", "update_history").
	Other map[string]string `yaml:"other"`
}

// Credential is a reference to one credential of a device.
type Credential struct {
	// Name says what the credential is for: "admin", "enable", "snmp",
	// "sip", "wifi", "voicemail".
	Name string `yaml:"name"`
	// Protocol is where it is used: "ssh", "telnet", "http", "snmp", "sip".
	Protocol string    `yaml:"protocol"`
	User     string    `yaml:"user"`
	Password SecretRef `yaml:"password"`
	// ChangedAt is when the credential was last changed (RFC 3339 date).
	ChangedAt string `yaml:"changed_at"`
}

// SecretRef says where a secret is: an environment variable, a file, or —
// only when InsecureInline is set — inline.
type SecretRef struct {
	Env            string           `yaml:"env"`
	File           string           `yaml:"file"`
	Inline         netdevsec.Secret `yaml:"-"`
	InsecureInline bool             `yaml:"insecure_inline"`
	// Unset is true when the inventory says the device has no password
	// at all (password: {none: true}).
	None bool `yaml:"none"`
}

type secretRefYAML struct {
	Env            string `yaml:"env"`
	File           string `yaml:"file"`
	Value          string `yaml:"value"`
	InsecureInline bool   `yaml:"insecure_inline"`
	None           bool   `yaml:"none"`
}

// UnmarshalYAML decodes a reference; an inline value goes straight into a
// [netdevsec.Secret].
func (r *SecretRef) UnmarshalYAML(unmarshal func(any) error) error {
	var aux secretRefYAML
	if err := unmarshal(&aux); err != nil {
		return err
	}
	*r = SecretRef{Env: aux.Env, File: aux.File, InsecureInline: aux.InsecureInline, None: aux.None}
	if aux.Value != "" {
		r.Inline = netdevsec.NewSecret(aux.Value)
	}
	return nil
}

// IsZero reports whether no secret is referenced.
func (r SecretRef) IsZero() bool {
	return r.Env == "" && r.File == "" && r.Inline.IsZero() && !r.None
}

// ErrSecretUnavailable is returned by [SecretRef.Resolve] when the
// referenced variable or file is missing or empty.
var ErrSecretUnavailable = errors.New("secret unavailable")

// Resolve returns the secret. getenv is usually [os.Getenv]; readFile is
// usually [os.ReadFile]; relative file paths are resolved against baseDir.
// Errors name the reference, never a value.
func (r SecretRef) Resolve(baseDir string, getenv func(string) string, readFile func(string) ([]byte, error)) (netdevsec.Secret, error) {
	switch {
	case r.None:
		return netdevsec.Secret{}, nil
	case !r.Inline.IsZero():
		return r.Inline, nil
	case r.Env != "":
		if getenv == nil {
			getenv = os.Getenv
		}
		v := getenv(r.Env)
		if v == "" {
			return netdevsec.Secret{}, fmt.Errorf("environment variable %s is empty or unset: %w", r.Env, ErrSecretUnavailable)
		}
		return netdevsec.NewSecret(v), nil
	case r.File != "":
		if readFile == nil {
			readFile = os.ReadFile
		}
		p := r.File
		if !filepath.IsAbs(p) && baseDir != "" {
			p = filepath.Join(baseDir, p)
		}
		b, err := readFile(p)
		if err != nil {
			return netdevsec.Secret{}, fmt.Errorf("secret file %s: %w", p, errors.Join(ErrSecretUnavailable, unwrapPathError(err)))
		}
		v := strings.TrimRight(string(b), "\r\n")
		if v == "" {
			return netdevsec.Secret{}, fmt.Errorf("secret file %s is empty: %w", p, ErrSecretUnavailable)
		}
		return netdevsec.NewSecret(v), nil
	}
	return netdevsec.Secret{}, fmt.Errorf("no secret reference: %w", ErrSecretUnavailable)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Position is a place in the inventory file.
type Position struct {
	File   string
	Line   int
	Column int
}

// String returns file:line:column.
func (p Position) String() string {
	return netdevsec.Location{File: p.File, Line: p.Line, Column: p.Column}.String()
}

// Location converts p to a finding location.
func (p Position) Location() *netdevsec.Location {
	return &netdevsec.Location{File: p.File, Line: p.Line, Column: p.Column}
}

// DeviceError is a device entry that could not be decoded or is invalid.
type DeviceError struct {
	// Index is the entry's place in the devices list, from 0.
	Index int
	// ID is the entry's id when it could be read, else "".
	ID  string
	Pos Position
	Err error
}

func (e *DeviceError) Error() string {
	id := e.ID
	if id == "" {
		id = fmt.Sprintf("#%d", e.Index+1)
	}
	return fmt.Sprintf("%s: device %s: %v", e.Pos, id, e.Err)
}

func (e *DeviceError) Unwrap() error { return e.Err }

// ErrInvalid is wrapped by every decoding and validation error.
var ErrInvalid = errors.New("invalid inventory")

// LoadFS reads and decodes the inventory at path inside fsys; the
// devices' files are read from fsys too (see [Device.Open]).
func LoadFS(fsys fs.FS, path string) (*Inventory, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inv, err := Decode(f, path)
	if err != nil {
		return nil, err
	}
	for i := range inv.Devices {
		inv.Devices[i].fsys = fsys
	}
	return inv, nil
}

// Load reads and decodes the inventory file at path. A file that cannot
// be read or is not an inventory at all is an error; broken device entries
// are in [Inventory.Errors].
func Load(path string) (*Inventory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Decode(f, path)
}

// Decode reads an inventory from r. name is used in positions and to
// resolve relative paths ("" for none).
func Decode(r io.Reader, name string) (*Inventory, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: larger than %d bytes: %w", displayName(name), MaxSize, ErrInvalid)
	}
	return decodeBytes(data, name)
}

func displayName(name string) string {
	if name == "" {
		return "<inventory>"
	}
	return name
}

type document struct {
	Version int        `yaml:"version"`
	Devices []ast.Node `yaml:"devices"`
}

func decodeBytes(data []byte, name string) (*Inventory, error) {
	src := displayName(name)
	inv := &Inventory{Path: name}
	base := ""
	if name != "" {
		base = filepath.Dir(name)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty inventory: %w", src, ErrInvalid)
	}
	var doc document
	if err := guard(func() error { return yaml.UnmarshalWithOptions(data, &doc, yaml.DisallowUnknownField()) }); err != nil {
		return nil, positioned(src, err)
	}
	if doc.Version != 0 && doc.Version != 1 {
		return nil, fmt.Errorf("%s: version %d is not supported (want 1): %w", src, doc.Version, ErrInvalid)
	}
	seen := map[string]Position{}
	for i, n := range doc.Devices {
		pos := nodePos(src, n)
		if n == nil { // "-" with nothing after it
			inv.Errors = append(inv.Errors, &DeviceError{Index: i, Pos: pos, Err: fmt.Errorf("empty device entry: %w", ErrInvalid)})
			continue
		}
		var d Device
		if err := guard(func() error { return yaml.NodeToValue(n, &d, yaml.DisallowUnknownField()) }); err != nil {
			inv.Errors = append(inv.Errors, &DeviceError{Index: i, ID: peekID(n), Pos: errPos(src, err, pos), Err: fmt.Errorf("%s: %w", message(err), ErrInvalid)})
			continue
		}
		d.Pos, d.BaseDir, d.Source = pos, base, src
		if err := checkInline(n, &d); err != nil {
			inv.Errors = append(inv.Errors, &DeviceError{Index: i, ID: d.ID, Pos: errPos(src, err, pos), Err: err})
			continue
		}
		if err := d.validate(); err != nil {
			inv.Errors = append(inv.Errors, &DeviceError{Index: i, ID: d.ID, Pos: pos, Err: err})
			continue
		}
		if first, dup := seen[d.ID]; dup {
			inv.Errors = append(inv.Errors, &DeviceError{Index: i, ID: d.ID, Pos: pos, Err: fmt.Errorf("id %q already used at %s: %w", d.ID, first, ErrInvalid)})
			continue
		}
		seen[d.ID] = pos
		inv.Devices = append(inv.Devices, d)
	}
	return inv, nil
}

func (d *Device) validate() error {
	var errs []error
	if d.ID == "" {
		errs = append(errs, fmt.Errorf("field id: required: %w", ErrInvalid))
	}
	if d.Class == "" {
		d.Class = ClassOther
	}
	if !slices.Contains([]Class{ClassRouter, ClassPBX, ClassFax, ClassOther}, d.Class) {
		errs = append(errs, fmt.Errorf("field class: %q is not router, pbx, fax or other: %w", d.Class, ErrInvalid))
	}
	for i, c := range d.Credentials {
		p := c.Password
		n := 0
		for _, set := range []bool{p.Env != "", p.File != "", !p.Inline.IsZero(), p.None} {
			if set {
				n++
			}
		}
		if n > 1 {
			errs = append(errs, fmt.Errorf("field credentials[%d].password: give only one of env, file, value, none: %w", i, ErrInvalid))
		}
	}
	return errors.Join(errs...)
}

// checkInline refuses inline passwords not marked insecure_inline, with
// the position of the value (never the value itself).
func checkInline(n ast.Node, d *Device) error {
	seq, _ := mappingValue(n, "credentials").(*ast.SequenceNode)
	for i, c := range d.Credentials {
		if c.Password.Inline.IsZero() || c.Password.InsecureInline {
			continue
		}
		line, col := 0, 0
		if seq != nil && i < len(seq.Values) {
			if v := mappingValue(mappingValue(seq.Values[i], "password"), "value"); v != nil && v.GetToken() != nil {
				line, col = v.GetToken().Position.Line, v.GetToken().Position.Column
			}
		}
		return &positionError{line: line, col: col,
			err: fmt.Errorf("field credentials[%d].password.value: an inline password needs insecure_inline: true (prefer env or file): %w", i, ErrInvalid)}
	}
	return nil
}

func mappingValue(n ast.Node, key string) ast.Node {
	var values []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		return nil
	}
	for _, mv := range values {
		if mv.Key != nil && mv.Key.String() == key {
			return mv.Value
		}
	}
	return nil
}

func peekID(n ast.Node) string {
	if v, ok := mappingValue(n, "id").(*ast.StringNode); ok {
		return v.Value
	}
	return ""
}

// guard runs a YAML decoder call and turns a panic of the decoder on
// hostile input (goccy/go-yaml has had several, e.g. a "!" tag where a
// sequence is expected) into an error, so one broken inventory is an
// error, not a crash.
func guard(decode func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("YAML the decoder could not handle (%v)", r)
		}
	}()
	return decode()
}

func nodePos(src string, n ast.Node) Position {
	if n == nil || n.GetToken() == nil {
		return Position{File: src}
	}
	p := n.GetToken().Position
	return Position{File: src, Line: p.Line, Column: p.Column}
}

type positionError struct {
	line, col int
	err       error
}

func (e *positionError) Error() string { return e.err.Error() }
func (e *positionError) Unwrap() error { return e.err }

type yamlError interface {
	GetToken() *token.Token
	GetMessage() string
}

func errPos(src string, err error, fallback Position) Position {
	var pe *positionError
	if errors.As(err, &pe) {
		return Position{File: src, Line: pe.line, Column: pe.col}
	}
	var ye yamlError
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return Position{File: src, Line: p.Line, Column: p.Column}
	}
	return fallback
}

func message(err error) string {
	var ye yamlError
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return err.Error()
}

// positioned turns a YAML error into "file:line:column: message".
func positioned(src string, err error) error {
	p := errPos(src, err, Position{File: src})
	return fmt.Errorf("%s: %s: %w", p, message(err), ErrInvalid)
}

// Path resolves a file path of the device against the inventory's
// directory.
func (d *Device) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || d.BaseDir == "" {
		return p
	}
	if d.fsys != nil {
		return path.Join(filepath.ToSlash(d.BaseDir), filepath.ToSlash(p))
	}
	return filepath.Join(d.BaseDir, p)
}

// Open opens a file named in the device's entry (a config, log or CDR
// path as written in the inventory), relative to the inventory's
// directory, from the inventory's file system. Use it instead of os.Open
// so that embedded inventories work.
func (d *Device) Open(p string) (fs.File, error) {
	if d.fsys != nil {
		return d.fsys.Open(d.Path(p))
	}
	return os.Open(d.Path(p))
}

// ReadFile reads a whole file named in the device's entry, at most max
// bytes (0 means 64 MiB); a larger file is an error.
func (d *Device) ReadFile(p string, max int64) ([]byte, error) {
	if max <= 0 {
		max = 64 << 20
	}
	f, err := d.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path(p), err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: larger than %d bytes", d.Path(p), max)
	}
	return b, nil
}

// ReadDir lists a directory named in the device's entry.
func (d *Device) ReadDir(p string) ([]fs.DirEntry, error) {
	if d.fsys != nil {
		return fs.ReadDir(d.fsys, d.Path(p))
	}
	return os.ReadDir(d.Path(p))
}

// DecodeFacts decodes the device's facts for domain into v, strictly.
// It reports false when the inventory has no facts for domain. Errors
// name file:line:column and the field.
func (d *Device) DecodeFacts(domain string, v any) (bool, error) {
	n, ok := d.Facts[domain]
	if !ok || n == nil {
		return false, nil
	}
	if _, isNull := n.(*ast.NullNode); isNull {
		return false, nil
	}
	if err := guard(func() error { return yaml.NodeToValue(n, v, yaml.DisallowUnknownField()) }); err != nil {
		p := errPos(d.Source, err, nodePos(d.Source, n))
		return true, fmt.Errorf("%s: facts.%s: %s: %w", p, domain, message(err), ErrInvalid)
	}
	return true, nil
}

// SetDerived records facts derived for domain (see [Device.Derived]).
func (d *Device) SetDerived(domain string, facts any) {
	if d.Derived == nil {
		d.Derived = map[string]any{}
	}
	d.Derived[domain] = facts
}

// FactsLocation returns where the facts of domain start, or the device's
// position when it has none.
func (d *Device) FactsLocation(domain string) *netdevsec.Location {
	if n, ok := d.Facts[domain]; ok && n != nil {
		return nodePos(d.Source, n).Location()
	}
	return d.Pos.Location()
}

// Info returns the device's description for reports.
func (d *Device) Info() netdevsec.DeviceInfo {
	return netdevsec.DeviceInfo{ID: d.ID, Class: string(d.Class), Vendor: d.Vendor, Model: d.Model}
}
