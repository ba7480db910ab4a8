package netdevsec

import (
	"fmt"
	"os"
	"strings"
)

// Lang is a report language. English is the default; Japanese is the
// language of the guideline and of most of its readers.
type Lang string

// Supported languages.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
)

// ParseLang accepts "en", "ja" and locale forms such as "ja_JP.UTF-8".
func ParseLang(s string) (Lang, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case t == "en" || strings.HasPrefix(t, "en_") || strings.HasPrefix(t, "en-"):
		return English, nil
	case t == "ja" || strings.HasPrefix(t, "ja_") || strings.HasPrefix(t, "ja-"):
		return Japanese, nil
	}
	return "", fmt.Errorf("language %q (want en or ja): %w", s, ErrUnknownName)
}

// LangFromEnv picks the language from the POSIX locale variables
// (LC_ALL, LC_MESSAGES, LANG, in that order) as getenv reports them;
// anything but Japanese gives [English]. Pass [os.Getenv] in programs.
func LangFromEnv(getenv func(string) string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if l, err := ParseLang(v); err == nil {
				return l
			}
			return English
		}
	}
	return English
}

// Text is a string in English and Japanese. Every rule title, description
// and remediation is a Text; the conformance checks require both.
type Text struct {
	EN string `json:"en"`
	JA string `json:"ja"`
}

// In returns the text in lang, falling back to English when that
// translation is empty.
func (t Text) In(lang Lang) string {
	if lang == Japanese && t.JA != "" {
		return t.JA
	}
	return t.EN
}

// String returns the English text.
func (t Text) String() string { return t.EN }
