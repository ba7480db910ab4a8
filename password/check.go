package password

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/password/strength"
)

// StrengthEstimator estimates how many guesses a password needs;
// *strength.Estimator implements it.
type StrengthEstimator interface {
	Estimate(ctx context.Context, pw string, userInputs []string) (strength.Result, error)
}

// DefaultMinScore is the zxcvbn score (0–4) a password needs when
// CheckOptions.MinScore is zero: 3, "safely unguessable: moderate
// protection from offline slow-hash scenario".
const DefaultMinScore = 3

// CheckOptions configure a [Checker]. The zero value checks against the
// embedded default database and blocklist, the built-in estimator in
// improved mode, score 3, and the CIAJ 2019 and NIST SP 800-63B-4
// profiles.
type CheckOptions struct {
	// Profiles to judge against; nil means CIAJ2019 and NIST4.
	Profiles []Profile
	// MinScore is the strength score required; 0 means DefaultMinScore.
	MinScore int
	// MultiFactor says the password is one factor among several (NIST
	// then needs 8 characters instead of 15).
	MultiFactor bool
	// Defaults is the factory-default database; nil means [Defaults].
	Defaults *DefaultDB
	// Blocklist is the common-password filter; nil means
	// [CommonPasswords].
	Blocklist *Blocklist
	// Estimator estimates strength; nil means strength.New in improved
	// mode.
	Estimator StrengthEstimator
	// Breached, when set, is asked (k-anonymity, 5 hex digits leave the
	// process) whether the password appears in a breach corpus.
	Breached RangeClient
	// BreachedMode is the hash the Breached service uses.
	BreachedMode HashMode
}

// Checker judges one secret at a time: factory defaults, blocklist,
// device-derived words, strength, and policy profiles. It is safe for
// concurrent use.
type Checker struct {
	profiles    []Profile
	minScore    int
	multiFactor bool
	db          *DefaultDB
	block       *Blocklist
	est         StrengthEstimator
	breached    RangeClient
	bmode       HashMode
	// conflicts between the profiles, computed once.
	conflicts []Conflict
	// lastInputs are the estimator words of the last context checked:
	// the credentials of one device share them (bench/ profiled their
	// derivation at a tenth of a check).
	lastInputs atomic.Pointer[contextInputs]
}

// contextInputs are ContextWords and their Inputs.
type contextInputs struct {
	words  ContextWords
	inputs []string
}

// inputs returns w.Inputs(), reusing the last call's when w is the same.
func (c *Checker) inputs(w ContextWords) []string {
	if e := c.lastInputs.Load(); e != nil && e.words == w {
		return slices.Clip(e.inputs)
	}
	in := w.Inputs()
	c.lastInputs.Store(&contextInputs{words: w, inputs: in})
	return slices.Clip(in)
}

// NewChecker returns a checker with opts (nil means defaults).
func NewChecker(opts *CheckOptions) *Checker {
	var o CheckOptions
	if opts != nil {
		o = *opts
	}
	c := &Checker{profiles: o.Profiles, minScore: o.MinScore, multiFactor: o.MultiFactor, db: o.Defaults,
		block: o.Blocklist, est: o.Estimator, breached: o.Breached, bmode: o.BreachedMode}
	if c.profiles == nil {
		c.profiles = []Profile{CIAJ2019(), NIST4()}
	}
	if c.minScore <= 0 {
		c.minScore = DefaultMinScore
	}
	if c.db == nil {
		c.db = Defaults()
	}
	if c.block == nil {
		c.block = CommonPasswords()
	}
	if c.est == nil {
		c.est = strength.New(&strength.Options{Mode: strength.Improved})
	}
	c.conflicts = ProfileConflicts(c.profiles)
	return c
}

var defaultChecker = sync.OnceValue(func() *Checker { return NewChecker(nil) })

// Profiles returns the profiles the checker applies.
func (c *Checker) Profiles() []Profile { return slices.Clone(c.profiles) }

// Input describes the secret being checked.
type Input struct {
	// Kind of credential; KindPIN switches to the PIN profile.
	Kind Kind
	// User is the account name ("" none or unknown).
	User string
	// Extension is the PBX extension a PIN belongs to.
	Extension string
	// Context are the device's words (vendor and model also scope the
	// default database).
	Context ContextWords
}

// PatternInfo describes one part of the strength estimate without the
// characters of the password.
type PatternInfo struct {
	// Pattern is the matcher ("dictionary", "spatial", "repeat",
	// "sequence", "regex", "date", "bruteforce").
	Pattern string `json:"pattern"`
	// Dictionary names the list for dictionary matches ("passwords",
	// "english_wikipedia", "user_inputs" = a context word …).
	Dictionary string `json:"dictionary,omitempty"`
	// L33t and Reversed qualify dictionary matches.
	L33t     bool `json:"l33t,omitempty"`
	Reversed bool `json:"reversed,omitempty"`
	// Length is the number of characters the part covers.
	Length int `json:"length"`
}

