package decode

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

// budget is a fixture of the shape of a county budget explanation (written for the
// tests, not copied from a document).
const budget = `某县财政局2024年部门预算情况说明
一、部门基本情况
（一）职能职责。负责全县财政收支管理，编制年度预算草案。
二、收支预算总体情况
2024年收入预算1,234.56万元，支出预算1,234.56万元，比上年增加12.3%。
三、“三公”经费：0万元。
`

// traditional is budget text in traditional characters, most of them outside GB2312.
const traditional = "泉港區財政局2024年部門預算經費說明：一般公共預算撥款收入壹佰萬元，較上年增長。\n"

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding fixture: %v", err)
	}
	return b
}

func TestRead(t *testing.T) {
	utf16le := utf16.UTF16(utf16.LittleEndian, utf16.UseBOM)
	utf16be := utf16.UTF16(utf16.BigEndian, utf16.UseBOM)
	gb := simplifiedchinese.GB18030
	gbk := simplifiedchinese.GBK
	cut := strings.Index(budget, "预算")
	rare := "用于𠀀字库建设的经费共计三十万元，其中设备购置费十万元。" // U+20000 takes four GB18030 bytes
	tests := []struct {
		name string
		in   []byte
		want string // the decoded text
		enc  string
	}{
		{"utf-8", []byte(budget), budget, UTF8},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), budget...), budget, UTF8},
		{"utf-16le with BOM", encode(t, utf16le, budget), budget, UTF16LE},
		{"utf-16be with BOM", encode(t, utf16be, budget), budget, UTF16BE},
		{"gb18030", encode(t, gb, budget), budget, GB18030},
		{"gbk", encode(t, gbk, budget), budget, GB18030},
		{"gbk traditional", encode(t, gbk, traditional), traditional, GB18030},
		{"gb18030 four-byte character", encode(t, gb, rare), rare, GB18030},
		{"gbk CRLF", encode(t, gbk, "第一行\r\n第二行\r\n"), "第一行\r\n第二行\r\n", GB18030},
		{"ascii", []byte("Budget 2024\nTotal: 100\n"), "Budget 2024\nTotal: 100\n", UTF8},
		{"mostly ascii, gbk", encode(t, gbk, "Budget 2024\nTotal: 100 万元\n"), "Budget 2024\nTotal: 100 万元\n", GB18030},
		{"mostly ascii, utf-8 symbol", []byte("Room at 25°C, area 30 m²\n"), "Room at 25°C, area 30 m²\n", UTF8},
		{"gb2312 pair valid as utf-8", encode(t, gbk, "陆路"), "陆路", GB18030},
		{"gbk word valid as utf-8", encode(t, gbk, "楼隆"), "楼隆", GB18030},
		{"utf-8 pinyin", []byte("泉港区(quán gǎng qū)\n"), "泉港区(quán gǎng qū)\n", UTF8},
		{"utf-8 with invalid bytes", []byte(budget[:cut] + "\xff\xfe" + budget[cut:]), budget[:cut] + "\ufffd\ufffd" + budget[cut:], UTF8},
		{"utf-8 truncated mid-character", []byte(budget[:len(budget)-2]), budget[:len(budget)-4] + "\ufffd", UTF8},
		{"ascii with a latin-1 byte", []byte("A long line of English text about a caf\xe9 budget for the year.\n"), "A long line of English text about a caf\ufffd budget for the year.\n", UTF8},
		{"form feed between pages", []byte("第一页\f第二页"), "第一页\f第二页", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(tt.in)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got.Text != tt.want {
				t.Errorf("Text = %q, want %q", got.Text, tt.want)
			}
			if got.Encoding != tt.enc {
				t.Errorf("Encoding = %q, want %q", got.Encoding, tt.enc)
			}
			if got.MediaType != source.Plain {
				t.Errorf("MediaType = %q, want %q", got.MediaType, source.Plain)
			}
		})
	}
}

func TestReadFails(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rnd.IntN(256))
	}
	// High bytes only, no NUL nor control bytes: what GB18030's loose rules accept.
	high := make([]byte, 4096)
	for i := range high {
		high[i] = byte(0x81 + rnd.IntN(0x7e))
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random[:64]...)
	zip := append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), random[:64]...)
	controls := []byte(strings.Repeat("text\x01\x02\x03\x04\x05", 20))
	tests := []struct {
		name string
		in   []byte
		kind fail.Kind
	}{
		{"nil", nil, fail.Empty},
		{"no bytes", []byte{}, fail.Empty},
		{"white space", []byte(" \t\r\n\n  "), fail.Empty},
		{"BOM only", []byte("\xef\xbb\xbf"), fail.Empty},
		{"ideographic spaces", []byte("\u3000\u3000\n"), fail.Empty},
		{"utf-16 BOM only", []byte("\xff\xfe"), fail.Empty},
		{"gbk ideographic spaces", []byte("\xa1\xa1\xa1\xa1\r\n"), fail.Empty},
		{"png", png, fail.Binary},
		{"zip", zip, fail.Binary},
		{"random bytes", random, fail.Binary},
		{"random high bytes", high, fail.Binary},
		{"NUL bytes", []byte("部门预算\x00\x00\x00说明"), fail.Binary},
		{"control bytes", controls, fail.Binary},
		{"utf-16 of binary", append([]byte("\xff\xfe"), "A\x00\x01\x00\x02\x00\x03\x00"...), fail.Binary},
		{"utf-16 odd length", []byte("\xff\xfeA\x00B"), fail.Encoding},
		{"latin-1 text", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la r\xe9gie\n"), fail.Encoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(tt.in)
			if err == nil {
				t.Fatalf("Read = %q (%s), want a %v error", got.Text, got.Encoding, tt.kind)
			}
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is no *fail.Error", err, err)
			}
			if fe.Kind != tt.kind || fe.Op != "decode" {
				t.Errorf("error %q: kind %v op %q, want %v op decode", err, fe.Kind, fe.Op, tt.kind)
			}
			if fe.Detail == "" {
				t.Errorf("error %q has no detail", err)
			}
		})
	}
}

