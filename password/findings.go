package password

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// maxHashCandidates bounds the defaults tried against one salted hash.
const maxHashCandidates = 16

// credEvidence describes a credential without its secret.
func credEvidence(c Credential) []netdevsec.Evidence {
	ev := []netdevsec.Evidence{netdevsec.E("credential", c.Name), netdevsec.E("kind", c.Kind)}
	if c.User != "" {
		ev = append(ev, netdevsec.E("user", c.User))
	}
	if c.Storage != StorageUnknown {
		ev = append(ev, netdevsec.E("storage", c.Storage))
	}
	return append(ev, netdevsec.RedactedEvidence("secret"))
}

func at(f netdevsec.Finding, c Credential) netdevsec.Finding {
	if c.Location != nil {
		l := *c.Location
		f.Location = &l
	}
	return f
}

func plaintextKnown(c Credential) bool { return c.Empty || !c.Secret.IsZero() }

// Findings runs every rule of the package but fleet reuse and live
// checks over f for device: the secret rules on each credential whose
// plaintext is known (hashed ones are verified against the device's
// factory defaults), the storage rules on where each is kept, and the
// policy, rotation and anomaly rules on f's policy and anomalies. It
// returns one finding per failing credential and rule, else one pass
// (or unknown, when nothing could be judged) per rule. An error is
// returned only when ctx ends.
func (c *Checker) Findings(ctx context.Context, device string, f Facts, now time.Time) ([]netdevsec.Finding, error) {
	_ = now
	var out []netdevsec.Finding
	failed := map[string]int{}
	judged := map[string]int{}
	add := func(fd netdevsec.Finding) {
		if fd.Status == netdevsec.StatusFail {
			failed[fd.RuleID]++
		}
		out = append(out, fd)
	}
	secretRules := []netdevsec.Rule{RuleBlank(), RuleDefault(), RuleBlocklist(), RuleDeviceDerived(), RuleWeak(), RuleProfile(), RulePIN()}
	byID := map[string]netdevsec.Rule{}
	for _, r := range secretRules {
		byID[r.ID] = r
	}
	for _, cr := range f.Credentials {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		in := Input{Kind: cr.Kind, User: cr.User, Extension: cr.Extension, Context: f.Context}
		if !plaintextKnown(cr) {
			if !cr.Hash.IsZero() {
				if d, ok := c.hashIsDefault(cr, f.Context); ok {
					judged[RuleDefault().ID]++
					add(at(RuleDefault().Fail(device, fmt.Sprintf("%s: stored hash verifies against a factory default (%s)", cr.Name, d.Source),
						credEvidence(cr)...), cr))
				} else {
					judged[RuleDefault().ID]++
				}
			}
			continue
		}
		v, err := c.Check(ctx, cr.Secret, in)
		if err != nil && ctx.Err() != nil {
			return nil, err
		}
		for _, id := range []string{RuleBlank().ID, RuleDefault().ID, RuleBlocklist().ID, RuleDeviceDerived().ID} {
			judged[id]++
		}
		if cr.Kind == KindPIN {
			judged[RulePIN().ID]++
		} else if v.Estimated {
			judged[RuleWeak().ID]++
			judged[RuleProfile().ID]++
		}
		// One finding per rule and credential, all its reasons as evidence.
		reasons := map[string][]Reason{}
		var order []string
		for _, r := range v.Failures {
			if _, seen := reasons[r.RuleID]; !seen {
				order = append(order, r.RuleID)
			}
			reasons[r.RuleID] = append(reasons[r.RuleID], r)
		}
		for _, id := range order {
			rs := reasons[id]
			msgs := make([]string, len(rs))
			ev := credEvidence(cr)
			for i, r := range rs {
				msgs[i] = r.Message
				ev = append(ev, netdevsec.E("cite", r.Cite.String()))
				if r.Profile != "" {
					ev = append(ev, netdevsec.E("profile", r.Profile))
				}
			}
			if id == RuleWeak().ID {
				ev = append(ev, netdevsec.E("score", v.Score))
				for _, p := range v.Patterns {
					ev = append(ev, netdevsec.E("pattern", p.String()))
				}
			}
			add(at(byID[id].Fail(device, cr.Name+": "+strings.Join(msgs, "; "), ev...), cr))
		}
	}
	for _, r := range secretRules {
		if failed[r.ID] > 0 {
			continue
		}
		switch n := judged[r.ID]; {
		case n > 0:
			add(r.Pass(device, fmt.Sprintf("%d credential(s) checked", n)))
		case r.ID == RulePIN().ID:
			add(r.NotApplicable(device, "no PIN recorded"))
		default:
			add(r.Unknown(device, "no credential with a known password or hash"))
		}
	}
	out = append(out, storageFindings(device, f)...)
	out = append(out, c.policyFindings(device, f)...)
	out = append(out, anomalyFindings(device, f)...)
	return out, nil
}

