// Package dialplan models a PBX dial plan — contexts, includes,
// extensions and their steps — and answers the toll-fraud questions of
// CIAJ-2.3-3 and CIAJ-2.3-4: from an entry context (a guest, an inbound
// trunk, a phone), which Dial and DISA steps can a caller reach through
// includes, Goto, Gosub, Macro, Local channels and DISA, what number can
// each Dial send, and can that number start with an international prefix?
//
// Extension patterns of Asterisk (_X., _NXXNXXXXXX, _0[1-9]X., '!') and
// FreeSWITCH regular expressions compile to one automaton ([Pattern]), so
// questions such as "can _0X. dial 010…?" (yes) or "can _0[2-9]X.?" (no)
// have exact answers for the supported syntax. The analysis is pure: no
// files, no network; package pbx builds plans from configuration files.
//
// # Clauses
//
// CIAJ-2.3-3, CIAJ-2.3-4, CIAJ-2.4-1.
package dialplan