// String describes the pattern, e.g. "dictionary(passwords, l33t) ×8".
func (p PatternInfo) String() string {
	var q []string
	if p.Dictionary != "" {
		q = append(q, p.Dictionary)
	}
	if p.L33t {
		q = append(q, "l33t")
	}
	if p.Reversed {
		q = append(q, "reversed")
	}
	s := p.Pattern
	if len(q) > 0 {
		s += "(" + strings.Join(q, ", ") + ")"
	}
	return fmt.Sprintf("%s ×%d", s, p.Length)
}

// Verdict is the result of [Checker.Check].
type Verdict struct {
	// Pass is true when no requirement failed.
	Pass bool `json:"pass"`
	// Score (0–4) and GuessesLog10 are the strength estimate; Estimated
	// is false when it did not run (PINs, empty secrets).
	Score        int     `json:"score"`
	GuessesLog10 float64 `json:"guesses_log10"`
	Estimated    bool    `json:"estimated"`
	// Patterns explain the estimate.
	Patterns []PatternInfo `json:"patterns,omitempty"`
	// Failures are the requirements not met, each citing its source.
	Failures []Reason `json:"failures,omitempty"`
	// Defaults are the factory-default entries the secret matches.
	Defaults []DefaultMatch `json:"-"`
	// Conflicts are contradictions between the selected profiles.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Check judges pw, in this order: empty, factory default (vendor-scoped,
// exact), blocklist (and the optional breach service), device-derived
// words, strength estimate, profiles. Every failing requirement is
// reported. pw is used transiently and never stored. The error is
// non-nil only when ctx ends or the breach service fails; the verdict
// then holds what was judged.
func (c *Checker) Check(ctx context.Context, pw netdevsec.Secret, in Input) (v Verdict, err error) {
	v = Verdict{Conflicts: slices.Clone(c.conflicts)}
	fail := func(r Reason) { v.Failures = append(v.Failures, r) }
	defer func() { v.Pass = len(v.Failures) == 0 }()
	user := in.User
	if user == "" {
		user = in.Context.UserName
	}
	if pw.IsZero() {
		fail(Reason{Code: "blank", RuleID: RuleBlank().ID, Message: "no password is set", Cite: CIAJ2019().citation("blocklist")})
		return v, nil
	}
	v.Defaults = c.db.Match(DefaultQuery{Vendor: in.Context.Vendor, Model: in.Context.Model, Kind: in.Kind, User: user,
		Password: pw, Serial: in.Context.Serial, MAC: in.Context.MAC})
	if len(v.Defaults) > 0 {
		d := v.Defaults[0]
		scope := "this device's vendor"
		if !d.Scoped {
			scope = d.Vendor + " (vendor of this device unknown)"
		} else if d.Generic() {
			scope = "any vendor"
		}
		fail(Reason{Code: "default", RuleID: RuleDefault().ID,
			Message: fmt.Sprintf("matches a factory default of %s (%s, database line %d)", scope, d.Pattern, d.Line),
			Cite:    Citation{Source: "netdevsec default-credential database " + c.db.Version(), Section: fmt.Sprintf("line %d", d.Line), Says: d.Source}})
	}
	if in.Kind == KindPIN {
		v.Failures = append(v.Failures, CheckPIN(pw.Reveal(), in.Extension)...)
		return v, nil
	}
	if c.block.Contains(pw) {
		fail(Reason{Code: "blocklist", RuleID: RuleBlocklist().ID, Message: "on the " + c.block.Name() + " list", Cite: NIST4().citation("blocklist")})
	}
	if c.breached != nil {
		n, berr := PwnedCount(ctx, c.breached, c.bmode, pw)
		if berr != nil {
			err = fmt.Errorf("breach service: %w", berr)
		} else if n > 0 {
			fail(BreachedReason(n))
		}
	}
	ctxWords := in.Context
	if ctxWords.UserName == "" {
		ctxWords.UserName = user
	}
	if m, ok := DeviceDerived(pw, ctxWords); ok {
		how := "built from"
		if m.Equal {
			how = "equal to"
		}
		fail(Reason{Code: "device-derived", RuleID: RuleDeviceDerived().ID, Message: fmt.Sprintf("%s the device's %s", how, m.Field), Cite: NIST4().citation("blocklist")})
	}
	res, eerr := c.est.Estimate(ctx, pw.Reveal(), c.inputs(ctxWords))
	if eerr != nil {
		return v, fmt.Errorf("strength: %w", eerr)
	}
	v.Estimated, v.Score, v.GuessesLog10 = true, res.Score, res.GuessesLog10
	for _, m := range res.Sequence {
		v.Patterns = append(v.Patterns, PatternInfo{Pattern: string(m.Pattern), Dictionary: m.DictionaryName, L33t: m.L33t, Reversed: m.Reversed, Length: m.J - m.I + 1})
	}
	if res.Score < c.minScore {
		fail(Reason{Code: "weak", RuleID: RuleWeak().ID,
			Message: fmt.Sprintf("strength score %d of 4 (about 10^%.1f guesses); %d required", res.Score, res.GuessesLog10, c.minScore),
			Cite:    CIAJ2019().citation("blocklist")})
	}
	for _, p := range c.profiles {
		v.Failures = append(v.Failures, checkProfile(p, pw.Reveal(), c.multiFactor)...)
	}
	return v, err
}
