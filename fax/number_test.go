package fax

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseNumber(t *testing.T) {
	t.Parallel()
	jp := Number{CountryCode: "81", National: "312345678"}
	jpIntl := Number{CountryCode: "81", National: "312345678", International: true}
	withExt := func(n Number, e string) Number { n.Extension = e; return n }
	us := &DialOptions{CountryCode: "1", TrunkPrefix: "1"}
	uk := &DialOptions{CountryCode: "44"}
	tests := []struct {
		name string
		in   string
		opts *DialOptions
		want Number
		err  error
	}{
		// Domestic (Japan, the default plan).
		{name: "domestic hyphens", in: "03-1234-5678", want: jp},
		{name: "domestic plain", in: "0312345678", want: jp},
		{name: "domestic spaces", in: "03 1234 5678", want: jp},
		{name: "domestic parentheses", in: "(03) 1234-5678", want: jp},
		{name: "domestic area in parentheses", in: "03(1234)5678", want: jp},
		{name: "domestic dots", in: "03.1234.5678", want: jp},
		{name: "domestic slash", in: "03/1234/5678", want: jp},
		{name: "full-width digits and hyphens", in: "０３－１２３４－５６７８", want: jp},
		{name: "full-width parentheses", in: "（０３）１２３４－５６７８", want: jp},
		{name: "katakana prolonged mark as hyphen", in: "03ー1234ー5678", want: jp},
		{name: "minus sign and en dash", in: "03\u22121234\u20135678", want: jp},
		{name: "ideographic space", in: "03\u30001234\u30005678", want: jp},
		{name: "mobile", in: "090-1234-5678", want: Number{CountryCode: "81", National: "9012345678"}},
		{name: "free dial", in: "0120-123-456", want: Number{CountryCode: "81", National: "120123456"}},
		{name: "local without area code", in: "1234-5678", want: Number{National: "12345678", Local: true}},
		// International forms.
		{name: "plus", in: "+81 3 1234 5678", want: jpIntl},
		{name: "plus with trunk zero in parentheses", in: "+81 (0)3 1234 5678", want: jpIntl},
		{name: "full-width plus", in: "＋８１ ３ １２３４ ５６７８", want: jpIntl},
		{name: "010 prefix", in: "010-81-3-1234-5678", want: jpIntl},
		{name: "carrier 0033 then 010", in: "0033-010-81-3-1234-5678", want: jpIntl},
		{name: "carrier 001 direct", in: "001-81-3-1234-5678", want: jpIntl},
		{name: "UK from Japan", in: "010 44 20 7946 0018", want: Number{CountryCode: "44", National: "2079460018", International: true}},
		{name: "US from Japan via 0041", in: "0041-010-1-212-555-0100", want: Number{CountryCode: "1", National: "2125550100", International: true}},
		{name: "three-digit country code", in: "+852 2123 4567", want: Number{CountryCode: "852", National: "21234567", International: true}},
		{name: "00 in the UK plan", in: "00 81 3 1234 5678", opts: uk, want: jpIntl},
		{name: "UK domestic", in: "020 7946 0018", opts: uk, want: Number{CountryCode: "44", National: "2079460018"}},
		{name: "011 in the NANP", in: "011 81 3 1234 5678", opts: us, want: jpIntl},
		{name: "NANP long distance", in: "1 (212) 555-0100", opts: us, want: Number{CountryCode: "1", National: "2125550100"}},
		// Pauses, outside lines and extensions.
		{name: "outside line then pause", in: "0,03-1234-5678", want: jp},
		{name: "outside line 9 with P", in: "9P0312345678", want: jp},
		{name: "configured outside line", in: "9,0312345678", opts: &DialOptions{OutsideLinePrefix: "9"}, want: jp},
		{name: "outside line disabled keeps digits", in: "0,0312345678", opts: &DialOptions{OutsideLinePrefix: "-"}, err: ErrInvalidNumber},
		{name: "double trunk prefix", in: "00", err: ErrInvalidNumber},
		{name: "double trunk prefix after plus", in: "+81 00 1234", err: ErrInvalidNumber},
		{name: "leading pause", in: ",03-1234-5678", want: jp},
		{name: "wait inside", in: "03-1234W-5678", want: jp},
		{name: "ext", in: "03-1234-5678 ext 12", want: withExt(jp, "12")},
		{name: "ext dot", in: "03-1234-5678 ext. 12", want: withExt(jp, "12")},
		{name: "EXT upper", in: "03-1234-5678EXT12", want: withExt(jp, "12")},
		{name: "x", in: "03-1234-5678 x12", want: withExt(jp, "12")},
		{name: "hash", in: "03-1234-5678#12", want: withExt(jp, "12")},
		{name: "naisen", in: "03-1234-5678 内線 12", want: withExt(jp, "12")},
		{name: "international with extension", in: "+81 3 1234 5678 x 200", want: withExt(jpIntl, "200")},
		// Errors.
		{name: "empty", in: "", err: ErrEmpty},
		{name: "separators only", in: " - ( ) ", err: ErrEmpty},
		{name: "prefix only", in: "0", err: ErrEmpty},
		{name: "plus only", in: "+", err: ErrEmpty},
		{name: "letter", in: "03-1234-567O", err: ErrInvalidCharacter},
		{name: "plus inside", in: "03+1234", err: ErrInvalidCharacter},
		{name: "two plus", in: "++81 3 1234 5678", err: ErrInvalidCharacter},
		{name: "extension without digits", in: "03-1234-5678 ext", err: ErrEmpty},
		{name: "text after extension", in: "03-1234-5678 x12,3", err: ErrInvalidCharacter},
		{name: "star", in: "*03-1234-5678", err: ErrInvalidCharacter},
		{name: "bad country code", in: "+0 12345", err: ErrInvalidNumber},
		{name: "invalid utf-8", in: "03\xff1234", err: ErrInvalidCharacter},
		{name: "too many digits", in: strings.Repeat("1", DefaultMaxDigits+1), err: ErrTooLong},
		{name: "too long input", in: strings.Repeat(" ", MaxEntryBytes+1), err: ErrTooLong},
		{name: "beyond E.164", in: "+81 3 1234 5678 9012 34", err: ErrTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseNumber(tc.in, tc.opts)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				var ee *EntryError
				assert.ErrorAs(t, err, &ee)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestConfirmDestination(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		first, second string
		opts          *DialOptions
		want          string // Number.String() on success
		err           error
		reason        string // substring of the mismatch reason or entry error
	}{
		{name: "identical", first: "03-1234-5678", second: "03-1234-5678", want: "+81312345678"},
		{name: "different separators", first: "03-1234-5678", second: "(03) 1234 5678", want: "+81312345678"},
		{name: "domestic and plus", first: "03-1234-5678", second: "+81 3 1234 5678", want: "+81312345678"},
		{name: "domestic and 010", first: "0312345678", second: "010 81 3 1234 5678", want: "+81312345678"},
		{name: "full width and half width", first: "０３－１２３４－５６７８", second: "03-1234-5678", want: "+81312345678"},
		{name: "outside line pause on one side", first: "0,03-1234-5678", second: "03-1234-5678", want: "+81312345678"},
		{name: "same extension", first: "03-1234-5678 x12", second: "03 1234 5678 ext 12", want: "+81312345678 ext 12"},
		{name: "international both", first: "+44 20 7946 0018", second: "010-44-20-7946-0018", want: "+442079460018"},
		{name: "local numbers", first: "1234-5678", second: "12345678", want: "12345678"},
		{name: "other plan", first: "020 7946 0018", second: "+44 20 7946 0018", opts: &DialOptions{CountryCode: "44"}, want: "+442079460018"},
		{name: "one digit differs", first: "03-1234-5678", second: "03-1234-5679", err: ErrMismatch, reason: "differ at digit 9"},
		{name: "transposed digits", first: "03-1234-5678", second: "03-1243-5678", err: ErrMismatch, reason: "differ at digit 4"},
		{name: "missing digit", first: "03-1234-5678", second: "03-1234-567", err: ErrMismatch, reason: "different number of digits"},
		{name: "area code on one side only", first: "03-1234-5678", second: "1234-5678", err: ErrMismatch, reason: "area code"},
		{name: "different country", first: "+81 3 1234 5678", second: "+82 3 1234 5678", err: ErrMismatch, reason: "country codes differ"},
		{name: "extension differs", first: "03-1234-5678 x12", second: "03-1234-5678 x13", err: ErrMismatch, reason: "extensions differ"},
		{name: "extension missing", first: "03-1234-5678 x12", second: "03-1234-5678", err: ErrMismatch, reason: "extensions differ"},
		{name: "first empty", first: "", second: "03-1234-5678", err: ErrEmpty, reason: "first entry"},
		{name: "second empty", first: "03-1234-5678", second: "   ", err: ErrEmpty, reason: "second entry"},
		{name: "second invalid", first: "03-1234-5678", second: "03-1234-567a", err: ErrInvalidCharacter, reason: "second entry: invalid character 'a' at position 12"},
		{name: "first too long", first: strings.Repeat("9", 40), second: "03-1234-5678", err: ErrTooLong, reason: "first entry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ConfirmDestination(tc.first, tc.second, tc.opts)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				assert.Contains(t, err.Error(), tc.reason)
				assert.Equal(t, Number{}, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.String())
		})
	}
}

func TestConfirmDestinationMismatchError(t *testing.T) {
	t.Parallel()
	_, err := ConfirmDestination("03-1234-5678", "03-1234-5679", nil)
	var me *MismatchError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, "+81312345678", me.First.E164())
	assert.Equal(t, "+81312345679", me.Second.E164())
	assert.False(t, errors.Is(err, ErrEmpty))
}

