package facts

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/cnbudget/cnbudget/extract/terms"
)

// contactWords introduce a contact: 联系人：李海燕 联系方式：023-51522382.
var contactWords = []string{"联系人", "联系电话", "联系方式", "咨询电话", "联系部门"}

// contactAt returns the offset of the first contact word in line, or -1.
func contactAt(line string) int {
	at := -1
	for _, w := range contactWords {
		if i := strings.Index(line, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// siteFooter marks a web site's footer line, whose phone is the site's, not the disclosure's.
var siteFooter = words{"ICP", "备案", "版权", "Copyright", "copyright", "©", "网站", "主办", "承办", "技术支持", "运维", "网站标识码"}

var contactName = regexp.MustCompile(`联系人(?:员)?(?:及电话|姓名)?[：:]?\s*(\p{Han})`)

// phone is a Chinese phone number as written: 023-51522382, (023)51522382, 13912345678.
var phone = regexp.MustCompile(`1[3-9]\d{9}|(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[-－—–]?)?\d{7,8}(?:[-－转]\d{1,5})?`)

// contactFacts reads the contact person and phone numbers from the lines that name them.
func contactFacts(d *Doc) []Fact {
	var fs []Fact
	for start := 0; start < len(d.Match); {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		end := strings.IndexByte(d.Match[start:], '\n')
		if end < 0 {
			end = len(d.Match)
		} else {
			end += start
		}
		line := d.Match[start:end]
		// every contact word holds 联系 or 电话: most lines hold neither
		if !strings.Contains(line, "联系") && !strings.Contains(line, "电话") {
			start = end + 1
			continue
		}
		if at := contactAt(line); at >= 0 && !siteFooter.MatchString(line) {
			for _, m := range contactName.FindAllStringSubmatchIndex(line, -1) {
				if name := personAt(line[m[2]:]); name != "" {
					fs = append(fs, Fact{Key: "contact.name", Type: String, Text: name, Start: start + m[2], End: start + m[2] + len(name), Rule: "contact"})
				}
			}
			for _, m := range phone.FindAllStringIndex(line[at:], -1) {
				s, e := start+at+m[0], start+at+m[1]
				// a phone stands alone: not part of a longer figure
				if s > 0 && isASCIIDigit(d.Match[s-1]) || e < len(d.Match) && isASCIIDigit(d.Match[e]) {
					continue
				}
				// a hotline for complaints is no contact for the disclosure
				if w := d.Match[max(start, s-18):s]; strings.Contains(w, "监督") || strings.Contains(w, "举报") || strings.Contains(w, "投诉") {
					continue
				}
				fs = append(fs, Fact{Key: "contact.phone", Type: String, Text: d.Match[s:e], Start: s, End: e, Rule: "contact"})
			}
		}
		start = end + 1
	}
	return fs
}

// afterName are the words that may follow a name in a contact line, with nothing between:
// 联系人：李海燕联系方式：…
var afterName = []string{"联系", "电话", "咨询", "监督", "传真", "手机号", "手机", "座机", "办公", "地址", "邮箱", "邮编", "传真", "同志", "先生", "女士", "科长", "主任", "股长", "局长"}

// personAt returns the personal name that s begins with: 2 to 4 Han characters that end
// where s's Han run ends or a word of afterName begins, or "".
func personAt(s string) string {
	ends := []int{}
	n := 0
	for i, r := range s {
		if n == 5 || !unicode.Is(unicode.Han, r) {
			ends = append(ends, i)
			break
		}
		if n >= 2 {
			for _, w := range afterName {
				if strings.HasPrefix(s[i:], w) {
					ends = append(ends, i)
				}
			}
		}
		n++
	}
	if len(ends) == 0 && n <= 4 {
		ends = append(ends, len(s))
	}
	for _, e := range ends {
		if name := s[:e]; terms.IsPersonName(name) {
			return name
		}
	}
	// Names of minority peoples: 热依拉·买买提, 斯琴高娃 — no common surname, but right
	// after 联系人 and ended by a contact word, and no word of an office in them.
	if end := minorityNameEnd(s); end > 0 && !officeWord.MatchString(s[:end]) {
		return s[:end]
	}
	return ""
}

// minorityNameEnd returns the end of a name with a middle dot (热依拉·买买提) or of four
// characters (斯琴高娃) that s begins with, ended by a contact word or a non-Han rune; or 0.
func minorityNameEnd(s string) int {
	n, dot := 0, false
	for i, r := range s {
		switch {
		case r == '·' || r == '•' || r == '・':
			if dot || n == 0 {
				return 0
			}
			dot = true
			continue
		case !unicode.Is(unicode.Han, r):
			if dot || n == 4 {
				return i
			}
			return 0
		}
		if n >= 2 && (dot || n == 4) {
			for _, w := range afterName {
				if strings.HasPrefix(s[i:], w) {
					return i
				}
			}
		}
		n++
		if n > 14 || !dot && n > 4 {
			return 0
		}
	}
	if dot || n == 4 {
		return len(s)
	}
	return 0
}

// officeWord marks a name of an office, not a person.
var officeWord = words{"办公室", "科", "股", "室", "中心", "局", "部", "处", "电话", "单位", "财务", "综合"}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }
