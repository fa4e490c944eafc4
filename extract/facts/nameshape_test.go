package facts

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestNameShapeIsItsRegexp checks each nameShape against the regexp it stands for, on
// names from documents' shapes, near misses and random strings of the runes that matter.
func TestNameShapeIsItsRegexp(t *testing.T) {
	shapes := map[string]nameShape{"officeName": officeName, "unitName": unitName, "innerName": innerName}
	inputs := []string{
		"", "科", "综合科", "办公室", "县办公室", "财务股", "综合管理科(行政许可服务科)", "县科技馆", "某某中心",
		"中心", "科技中心", "县科学技术协会", "学校", "第一学校", "县第一中学校", "abc科", "综合 科", "综合科。",
		"巫溪县科技馆（属于科协下属事业单位）", "一二三四五六七八九十一二科", "一二三四五六七八九十一二三科",
		"一二三四五六七八九十一二三四五六七八九十馆", "一二三四五六七八九十一二三四五六七八九十一馆", "植保站", "农技站站",
	}
	alphabet := []rune("科股室处部组办队馆中心站所院校学园场局会社台厂公县一a（1 ")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := r.IntN(24)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for name, n := range shapes {
		re := regexp.MustCompile(fmt.Sprintf(`^\p{Han}{%d,%d}(?:%s)$`, n.min, n.max, strings.Join(n.suffixes, "|")))
		matched := 0
		for _, s := range inputs {
			want := re.MatchString(s)
			if got := n.MatchString(s); got != want {
				t.Errorf("%s.MatchString(%q) = %v, the regexp says %v", name, s, got, want)
			}
			if want {
				matched++
			}
		}
		if matched < 100 {
			t.Errorf("%s: only %d inputs match; the comparison needs both outcomes", name, matched)
		}
	}
}
