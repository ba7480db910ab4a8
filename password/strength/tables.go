package strength

import (
	"sort"
	"strings"
	"sync"

	"github.com/trustelem/zxcvbn/adjacency"
	"github.com/trustelem/zxcvbn/frequency"
)

// Dictionary indexes, in zxcvbn's order (frequency_lists.js, then the
// per-call user inputs).
const (
	dictPasswords = iota
	dictEnglishWikipedia
	dictFemaleNames
	dictSurnames
	dictUSTVAndFilm
	dictMaleNames
	dictUserInputs
)

var dictNames = [...]string{
	"passwords", "english_wikipedia", "female_names", "surnames",
	"us_tv_and_film", "male_names", "user_inputs",
}

// Keyboard graph indexes, in zxcvbn's order.
const (
	graphQwerty = iota
	graphDvorak
	graphKeypad
	graphMacKeypad
)

var graphNames = [...]string{"qwerty", "dvorak", "keypad", "mac_keypad"}

// graph is a keyboard adjacency graph: for each key, its neighbours by
// direction; a neighbour is the unshifted and shifted character ("qQ")
// or one character on keypads; -1 marks no neighbour.
type graph map[rune][][2]rune

// l33tTable is zxcvbn's L33T_TABLE, restated from matching.coffee: for
// each letter (in order) the characters that stand for it.
var l33tTable = [...]struct {
	letter rune
	subs   string
}{
	{'a', "4@"}, {'b', "8"}, {'c', "({[<"}, {'e', "3"}, {'g', "69"},
	{'i', "1!|"}, {'l', "1|7"}, {'o', "0"}, {'s', "$5"}, {'t', "+7"},
	{'x', "%"}, {'z', "2"},
}

// tables is the immutable data every Estimator shares.
type tables struct {
	dict   *trie
	graphs [4]graph
	// keyboard/keypad starting positions and average degrees, from the
	// qwerty and keypad graphs (zxcvbn uses them for dvorak and
	// mac_keypad too).
	keyboardStarts, keypadStarts float64
	keyboardDegree, keypadDegree float64
}

// sharedTables builds the tables once per process; they are never
// modified afterwards.
var sharedTables = sync.OnceValue(buildTables)

func buildTables() *tables {
	t := &tables{}
	var items []trieWord
	for d := dictPasswords; d <= dictMaleNames; d++ {
		words := frequency.FrequencyLists[dictNames[d]]
		// A word listed twice keeps its last rank (zxcvbn's
		// build_ranked_dict); the shipped lists have no duplicates.
		m := make(map[string]int, len(words))
		for i, w := range words {
			// trustelem's passwords list escapes one quote
			// ("pic\'s"); zxcvbn 4.4.2 has "pic's".
			w = strings.ReplaceAll(w, `\'`, `'`)
			m[w] = i + 1
		}
		for w, r := range m {
			if w != "" {
				items = append(items, trieWord{units: utf16Units(w), dict: uint8(d), rank: int32(r)})
			}
		}
	}
	t.dict = buildTrie(items)
	for gi, name := range graphNames {
		src := adjacency.Graphs[name].Graph
		g := make(graph, len(src))
		for k, adj := range src {
			key := []rune(k)[0]
			ns := make([][2]rune, len(adj))
			for d, s := range adj {
				ns[d] = [2]rune{-1, -1}
				rs := []rune(s)
				for x := 0; x < len(rs) && x < 2; x++ {
					ns[d][x] = rs[x]
				}
			}
			g[key] = ns
		}
		t.graphs[gi] = g
	}
	t.keyboardStarts = float64(len(t.graphs[graphQwerty]))
	t.keypadStarts = float64(len(t.graphs[graphKeypad]))
	t.keyboardDegree = averageDegree(adjacency.Graphs["qwerty"].Graph)
	t.keypadDegree = averageDegree(adjacency.Graphs["keypad"].Graph)
	return t
}

// averageDegree is zxcvbn's calc_average_degree: non-empty neighbours per
// key.
func averageDegree(g map[string][]string) float64 {
	var sum float64
	for _, adj := range g {
		for _, n := range adj {
			if n != "" {
				sum++
			}
		}
	}
	return sum / float64(len(g))
}

// trie is a read-only character trie over lowercased dictionary words in
// compressed (CSR) form: node k's edges are labels[first[k]:first[k+1]],
// sorted, leading to targets[...]. A node that ends words has terminal
// entries (dictionary, rank) in dictionary order.
type trie struct {
	first   []int32
	labels  []rune
	targets []int32
	// termFirst[k]:termFirst[k+1] index terms.
	termFirst []int32
	terms     []termEntry
}

type termEntry struct {
	dict uint8
	rank int32
}

type buildNode struct {
	labels   []rune
	children []int32
	terms    []termEntry
}

// trieWord is one word to index: its (lowercased) units, dictionary and
// rank.
type trieWord struct {
	units []rune
	dict  uint8
	rank  int32
}

// buildTrie builds a trie over words.
func buildTrie(items []trieWord) *trie {
	sort.Slice(items, func(a, b int) bool {
		x, y := items[a].units, items[b].units
		for k := 0; k < len(x) && k < len(y); k++ {
			if x[k] != y[k] {
				return x[k] < y[k]
			}
		}
		if len(x) != len(y) {
			return len(x) < len(y)
		}
		return items[a].dict < items[b].dict
	})
	nodes := []buildNode{{}}
	for _, it := range items {
		cur := int32(0)
		for _, c := range it.units {
			n := &nodes[cur]
			if k := len(n.labels); k > 0 && n.labels[k-1] == c {
				cur = n.children[k-1]
				continue
			}
			nodes = append(nodes, buildNode{})
			id := int32(len(nodes) - 1)
			n = &nodes[cur]
			n.labels = append(n.labels, c)
			n.children = append(n.children, id)
			cur = id
		}
		nodes[cur].terms = append(nodes[cur].terms, termEntry{dict: it.dict, rank: it.rank})
	}
	t := &trie{
		first:     make([]int32, len(nodes)+1),
		termFirst: make([]int32, len(nodes)+1),
	}
	for k := range nodes {
		t.first[k] = int32(len(t.labels))
		t.labels = append(t.labels, nodes[k].labels...)
		t.targets = append(t.targets, nodes[k].children...)
		t.termFirst[k] = int32(len(t.terms))
		t.terms = append(t.terms, nodes[k].terms...)
	}
	t.first[len(nodes)] = int32(len(t.labels))
	t.termFirst[len(nodes)] = int32(len(t.terms))
	return t
}

// child returns the node reached from k by c, or -1.
func (t *trie) child(k int32, c rune) int32 {
	lo, hi := t.first[k], t.first[k+1]
	if hi-lo <= 8 {
		for x := lo; x < hi; x++ {
			if t.labels[x] == c {
				return t.targets[x]
			}
		}
		return -1
	}
	for lo < hi {
		mid := (lo + hi) / 2
		switch l := t.labels[mid]; {
		case l == c:
			return t.targets[mid]
		case l < c:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return -1
}
