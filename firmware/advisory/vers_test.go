package advisory

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/firmware/version"
	"github.com/netdevsec/netdevsec/internal/sharedtest"
)

type versTest struct {
	Description     string          `json:"description"`
	TestType        string          `json:"test_type"`
	Input           json.RawMessage `json:"input"`
	ExpectedOutput  json.RawMessage `json:"expected_output"`
	ExpectedFailure bool            `json:"expected_failure"`
	ExpectedMessage string          `json:"expected_message"`
}

func loadVersTests(t *testing.T, file string) []versTest {
	dir := sharedtest.Path(t, "testdata", "vers-spec")
	b, err := os.ReadFile(filepath.Join(dir, file))
	require.NoError(t, err)
	var doc struct {
		Tests []versTest `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	require.NotEmpty(t, doc.Tests)
	return doc.Tests
}

func TestVersSpecParse(t *testing.T) {
	for i, tc := range loadVersTests(t, "vers_canonical_parse_test.json") {
		var input string
		require.NoError(t, json.Unmarshal(tc.Input, &input))
		t.Run(input, func(t *testing.T) {
			v, err := ParseVers(input)
			if tc.ExpectedFailure {
				require.Error(t, err, "case %d: %s", i, tc.Description)
				assert.ErrorIs(t, err, ErrVers)
				assert.Contains(t, err.Error(), tc.ExpectedMessage)
				return
			}
			require.NoError(t, err, tc.Description)
			var want struct {
				Scheme      string     `json:"scheme"`
				Constraints [][]string `json:"version_constraints"`
			}
			require.NoError(t, json.Unmarshal(tc.ExpectedOutput, &want))
			var got [][]string
			for _, c := range v.Constraints {
				got = append(got, []string{c.Op, c.Version})
			}
			assert.Equal(t, want.Scheme, v.Type)
			assert.Equal(t, want.Constraints, got)
		})
	}
}

func TestVersSpecValidate(t *testing.T) {
	for _, tc := range loadVersTests(t, "pypi_range_validate_test.json") {
		var input, want string
		require.NoError(t, json.Unmarshal(tc.Input, &input))
		require.NoError(t, json.Unmarshal(tc.ExpectedOutput, &want))
		t.Run(input, func(t *testing.T) {
			v, err := NormalizeVers(input)
			require.NoError(t, err)
			assert.Equal(t, want, v.String())
			again, err := ParseVers(v.String())
			require.NoError(t, err, "the normal form is canonical")
			assert.Equal(t, want, again.String())
		})
	}
}

func TestVersSpecContainment(t *testing.T) {
	for _, file := range []string{"pypi_range_containment_test.json", "npm_range_containment_test.json"} {
		for _, tc := range loadVersTests(t, file) {
			var in struct {
				Vers    string `json:"vers"`
				Version string `json:"version"`
			}
			require.NoError(t, json.Unmarshal(tc.Input, &in))
			var want bool
			require.NoError(t, json.Unmarshal(tc.ExpectedOutput, &want))
			t.Run(in.Vers+"@"+in.Version, func(t *testing.T) {
				v, err := NormalizeVers(in.Vers)
				require.NoError(t, err)
				s := v.Scheme
				if s == 0 {
					s, err = version.Lookup(v.Type)
					require.NoError(t, err)
				}
				got, err := v.Contains(version.MustParse(s, in.Version))
				require.NoError(t, err)
				assert.Equal(t, want, got)
			})
		}
	}
}

// TestVersSpecComparison runs the comparison and equality cases of the
// lexicographic, datetime and OpenSSL (generic) schemes.
func TestVersSpecComparison(t *testing.T) {
	for _, file := range []string{"lexicographic-test.json", "datetime_version_cmp_test.json", "openssl_version_cmp_test.json"} {
		for i, tc := range loadVersTests(t, file) {
			var in struct {
				Scheme   string   `json:"input_scheme"`
				Versions []string `json:"versions"`
			}
			require.NoError(t, json.Unmarshal(tc.Input, &in))
			s, err := version.Lookup(in.Scheme)
			require.NoError(t, err)
			var vs []version.Version
			for _, raw := range in.Versions {
				vs = append(vs, version.MustParse(s, raw))
			}
			switch tc.TestType {
			case "equality":
				var want bool
				require.NoError(t, json.Unmarshal(tc.ExpectedOutput, &want))
				assert.Equal(t, want, version.Equal(vs[0], vs[1]), "%s #%d: %s", file, i, tc.Description)
			case "comparison":
				var want []string
				require.NoError(t, json.Unmarshal(tc.ExpectedOutput, &want))
				slices.SortStableFunc(vs, func(a, b version.Version) int { c, _ := version.Compare(a, b); return c })
				var got []string
				for _, v := range vs {
					got = append(got, v.Raw())
				}
				assert.Equal(t, want, got, "%s #%d: %s", file, i, tc.Description)
			default:
				t.Fatalf("%s #%d: test type %q", file, i, tc.TestType)
			}
		}
	}
}

func TestVersStatements(t *testing.T) {
	for _, tc := range []struct {
		in       string
		versions []string
		excluded []string
		ranges   []string
		bad      bool
	}{
		{"vers:intdot/>=1.0|!=1.5|<2.0|3.0", []string{"3.0"}, []string{"1.5"}, []string{">=1.0|<2.0"}, false},
		{"vers:intdot/<1.0|>=2.0", nil, nil, []string{"<1.0", ">=2.0"}, false},
		{"vers:cisco-iosxe/>=17.9.0|<17.9.4a", nil, nil, []string{">=17.9.0|<17.9.4a"}, false},
		{"vers:all/*", nil, nil, []string{"*"}, false},
		{"vers:intdot/>=1.0|>=2.0", nil, nil, nil, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			v, err := ParseVers(tc.in)
			require.NoError(t, err)
			vs, ex, rs, bad := v.statements()
			assert.Equal(t, tc.bad, bad != "")
			assert.Equal(t, tc.versions, vs)
			assert.Equal(t, tc.excluded, ex)
			var got []string
			for _, r := range rs {
				got = append(got, r.String())
			}
			assert.Equal(t, tc.ranges, got)
		})
	}
}

func TestVersIncomparable(t *testing.T) {
	v, err := ParseVers("vers:cisco-ios/>=15.2(4)M1|<15.2(4)M10")
	require.NoError(t, err)
	in, err := v.Contains(version.MustParse(version.CiscoIOS, "15.2(4)M7"))
	require.NoError(t, err)
	assert.True(t, in)
	_, err = v.Contains(version.MustParse(version.CiscoIOS, "15.2(4)E7"))
	assert.ErrorIs(t, err, ErrIncomparable)
	assert.True(t, strings.HasPrefix(v.String(), "vers:cisco-ios/"))
}
