// Package strength estimates how many guesses a password needs, the way
// zxcvbn 4.4.2 does, and explains the estimate as the cheapest sequence of
// patterns that covers the password: common password or word (ranked
// frequency lists), l33t spelling, reversed word, keyboard walk (qwerty,
// dvorak, keypad, Mac keypad), sequence, repeat, recent year, date,
// context word ("user_inputs") and bruteforce for the rest. It also
// tells whether a password is equal to or built from a device's own
// words ([DeviceDerived]).
//
// # Use
//
// Build an [Estimator] once with [New] (the dictionaries are built on the
// first call in the process and shared read-only; an Estimator is safe
// for concurrent use) and call [Estimator.Estimate] with the context
// words of the device ([ContextWords.Inputs]). [Estimate] is a one-shot
// convenience.
//
// # Checks and clauses
//
// Guessability for CIAJ-1.2-2 (avoid guessable passwords) and
// device-derived passwords for CIAJ-1.2-1 (defaults and values derived
// from serial, MAC, model, SSID, user name). The rules live in package
// password, which calls this package.
//
// # Touches
//
// Nothing outside the process: no files, no network. The password is
// only read. A [Result]'s Match tokens and matched words are fragments of
// the password: treat them as secret and never log them. [DeviceDerived]
// reasons name fields, never values.
//
// # Modes
//
// [Compatible] (the zero value) reproduces zxcvbn 4.4.2: the password is
// read as UTF-16 code units as JavaScript does (an emoji is two units),
// nothing is normalised, recent years are 1900–2019 and the reference
// year dates are measured from defaults to [CompatibleReferenceYear]
// (2017; zxcvbn reads it from the clock). On the 6,656-password corpus in
// testdata (scored by npm zxcvbn@4.4.2, see testdata/README.md) it gives
// the same score, the same guesses and the same pattern sequence for
// 99.98 % of the passwords; the one known difference is zxcvbn's
// JavaScript `in` lookup finding "constructor" and "__proto__" on every
// dictionary's prototype, which this package does not imitate.
//
// [Improved] reads code points after NFKC normalisation (full-width
// letters are letters, combining marks compose), treats 1900 up to the
// reference year (default: the current year) as recent years, and may
// therefore score differently from zxcvbn.
//
// # Limits and complexity
//
// At most Options.MaxLength characters are analysed ([DefaultMaxLength],
// 256: UTF-16 units in Compatible mode, code points in Improved mode).
// Each character past the limit is credited as bruteforce (×10 guesses),
// so a longer password never scores lower than its analysed prefix; the
// rest of the input is counted, not decoded or normalised (Improved mode
// normalises at most 2×MaxLength code points). Result.Truncated reports
// the cut. Context words are limited to 256 per call of at most 128
// characters each.
//
// Matching is bounded by the longest dictionary word: dictionaries are a
// character trie walked from each position (O(n·L), L ≤ 23; context words
// up to 128), l33t variants walk it once per position, branching only at
// l33t characters (zxcvbn re-matches once per substitution set), date
// candidates are 4–10 characters, keyboard and sequence scans are linear
// and repeats use the Z-function (O(n²) worst case, no backtracking).
// The optimal-sequence DP is zxcvbn's, with a counting sort, a
// prefix-minimum dominance test and exact prunes (a bound on the answer,
// dead and dominated bruteforce sources) that leave its result unchanged.
// The estimator polls ctx while it works and returns ctx's error when it
// ends.
//
// # Speed
//
// Typical passwords take 0.01–0.05 ms of CPU, 0.02–0.31× the time of
// github.com/trustelem/zxcvbn on the same inputs; the worst 1 MiB inputs
// found (random l33t characters, a/A mixes, cased l33t words) take about
// 3 ms of CPU, most take about 1 ms. README.md has the tables and how they
// were measured (BenchmarkEstimateTypical, BenchmarkTrustelemTypical,
// BenchmarkEstimate1MiB).
package strength
