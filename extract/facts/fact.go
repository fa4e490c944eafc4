package facts

// Type is the type of a fact's value.
type Type uint8

// The types of value.
const (
	Money   Type = iota + 1 // Fen holds the amount
	Integer                 // Int holds the count or year
	String                  // Text holds the text
	Item                    // Text, Int and Measure hold a procurement item
	Kind                    // Text holds "budget" or "final_accounts"
	Scope                   // Text holds "department" or "unit"
)

// Fact is one value the text states, under its FIELDS.md key.
type Fact struct {
	Key      string // the FIELDS.md key, e.g. "revenue.total", "expenditure.function.科学技术支出"
	Type     Type   // which of the value fields below is set
	Fen      int64  // Money: the amount in fen
	Int      int64  // Integer: the value; Item: the quantity
	Text     string // String, Kind, Scope: the value; Item: what is bought
	Measure  string // Item: the measure word
	Unit     int64  // Money: fen per unit as stated (100 for 元, 1000000 for 万元), for the checks
	Step     int64  // Money: fen of one unit of the last digit stated (0.01万元 → 10000): the rounding it carries
	Approx   bool   // stated approximately
	Repaired bool   // unit repaired by the checks
	Start    int    // byte offset of the source text in the normalised text
	End      int    // byte offset just past it
	Rule     string // the rule that found it, for debugging
}

// Warning is a diagnostic about the document: a sum that fails, a unit repaired, a
// page that could not be read. It is never a fact.
type Warning struct {
	Code    string   // the record's WarningCode name without prefix, lower case: "unit_repaired", "sum_mismatch", ...
	Message string   // one sentence for people
	Keys    []string // the keys involved
	Start   int      // byte offset in the normalised text, or -1 when not one place
	End     int
	Page    int // 1-based page when known and Start is -1
	// OtherStart and OtherEnd are the byte offsets of a second place the warning names
	// (the sentence against the table cell); unset when OtherEnd is not past OtherStart.
	OtherStart, OtherEnd int
}