func TestValidateIdentity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		err  error
	}{
		{name: "international", in: "+81 3 1234 5678"},
		{name: "digits only", in: "0312345678"},
		{name: "exactly 20", in: "+81 3 1234 5678 9012"},
		{name: "empty", in: "", err: ErrEmpty},
		{name: "21 characters", in: "+81 3 1234 5678 90123", err: ErrTooLong},
		{name: "hyphen", in: "03-1234-5678", err: ErrInvalidCharacter},
		{name: "letters", in: "ACME FAX", err: ErrInvalidCharacter},
		{name: "star not allowed in identity", in: "*123", err: ErrInvalidCharacter},
		{name: "full width digit", in: "０３", err: ErrInvalidCharacter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateIdentity("TSI", tc.in)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				assert.Contains(t, err.Error(), "TSI")
				return
			}
			require.NoError(t, err)
		})
	}
}

func TestValidateFCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		code FCode
		in   string
		err  error
		msg  string
	}{
		{name: "SUB digits", code: SUB, in: "0001"},
		{name: "SUB star hash space", code: SUB, in: "12*34#5 6"},
		{name: "SEP 20", code: SEP, in: "12345678901234567890"},
		{name: "PWD digits", code: PWD, in: "4711"},
		{name: "SUB empty", code: SUB, in: "", err: ErrEmpty, msg: "SUB: no digits entered"},
		{name: "SEP 21", code: SEP, in: "123456789012345678901", err: ErrTooLong, msg: "SEP: too long: 21 characters, at most 20"},
		{name: "SUB plus", code: SUB, in: "+81", err: ErrInvalidCharacter, msg: `SUB: invalid character '+' at position 1`},
		{name: "SUB letter", code: SUB, in: "12a", err: ErrInvalidCharacter, msg: `SUB: invalid character 'a' at position 3`},
		{name: "PWD letter hidden", code: PWD, in: "se7ret", err: ErrInvalidCharacter, msg: "PWD: invalid character at position 1"},
		{name: "SID letter hidden", code: SID, in: "12x4", err: ErrInvalidCharacter, msg: "SID: invalid character at position 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateFCode(tc.code, tc.in)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				assert.Equal(t, tc.msg, err.Error())
				if tc.code.Secret() {
					assert.NotContains(t, err.Error(), tc.in)
				}
				return
			}
			require.NoError(t, err)
		})
	}
}

