// Package strength estimates how many guesses a password needs, the way
// zxcvbn 4.4.2 does, and explains the estimate as a sequence of patterns
// (common password or word, l33t, keyboard walk, sequence, repeat,
// date/year, context word, bruteforce).
package strength
