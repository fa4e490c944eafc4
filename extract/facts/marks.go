package facts

import "github.com/cnbudget/cnbudget/extract/internal/runeset"

// Sets of punctuation and other runes the rules look for, searched with runeset rather
// than strings.IndexAny, which is many times slower on Chinese text.
var (
	clauseMarks         = runeset.New("，,；;：:、")   // end a clause before a figure
	countClauseMarks    = runeset.New("，,；;：:、（(") // end a clause before a count
	purchaseClauseMarks = runeset.New("，,。；;\n")   // end a clause before a purchase
	sentenceMarks       = runeset.New("、，,；;：:。")  // end the clause before a sentence's figure
	itemJoins           = runeset.New("、和及")       // join the items of a list
	listItemEnds        = runeset.New("。；;，,\n0123456789")
	listMarks           = runeset.New("（(一二三四五六七八九十") // number a list's items
	semicolons          = runeset.New("；;")
	clauseStops         = runeset.New("。；;\n")   // end a list parted by commas alone
	listClauseEnds      = runeset.New("。；;，,\n") // end the clause a list stands in
	colons              = runeset.New("：:")
	nameEnds            = runeset.New("，,：:")  // end an item's name before its duties
	sentenceEnds        = runeset.New("。；;\n") // end the sentence before a unit's description
	openParens          = runeset.New("（(")
	closeParens         = runeset.New("）)")
	proseMarks          = runeset.New("。，；;") // a line holding them is prose, not a table row
)