func TestMatchRemoteID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		dialled  string
		id       string
		opts     *MatchOptions
		want     Verdict
		compared int
	}{
		{name: "international CSI", dialled: "03-1234-5678", id: "+81 3 1234 5678", want: VerdictMatch, compared: 9},
		{name: "international CSI without plus", dialled: "03-1234-5678", id: "81 3 1234 5678", want: VerdictMatch, compared: 9},
		{name: "domestic CSI", dialled: "+81 3 1234 5678", id: "03 1234 5678", want: VerdictMatch, compared: 9},
		{name: "CSI with last digits", dialled: "03-1234-5678", id: "1234 5678", want: VerdictMatch, compared: 8},
		{name: "CSI with last four", dialled: "03-1234-5678", id: "5678", want: VerdictMatch, compared: 4},
		{name: "outside line dialled", dialled: "0,03-1234-5678", id: "+81 3 1234 5678", want: VerdictMatch, compared: 9},
		{name: "local number dialled", dialled: "1234-5678", id: "+81 3 1234 5678", want: VerdictMatch, compared: 8},
		{name: "one digit off", dialled: "03-1234-5678", id: "+81 3 1234 5679", want: VerdictMismatch, compared: 9},
		{name: "other city", dialled: "06-6123-4567", id: "03 1234 5678", want: VerdictMismatch, compared: 9},
		{name: "other country", dialled: "03-1234-5678", id: "+44 20 7946 0018", want: VerdictMismatch, compared: 2},
		{name: "short CSI differs", dialled: "03-1234-5678", id: "9999 1111", want: VerdictMismatch, compared: 8},
		{name: "empty", dialled: "03-1234-5678", id: "", want: VerdictUnknown},
		{name: "blank", dialled: "03-1234-5678", id: "    ", want: VerdictUnknown},
		{name: "name only", dialled: "03-1234-5678", id: "ACME TOKYO", want: VerdictUnknown},
		{name: "placeholder", dialled: "03-1234-5678", id: "0000000000", want: VerdictUnknown},
		{name: "too short", dialled: "03-1234-5678", id: "678", want: VerdictUnknown, compared: 3},
		{name: "min digits raised", dialled: "03-1234-5678", id: "5678", opts: &MatchOptions{MinDigits: 6}, want: VerdictUnknown, compared: 4},
		{name: "dialled unreadable", dialled: "call bob", id: "+81 3 1234 5678", want: VerdictUnknown},
		{name: "UK plan", dialled: "020 7946 0018", id: "+44 20 7946 0018", opts: &MatchOptions{Dial: &DialOptions{CountryCode: "44"}}, want: VerdictMatch, compared: 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := MatchRemoteID(tc.dialled, tc.id, tc.opts)
			assert.Equal(t, tc.want, m.Verdict, m.Reason)
			assert.Equal(t, tc.compared, m.Compared, m.Reason)
			assert.NotEmpty(t, m.Reason)
			assert.GreaterOrEqual(t, m.Confidence, 0.0)
			assert.LessOrEqual(t, m.Confidence, 1.0)
			if tc.want == VerdictUnknown {
				assert.Zero(t, m.Confidence)
			}
		})
	}
}
