package pdf

import "testing"

func TestParseCMap(t *testing.T) {
	const header = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def\n"
	tests := []struct {
		name  string
		cmap  string
		codes []string // raw code bytes
		want  []string
	}{
		{
			name:  "bfchar",
			cmap:  "1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <4E00> <0002> <0031002E> endbfchar",
			codes: []string{"\x00\x01", "\x00\x02"},
			want:  []string{"一", "1."},
		},
		{
			name:  "bfrange with a string advances its last character",
			cmap:  "1 beginbfrange <0010> <0012> <4E07> endbfrange",
			codes: []string{"\x00\x10", "\x00\x11", "\x00\x12"},
			want:  []string{"万", "丈", "三"},
		},
		{
			name:  "bfrange with an array",
			cmap:  "1 beginbfrange <20> <22> [<5143> <FF0C> <0030>] endbfrange",
			codes: []string{" ", "!", "\""},
			want:  []string{"元", "，", "0"},
		},
		{
			name:  "large bfrange kept as a range",
			cmap:  "1 beginbfrange <0000> <FFFF> <0000> endbfrange",
			codes: []string{"\x4e\x00", "\x95\xe8"},
			want:  []string{"一", "门"},
		},
		{
			name:  "surrogate pairs",
			cmap:  "1 beginbfchar <05> <D840DC00> endbfchar",
			codes: []string{"\x05"},
			want:  []string{"\U00020000"},
		},
		{
			name:  "damaged after the first section",
			cmap:  "1 beginbfchar <01> <9884> endbfchar 2 beginbfchar <02> <7B97 endbfchar ((( [[[ <<",
			codes: []string{"\x01"},
			want:  []string{"预"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := parseCMap([]byte(header + tc.cmap + "\nendcmap"))
			for i, c := range tc.codes {
				got, ok := m.lookup(codeOf(c))
				if !ok || got != tc.want[i] {
					t.Errorf("code % x = %q, %v; want %q", c, got, ok, tc.want[i])
				}
			}
		})
	}
}

func TestCMapSplit(t *testing.T) {
	// One-byte ASCII and two-byte codes in one codespace, as in GBK-EUC-H.
	m := parseCMap([]byte("2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange"))
	s := "A\xb0\xa1B"
	var got []code
	for len(s) > 0 {
		c, n := m.split(s, 1)
		got = append(got, c)
		s = s[n:]
	}
	want := []code{{'A', 1}, {0xb0a1, 2}, {'B', 1}}
	if len(got) != len(want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("code %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestGlyphText(t *testing.T) {
	for name, want := range map[string]string{
		"uni4E00": "一", "uni4E004E8C": "一二", "u20000": "\U00020000", "period": ".",
		"one.oldstyle": "1", "g123": "", "A": "A", "": "",
	} {
		if got := glyphText(name); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", name, got, want)
		}
	}
}
