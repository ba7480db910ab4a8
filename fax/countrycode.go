package fax

// countryCode returns the country calling code at the start of d (digits
// after an international prefix), or "" when d cannot start with one.
//
// Country codes are prefix-free and one to three digits long. The one- and
// two-digit codes below are the assigned ones of "List of ITU-T
// Recommendation E.164 assigned country codes" (ITU-T Operational Bulletin
// annex); every other code is three digits. Codes never start with 0.
func countryCode(d string) string {
	if len(d) < 2 || d[0] == '0' {
		return ""
	}
	switch d[0] {
	case '1', '7':
		return d[:1]
	}
	if isTwoDigitCode(d[:2]) {
		return d[:2]
	}
	if len(d) < 4 {
		return ""
	}
	return d[:3]
}

// isTwoDigitCode reports the assigned two-digit country codes (ITU-T
// E.164 list): Egypt 20 … Iran 98.
func isTwoDigitCode(c string) bool {
	switch c {
	case "20", "27",
		"30", "31", "32", "33", "34", "36", "39",
		"40", "41", "43", "44", "45", "46", "47", "48", "49",
		"51", "52", "53", "54", "55", "56", "57", "58",
		"60", "61", "62", "63", "64", "65", "66",
		"81", "82", "84", "86",
		"90", "91", "92", "93", "94", "95", "98":
		return true
	}
	return false
}