// TestDetectRandomText checks that texts of common budget words in random order are
// read in their own encoding, whichever it is: never GB18030 for UTF-8 nor the other
// way round.
func TestDetectRandomText(t *testing.T) {
	words := strings.Fields("经费 预算 支出 收入 部门 项目 资金 工资 科技 协会 说明 情况 万元 合计 政府 决算 单位 机关 运行 公用 " +
		"财政 拨款 基本 福利 社会 保障 就业 卫生 健康 教育 农林 水利 交通 住房 保险 养老 医疗 办公 培训 会议 " +
		"公务 接待 车辆 购置 维护 国有 资产 绩效 目标 采购 年度 增加 减少 主要 原因 其中 一般 政府性 基金 结转")
	punct := []string{"，", "。", "、", "：", "（", "）", "1", "2023", "12.5", "%", " ", "\n"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		var sb strings.Builder
		n := 1 + rnd.IntN(12)
		if i%10 == 0 {
			n = 1 + rnd.IntN(200)
		}
		for range n {
			sb.WriteString(words[rnd.IntN(len(words))])
			if rnd.IntN(3) == 0 {
				sb.WriteString(punct[rnd.IntN(len(punct))])
			}
		}
		text := sb.String()
		for _, c := range []struct {
			enc  string
			data []byte
		}{
			{UTF8, []byte(text)},
			{GB18030, encode(t, simplifiedchinese.GB18030, text)},
		} {
			got, enc, err := String(c.data)
			if err != nil || enc != c.enc || got != text {
				t.Fatalf("String(%s of %q) = %q, %s, %v", c.enc, text, got, enc, err)
			}
		}
	}
}

func TestStringMatchesRead(t *testing.T) {
	in := encode(t, simplifiedchinese.GBK, budget)
	text, enc, err := String(in)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Read(in)
	if err != nil {
		t.Fatal(err)
	}
	if text != st.Text || enc != st.Encoding {
		t.Errorf("String = %q, %s; Read = %q, %s", text, enc, st.Text, st.Encoding)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(budget))
	f.Add(encode(f, simplifiedchinese.GB18030, budget))
	f.Add(encode(f, utf16.UTF16(utf16.LittleEndian, utf16.UseBOM), budget))
	f.Add(encode(f, utf16.UTF16(utf16.BigEndian, utf16.UseBOM), traditional))
	f.Add([]byte("\xef\xbb\xbf"))
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00"))
	f.Add([]byte("Caf\xe9"))
	f.Fuzz(func(t *testing.T, in []byte) {
		st, err := Read(in)
		if err != nil {
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is no *fail.Error", err, err)
			}
			switch fe.Kind {
			case fail.Empty, fail.Binary, fail.Encoding:
			default:
				t.Fatalf("error %v of kind %v", err, fe.Kind)
			}
			return
		}
		if !utf8.ValidString(st.Text) {
			t.Fatalf("Text %q is not valid UTF-8", st.Text)
		}
		if strings.TrimSpace(st.Text) == "" {
			t.Fatalf("Text %q is blank but no error", st.Text)
		}
		switch st.Encoding {
		case UTF8, GB18030, UTF16LE, UTF16BE:
		default:
			t.Fatalf("Encoding %q", st.Encoding)
		}
		if st.MediaType != source.Plain {
			t.Fatalf("MediaType %q", st.MediaType)
		}
		// Valid UTF-8 holding Chinese is always read as itself.
		body := bytes.TrimPrefix(in, []byte("\xef\xbb\xbf"))
		if utf8.Valid(body) && hasHan(body) && st.Text != string(body) {
			t.Fatalf("valid UTF-8 %q read as %q (%s)", body, st.Text, st.Encoding)
		}
	})
}

func hasHan(b []byte) bool {
	for _, r := range string(b) {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// seed returns the seed document, or skips when ../shared beside the module is absent.
func seed(tb testing.TB) []byte {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test")
		}
		dir = parent
	}
	b, err := os.ReadFile(filepath.Join(dir, "..", "shared", "seeds", "000_01eaaa56c59ac9d2.txt"))
	if err != nil {
		tb.Skipf("seed document absent: %v", err)
	}
	return b
}

func TestReadSeed(t *testing.T) {
	in := seed(t)
	for _, c := range []struct {
		enc  string
		data []byte
	}{
		{UTF8, in},
		{GB18030, encode(t, simplifiedchinese.GB18030, string(in))},
	} {
		st, err := Read(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.enc, err)
		}
		if st.Encoding != c.enc || st.Text != string(in) {
			t.Errorf("%s: read as %s, text equal: %v", c.enc, st.Encoding, st.Text == string(in))
		}
	}
}

func BenchmarkRead(b *testing.B) {
	in := seed(b)
	gb := encode(b, simplifiedchinese.GB18030, string(in))
	for _, c := range []struct {
		name string
		data []byte
	}{{"utf-8", in}, {"gb18030", gb}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if _, err := Read(c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