// hashIsDefault verifies a stored hash against the device's exact
// factory defaults and its user name (bounded to maxHashCandidates).
func (c *Checker) hashIsDefault(cr Credential, cw ContextWords) (Default, bool) {
	if _, _, err := ClassifyHash(cr.Hash.Reveal()); err != nil {
		return Default{}, false
	}
	var cands []Default
	for _, d := range c.db.Entries() {
		if d.Pattern != PatternExact || !kindCompatible(d.Kind, cr.Kind) || !userMatches(d.User, cr.User) {
			continue
		}
		if cw.Vendor == "" || !vendorMatches(alnum(d.Vendor), alnum(cw.Vendor)) || !modelMatches(d.Models, cw.Model) {
			continue
		}
		cands = append(cands, d)
	}
	if cr.User != "" {
		cands = append(cands, Default{Password: netdevsec.NewSecret(cr.User), Pattern: PatternSameAsUser, Source: "password equal to the user name"})
	}
	seen := map[string]bool{}
	for _, d := range cands {
		pw := d.Password.Reveal()
		if seen[pw] || len(seen) >= maxHashCandidates {
			continue
		}
		seen[pw] = true
		if ok, _ := VerifyHash(cr.Hash.Reveal(), d.Password); ok {
			return d, true
		}
	}
	return Default{}, false
}

func storageFindings(device string, f Facts) []netdevsec.Finding {
	var out []netdevsec.Finding
	clear, weak, known := RuleCleartext(), RuleWeakHash(), 0
	nClear, nWeak, plainLogin := 0, 0, 0
	for _, cr := range f.Credentials {
		if cr.Storage == StorageUnknown {
			continue
		}
		known++
		switch cr.Storage {
		case StoragePlaintext, StorageReversible:
			if cr.Empty {
				continue // an absent password is password.empty's business
			}
			nClear++
			how := "in clear"
			if cr.Storage == StorageReversible {
				how = "in a reversible form"
			}
			out = append(out, at(clear.Fail(device, fmt.Sprintf("%s is stored %s", cr.Name, how), credEvidence(cr)...), cr))
			if cr.Storage == StoragePlaintext && (cr.Kind == KindLogin || cr.Kind == KindEnable) {
				plainLogin++
			}
		case StorageWeakHash:
			nWeak++
			out = append(out, at(weak.Fail(device, cr.Name+" is stored as a fast or unsalted hash", credEvidence(cr)...), cr))
		}
	}
	for _, x := range []struct {
		r netdevsec.Rule
		n int
	}{{clear, nClear}, {weak, nWeak}} {
		switch {
		case x.n > 0:
		case known > 0:
			out = append(out, x.r.Pass(device, fmt.Sprintf("%d stored credential(s) checked", known)))
		default:
			out = append(out, x.r.Unknown(device, "how the device stores its credentials is not known (no config scanned)"))
		}
	}
	enc := RuleEncryptionService()
	switch {
	case f.PasswordEncryption == nil:
		out = append(out, enc.NotApplicable(device, "not a Cisco IOS configuration"))
	case *f.PasswordEncryption:
		out = append(out, enc.Pass(device, "service password-encryption is configured"))
	case plainLogin > 0:
		out = append(out, enc.Fail(device, fmt.Sprintf("service password-encryption is off and %d login/enable password(s) are in clear", plainLogin)))
	default:
		out = append(out, enc.Pass(device, "service password-encryption is off, but no login password is stored in clear"))
	}
	return out
}

