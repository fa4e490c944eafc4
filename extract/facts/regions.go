package facts

import (
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/terms"
)

// wordRegion returns the administrative divisions that begin name, as region does, but
// told first by the words words cuts it into: the dictionary names the divisions
// (绍兴市, 越城区, 陵水黎族自治县) and tags them ns, so a district whose name ends like a
// zone's (越城区, 城区) or a body's word that ends like a division (商务区) is told right.
// Where the dictionary's divisions stop and no county-level one has been read, the suffix
// rules of region go on with the rest (a town's county missing from the dictionary).
func wordRegion(words terms.Segmenter, name string) string {
	bare := partyless(name)
	skip := len(name) - len(bare)
	for _, p := range notRegionPrefixes {
		if strings.HasPrefix(bare, p) {
			return ""
		}
	}
	end, city := 0, false
	for _, t := range words.Cut(bare) {
		if t.Start != end || t.Pos != "ns" || !isDivisionWord(t.Text) {
			break
		}
		if city && inCity(t.Text) {
			break
		}
		end = t.End
		city = city || strings.HasSuffix(t.Text, "市")
		if countyLevel(t.Text) {
			return name[:skip+end]
		}
	}
	if end == 0 {
		return region(name)
	}
	// the dictionary stopped: the suffix rules may read one more division, county-level
	if rest := region(bare[end:]); rest != "" && strings.HasPrefix(bare[end:], rest) && !(city && inCity(rest)) {
		return name[:skip+end+len(rest)]
	}
	return name[:skip+end]
}

// regionReader returns how the divisions that begin a body's name are read: by the
// suffix rules (region), and when those leave a word ending like a division unread right
// after what they read (绍兴市 of 绍兴市越城区…: 越城区 ends like 城区, no division), by the
// words words cuts the name into. words is asked only then, so a document whose body's
// name is plain never loads the segmenter's dictionary.
func regionReader(words terms.Segmenter) func(string) string {
	if words == nil {
		return region
	}
	return func(name string) string {
		r := region(name)
		if !divisionAhead(name, r) {
			return r
		}
		return wordRegion(words, name)
	}
}

// divisionAhead reports whether one of the twelve characters after the region r read of
// name could end a division's name (莫力达瓦达斡尔族自治旗 has eleven).
func divisionAhead(name, r string) bool {
	rest := name[strings.Index(name, r)+len(r):]
	n := 0
	for _, c := range rest {
		if n++; n > 12 {
			break
		}
		if strings.ContainsRune("省市州县区旗盟", c) {
			return true
		}
	}
	return false
}

// isDivisionWord reports whether w ends as a division's name does and is one of the
// dictionary's divisions: three characters or more, or a two-character county (和县),
// not a city's short name (随州).
func isDivisionWord(w string) bool {
	if n := utf8.RuneCountInString(w); n < 2 || n == 2 && !strings.HasSuffix(w, "县") {
		return false
	}
	for _, s := range divisionSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// inCity reports whether the division w, read after a city, is a place inside the city
// rather than a division: a 州 or 盟 (稠州中学).
func inCity(w string) bool { return strings.HasSuffix(w, "州") || strings.HasSuffix(w, "盟") }

// countyLevel reports whether the division w is county-level (县, 区, 旗), the last a
// region holds: what follows is a town or a body.
func countyLevel(w string) bool {
	return strings.HasSuffix(w, "县") || strings.HasSuffix(w, "区") && !strings.HasSuffix(w, "自治区") || strings.HasSuffix(w, "旗")
}
