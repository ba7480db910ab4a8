package review

// bounded is a map that never holds more than max entries: when full, a
// quarter of the entries (in Go's random map order) is forgotten. It
// trades exactness on huge inputs for constant memory.
type bounded[K comparable, V any] struct {
	m   map[K]V
	max int
}

func (b *bounded[K, V]) init(max int) {
	b.max = max
	b.m = make(map[K]V, min(max, 1024))
}

func (b *bounded[K, V]) get(k K) (V, bool) {
	v, ok := b.m[k]
	return v, ok
}

func (b *bounded[K, V]) put(k K, v V) {
	if _, ok := b.m[k]; !ok && len(b.m) >= b.max {
		drop := max(b.max/4, 1)
		for key := range b.m {
			delete(b.m, key)
			drop--
			if drop == 0 {
				break
			}
		}
	}
	b.m[k] = v
}
