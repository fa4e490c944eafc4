package terms

import "testing"

func TestIsPersonName(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		// Names: single and compound surnames, one- and two-character given names.
		{"李晓燕", true},
		{"王芳", true},
		{"张伟", true},
		{"陈建华", true},
		{"刘洋", true},
		{"欧阳修", true},
		{"欧阳晓明", true},
		{"司马光", true},
		{"诸葛亮", true},
		{"覃小红", true},
		{"陳志明", true},
		// Common words, titles and forms of address.
		{"主任", false},
		{"科长", false},
		{"电话", false},
		{"办公室", false},
		{"联系人", false},
		{"李科长", false},
		{"王主任", false},
		{"张局长", false},
		{"刘老师", false},
		{"张某", false},
		{"李总", false},
		{"王氏", false},
		{"方面", false},
		{"方式", false},
		{"高新区", false},
		{"经费", false},
		{"项目", false},
		{"管理", false},
		{"安全", false},
		{"万元", false},
		{"周年", false},
		{"和平路", false},
		{"费用的", false},
		{"李县", false},
		// Not 2–4 Han characters, or no surname.
		{"李", false},
		{"", false},
		{"李晓燕燕", false}, // four characters need a compound surname
		{"欧阳晓明明", false},
		{"Li Hai", false},
		{"李2", false},
		{"李 海", false},
		{"的确", false},
		{"巫溪县", false},
		{"收入预算", false},
		{"\xff\xfe", false},
	}
	for _, tt := range tests {
		if got := IsPersonName(tt.s); got != tt.want {
			t.Errorf("IsPersonName(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
