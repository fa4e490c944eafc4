package numbers

import (
	"strings"
	"unicode/utf8"
)

// measureWords are the measure words and signs that may follow a figure, simplified and
// traditional. A Chinese numeral is only read as a figure when one of these (or a money
// unit) follows it, so the list leaves out characters that mostly make words with a
// numeral before them (级 in 二级, 分 in 十分, 起 in 一起, 体 in 一体化).
var measureWords = []string{
	"%", "‰",
	"名", "人", "个", "個", "台", "臺", "辆", "輛", "项", "項", "件", "家", "次", "年", "月", "日",
	"号", "號", "天", "户", "戶", "所", "座", "套", "间", "間", "张", "張", "部", "本", "份",
	"种", "種", "类", "類", "批", "场", "場", "期", "条", "條", "处", "處", "册", "冊", "位",
	"亩", "畝", "吨", "噸", "株", "只", "隻", "岁", "歲", "篇", "周", "週", "倍", "届", "屆",
	"栋", "棟", "幢", "层", "層", "支", "宗", "笔", "筆", "例", "门", "門", "辆次", "輛次",
	"批次", "年度", "季度", "个月", "個月", "月份", "周年", "週年", "人次", "户次", "戶次", "车次", "車次",
	"小时", "小時", "分钟", "分鐘", "公里", "公斤", "平方米", "平方公里", "立方米",
	"块", "塊", "把", "架", "组", "組", "盏", "盞",
}

// notMeasures are words that begin like a measure word but are not one after a numeral
// (一次性 is "one-off", 一部分 "a part", 第二人民医院 a hospital's name).
var notMeasures = []string{
	"次性", "部分", "人民", "个别", "個別", "个性", "個性", "年级", "年級", "年轻", "年輕",
	"日常", "日期", "日益", "月度", "号召", "號召", "处理", "處理", "处置", "處置", "所有",
	"所属", "所屬", "所得", "台账", "臺賬", "份额", "份額", "条件", "條件", "批准", "批复",
	"批復", "场所", "場所", "场地", "場地", "位置", "位于", "位於", "期间", "期間", "家庭",
	"本级", "本級", "种植", "種植", "支持", "支付", "支出", "门户", "門戶", "部门", "部門",
	"部署", "天然", "届时", "屆時", "例如",
}

// wordEntry is one word of a wordIndex; measure tells a measure word from a blocker.
type wordEntry struct {
	word    string
	measure bool
}

// wordIndex maps a word's first rune to the words that begin with it, longest first.
type wordIndex map[rune][]wordEntry

// measureIndex finds measure words (and the words that block them) by their first rune.
// It is built once and never changed.
var measureIndex = newWordIndex(measureWords, notMeasures)

func newWordIndex(measures, blockers []string) wordIndex {
	idx := make(wordIndex)
	put := func(w string, measure bool) {
		r, _ := utf8.DecodeRuneInString(w)
		list := append(idx[r], wordEntry{w, measure})
		// Keep longest first, so that 年度 wins over 年 and 年级 blocks 年.
		for i := len(list) - 1; i > 0 && len(list[i].word) > len(list[i-1].word); i-- {
			list[i], list[i-1] = list[i-1], list[i]
		}
		idx[r] = list
	}
	for _, w := range measures {
		put(w, true)
	}
	for _, w := range blockers {
		put(w, false)
	}
	return idx
}

// measureAt returns the byte length of the measure word that s begins with, or 0.
func measureAt(s string) int {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	for _, e := range measureIndex[r] {
		if strings.HasPrefix(s, e.word) {
			if e.measure {
				return len(e.word)
			}
			return 0
		}
	}
	return 0
}

// unitAt returns the money unit that s begins with and its byte length: 元, 圆, 圓 are
// Yuan; 万元, 萬元, 万圆 … Wan; 亿元, 億元, 亿圆 … Yi.
func unitAt(s string) (Unit, int) {
	r, w := utf8.DecodeRuneInString(s)
	u := Yuan
	switch r {
	case '万', '萬':
		u = Wan
	case '亿', '億':
		u = Yi
	default:
		w = 0
	}
	if r2, w2 := utf8.DecodeRuneInString(s[w:]); isYuan(r2) {
		return u, w + w2
	}
	return NoUnit, 0
}