func (c *Checker) policyFindings(device string, f Facts) []netdevsec.Finding {
	rot, con := RuleRotation(), RuleConflict()
	if f.Policy == nil {
		return []netdevsec.Finding{
			rot.Unknown(device, "the device's password policy is not recorded"),
			con.Unknown(device, "the device's password limits are not recorded"),
		}
	}
	var out []netdevsec.Finding
	if f.Policy.MaxAge > 0 {
		p := NIST4()
		out = append(out, rot.Fail(device, fmt.Sprintf("passwords must change every %s", f.Policy.MaxAge),
			netdevsec.E("max_age", f.Policy.MaxAge), netdevsec.E("cite", CIAJ2019().citation("rotation").String()), netdevsec.E("cite", p.citation("rotation").String())))
	} else {
		out = append(out, rot.Pass(device, "no periodic forced change"))
	}
	n := 0
	for _, p := range c.profiles {
		for _, cf := range DeviceConflicts(p, *f.Policy) {
			n++
			ev := []netdevsec.Evidence{netdevsec.E("profile", p.ID), netdevsec.E("conflict", cf.Code)}
			for _, ct := range cf.Cites {
				ev = append(ev, netdevsec.E("cite", ct.String()))
			}
			out = append(out, con.Fail(device, cf.Message, ev...))
		}
	}
	if n == 0 {
		out = append(out, con.Pass(device, "the device's password limits allow every selected profile"))
	}
	return out
}

func anomalyFindings(device string, f Facts) []netdevsec.Finding {
	r := RuleAnomaly()
	if len(f.Anomalies) == 0 {
		return []netdevsec.Finding{r.NotApplicable(device, "no anomaly recorded for the device")}
	}
	latest := slices.MaxFunc(f.Anomalies, func(a, b Anomaly) int { return a.At.Compare(b.At) })
	var out []netdevsec.Finding
	unknown, ok := 0, 0
	for _, cr := range f.Credentials {
		switch {
		case cr.ChangedAt.IsZero():
			unknown++
		case cr.ChangedAt.Before(latest.At):
			ev := append(credEvidence(cr), netdevsec.E("anomaly_at", latest.At.UTC().Format(time.RFC3339)), netdevsec.E("changed_at", cr.ChangedAt.UTC().Format(time.RFC3339)))
			if latest.Summary != "" {
				ev = append(ev, netdevsec.E("anomaly", latest.Summary))
			}
			out = append(out, at(r.Fail(device, fmt.Sprintf("%s was last changed before the anomaly of %s", cr.Name, latest.At.UTC().Format("2006-01-02")), ev...), cr))
		default:
			ok++
		}
	}
	switch {
	case len(out) > 0:
	case unknown > 0:
		out = append(out, r.Unknown(device, fmt.Sprintf("an anomaly was recorded on %s; %d credential(s) have no change date", latest.At.UTC().Format("2006-01-02"), unknown)))
	case ok > 0:
		out = append(out, r.Pass(device, fmt.Sprintf("every credential was changed after the anomaly of %s", latest.At.UTC().Format("2006-01-02"))))
	default:
		out = append(out, r.Unknown(device, "an anomaly was recorded but no credential is known"))
	}
	return out
}

// Check runs the package's rules (all but fleet reuse and live checks)
// over f for device with the default [Checker]: the pure function of
// facts that embedding programs call when they hold the facts
// themselves.
func Check(device string, f Facts, now time.Time) []netdevsec.Finding {
	fs, _ := defaultChecker().Findings(context.Background(), device, f, now) // errors only on a done context
	return fs
}
