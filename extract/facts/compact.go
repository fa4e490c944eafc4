package facts

// A document may state a key's figure many times (a table flattened into a paragraph
// states thousands), and dedupe keeps only the first statement of a single-valued key.
// The rules that read figures drop the later statements as they go, so that the facts
// they hold stay as few as the keys, not as many as the figures.

// compactAt is the length at which a rule's facts are first compacted; after each
// compaction, the next is at twice the length left, so the work stays linear.
const compactAt = 4096

// compactEvery compacts fs when it has reached *next facts, and sets the next length.
func compactEvery(fs []Fact, next *int) []Fact {
	if *next == 0 {
		*next = compactAt
	}
	if len(fs) < *next {
		return fs
	}
	fs = compact(fs)
	*next = max(compactAt, 2*len(fs))
	return fs
}

// compact keeps, of the facts with the same key and rule, the first in document order
// (the smallest Start; of equal ones, the first in fs), in their order in fs. For facts
// of single-valued keys this changes nothing that dedupe returns: dedupe keeps the first
// fact of a key in document order, and a rule's later facts of a key stand behind its
// first whatever the other rules find. The rule is part of the class because thisYear
// and dedupe read it (合计, 总计, table). It must not be given facts of list keys.
func compact(fs []Fact) []Fact {
	type class struct{ key, rule string }
	first := make(map[class]int, 64) // the index in out of the class's first fact
	out := fs[:0]
	for _, f := range fs {
		c := class{f.Key, f.Rule}
		if i, ok := first[c]; ok {
			if f.Start < out[i].Start {
				out[i] = f
			}
			continue
		}
		first[c] = len(out)
		out = append(out, f)
	}
	clear(fs[len(out):])
	return out
}