func isYuan(r rune) bool { return r == '元' || r == '圆' || r == '圓' }

// approxBefore are the words that, right before a figure, say it is approximate or a
// bound (约5万元, 近3年, 逾100人), longest first.
var approxBefore = []string{
	"不超过", "不超過", "不少于", "不少於", "大约", "大約", "将近", "將近", "接近", "超过",
	"超過", "不足", "不到", "约", "約", "近", "逾",
}

// approxAfter are the words that, right after a figure and its unit or measure word, say
// it is approximate or a bound (5万元左右, 3年以上).
var approxAfter = []string{"左右", "以上", "以下", "以内", "以內"}

// notApproxYue are the characters that make 约 part of a word (节约 "save", 合约
// "contract"), so that 节约5万元 is exact.
const notApproxYue = "节節制合契预預简簡公条條签簽违違履缔締集特邀隐隱婚誓守"

// approxPrefix returns the length of the approximation word that before ends with, or 0.
func approxPrefix(before string) int {
	switch r, _ := utf8.DecodeLastRuneInString(before); r {
	case '约', '約', '近', '逾', '过', '過', '足', '到', '于', '於':
	default:
		return 0 // no word of approximation ends in r
	}
	for _, w := range approxBefore {
		if !strings.HasSuffix(before, w) {
			continue
		}
		if w == "约" || w == "約" {
			r, _ := utf8.DecodeLastRuneInString(before[:len(before)-len(w)])
			if strings.ContainsRune(notApproxYue, r) {
				return 0
			}
		}
		return len(w)
	}
	return 0
}

// approxSuffix returns the length of the approximation word that s begins with, or 0.
func approxSuffix(s string) int {
	for _, w := range approxAfter {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// chineseDigit returns the value of a Chinese digit, everyday or financial (大写), and
// whether r is one. 〇, ○ and 零 are zero; 两 is two.
func chineseDigit(r rune) (int64, bool) {
	switch r {
	case '零', '〇', '○':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '两', '兩', '贰', '貳':
		return 2, true
	case '三', '叁', '叄':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// multiplierExp returns the power of ten of a Chinese multiplier (十 1, 百 2, 千 3, 万 4,
// 亿 8), or 0 when r is none.
func multiplierExp(r rune) int {
	switch r {
	case '十', '拾':
		return 1
	case '百', '佰':
		return 2
	case '千', '仟':
		return 3
	case '万', '萬':
		return 4
	case '亿', '億':
		return 8
	}
	return 0
}

func isZero(r rune) bool   { return r == '零' || r == '〇' || r == '○' }
func isApprox(r rune) bool { return r == '余' || r == '餘' || r == '多' }
func isPoint(r rune) bool  { return r == '点' || r == '點' }

// isNumeral reports whether r is a Chinese digit or multiplier.
func isNumeral(r rune) bool {
	_, ok := chineseDigit(r)
	return ok || multiplierExp(r) > 0
}

// numeralStart reports whether a Chinese numeral may begin with r: a digit, or 十 (十二).
// 〇 and ○ only stand inside a numeral (二〇二三): alone, ○ is a bullet.
func numeralStart(r rune) bool {
	_, ok := chineseDigit(r)
	return ok && r != '〇' && r != '○' || r == '十' || r == '拾'
}

// notBeforeNumeral are the characters after which a Chinese numeral is no figure: 之 of
// fractions (三分之一), and the vague 几 and 数 (几十个, 数十人 are no exact counts).
const notBeforeNumeral = "之几幾数數"

// wordBeforeOne are the characters that make a following 一 part of a word (统一, 唯一,
// 同一, 逐一), so that 统一日常管理 holds no figure.
const wordBeforeOne = "统統唯同单單归歸合划劃逐专專均不如初"

// isIdeograph reports whether r is a CJK ideograph (not punctuation).
func isIdeograph(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// isSpace reports whether r is horizontal white space, which may stand between a figure
// and its unit (502.4 萬元).
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// skipSpace returns the offset of the first byte at or after i in s that is not
// horizontal white space.
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			break
		}
		i += w
	}
	return i
}
