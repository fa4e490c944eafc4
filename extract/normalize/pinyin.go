package normalize

import (
	"strings"
	"unicode/utf8"
)

// pinyin removes the pinyin that converter sites insert in parentheses right after a
// character, 泉港區(qū) → 泉港區, 經(jīng)費 → 經費: one syllable of Latin letters holding a
// vowel with a tone mark, right after a Han character. Ordinary parentheses, (境),
// (2023), (一), (PPP), stay.
func pinyin(b *builder) {
	in := b.in
	ascii, wide := -2, -2 // the next ( and （ at or after i, -1 for none, -2 for unknown
	for i := 0; i < len(in); {
		if ascii == -2 || ascii >= 0 && ascii < i {
			ascii = indexFrom(in, "(", i)
		}
		if wide == -2 || wide >= 0 && wide < i {
			wide = indexFrom(in, "（", i)
		}
		j := ascii
		if j < 0 || wide >= 0 && wide < j {
			j = wide
		}
		if j < 0 {
			return
		}
		if n := pinyinAt(in[j:]); n > 0 && isHan(lastRune(in[:j])) {
			b.delete(j, j+n)
			i = j + n
			continue
		}
		i = j + 1
	}
}

// indexFrom returns the index of the first sub in s[i:], as an index of s, or -1.
func indexFrom(s, sub string, i int) int {
	k := strings.Index(s[i:], sub)
	if k < 0 {
		return -1
	}
	return i + k
}

// pinyinAt returns the length of the parenthesised pinyin syllable at the start of s,
// or 0.
func pinyinAt(s string) int {
	_, i := utf8.DecodeRuneInString(s) // ( or （
	letters, tones := 0, 0
	for i < len(s) && letters <= 7 {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ')' || r == '）':
			if letters > 0 && tones > 0 {
				return i + n
			}
			return 0
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		case strings.ContainsRune(toneVowels, r):
			letters++
			tones++
		default:
			return 0
		}
		i += n
	}
	return 0
}

// toneVowels are the vowels with tone marks (and ü) that pinyin writes.
const toneVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿĀÁǍÀĒÉĚÈŌÓǑÒ"
