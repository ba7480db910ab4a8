package review

import (
	"strings"

	"github.com/netdevsec/netdevsec"
)

// secretWords introduce a secret value: in "key=value" or "key: value"
// form anywhere, and followed by the value (after an optional type digit,
// as in Cisco "secret 0 …") in configuration commands.
var secretWords = []string{"password", "passwd", "secret", "community", "pre-shared-key", "psk", "key", "receivedhash", "expectedresponse", "receivedresponse", "response", "authentication-key"}

// RedactSecrets replaces the values that follow secret words (password,
// secret, community, key, …) in s with [netdevsec.Redacted]. In
// key=value and key: value forms it always applies; command says s is a
// configuration command, where "secret 0 VALUE" and "community VALUE"
// forms are redacted too.
func RedactSecrets(s string, command bool) string {
	lower := strings.ToLower(s)
	var b strings.Builder
	last := 0
	for i := 0; i < len(lower); {
		w := ""
		for _, cand := range secretWords {
			if strings.HasPrefix(lower[i:], cand) && (i == 0 || !isWordByte(lower[i-1]) || lower[i-1] == '-') {
				w = cand
				break
			}
		}
		if w == "" {
			i++
			continue
		}
		j := i + len(w)
		// the rest of the word: "password-value", "keys"
		for j < len(lower) && (isWordByte(lower[j]) || lower[j] == '-') {
			j++
		}
		k := j
		sep := false
		for k < len(s) && (s[k] == '=' || s[k] == ':' || s[k] == '"' || s[k] == '\'') {
			sep = true
			k++
		}
		if !sep {
			if !command || k >= len(s) || s[k] != ' ' {
				i = j
				continue
			}
			k++
			// Cisco type digit or algorithm: "secret 0 x", "key 7 x", "md5 x"
			if k+1 < len(s) && s[k] >= '0' && s[k] <= '9' && s[k+1] == ' ' {
				k += 2
			}
		} else {
			for k < len(s) && s[k] == ' ' {
				k++
			}
		}
		end := k
		for end < len(s) && s[end] != ' ' && s[end] != '"' && s[end] != '\'' && s[end] != ',' && s[end] != ']' {
			end++
		}
		if end == k {
			i = j
			continue
		}
		b.WriteString(s[last:k])
		b.WriteString(netdevsec.Redacted)
		last = end
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// redactWord replaces whole-word occurrences of w in s.
func redactWord(s, w string) string {
	if w == "" {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+len(w) <= len(s); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			break
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isWordByte(s[j-1])) && (end == len(s) || !isWordByte(s[end])) {
			b.WriteString(s[last:j])
			b.WriteString(netdevsec.Redacted)
			last = end
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
