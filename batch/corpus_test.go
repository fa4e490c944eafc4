package batch

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// corpus is a generated folder of disclosures: the good documents and the broken ones,
// by sha256, with the reason each broken one must fail with.
type corpus struct {
	dir    string
	good   map[string]string // sha256 → path
	broken map[string]string // path → reason
}

// corpusMaxBytes is the size limit the corpus's too-large files are over.
const corpusMaxBytes = 64 << 10

// makeCorpus writes n documents under dir in nested folders: UTF-8 and GB18030 text,
// HTML pages (one saved as .jsp), and .docx files, every twentieth one broken (empty, of
// an unknown type, or too large), plus hidden files and duplicates that must not count.
func makeCorpus(t testing.TB, dir string, n int) *corpus {
	t.Helper()
	c := &corpus{dir: dir, good: map[string]string{}, broken: map[string]string{}}
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	put := func(rel string, b []byte) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:])
	}
	for i := range n {
		folder := fmt.Sprintf("county%02d/dept%d", i/100, i%7)
		text := disclosure(i, rng)
		if i%20 == 19 {
			var rel, reason string
			var b []byte
			switch (i / 20) % 5 {
			case 0:
				rel, reason = fmt.Sprintf("%s/doc%04d.txt", folder, i), "EMPTY"
			case 1:
				rel, reason = fmt.Sprintf("%s/doc%04d.html", folder, i), "EMPTY"
			case 2:
				rel, reason = fmt.Sprintf("%s/doc%04d.bin", folder, i), "UNSUPPORTED"
				b = append([]byte{0, 1, 2, 0xff}, []byte(fmt.Sprint(i))...)
			case 3:
				rel, reason = fmt.Sprintf("%s/doc%04d.xls", folder, i), "UNSUPPORTED"
				b = append([]byte{0xd0, 0xcf, 0x11, 0xe0}, []byte(fmt.Sprint(i))...)
			case 4:
				rel, reason = fmt.Sprintf("%s/doc%04d.txt", folder, i), "TOO_LARGE"
				b = []byte(strings.Repeat(text, corpusMaxBytes/len(text)+1))
			}
			put(rel, b)
			c.broken[filepath.Join(dir, rel)] = reason
			continue
		}
		var rel string
		var b []byte
		switch i % 5 {
		case 0, 1:
			rel, b = fmt.Sprintf("%s/doc%04d.txt", folder, i), []byte(text)
		case 2:
			gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
			if err != nil {
				t.Fatal(err)
			}
			rel, b = fmt.Sprintf("%s/doc%04d.txt", folder, i), []byte(gb)
		case 3:
			ext := ".html"
			if i%10 == 8 {
				ext = ".jsp" // a saved page named after its URL
			}
			rel, b = fmt.Sprintf("%s/doc%04d%s", folder, i, ext), htmlPage(text)
		case 4:
			rel, b = fmt.Sprintf("%s/doc%04d.docx", folder, i), docx(t, text)
		}
		c.good[put(rel, b)] = rel
	}
	// Files that must not count: hidden ones, and a copy of a document already there.
	put(".DS_Store", []byte("junk"))
	put("county00/.hidden/doc.txt", []byte(disclosure(n+1, rng)))
	first := filepath.Join(dir, "county00/dept0/doc0000.txt")
	if b, err := os.ReadFile(first); err == nil {
		put("zz-copies/doc0000-copy.txt", b)
	}
	return c
}

// disclosure writes the text of a made-up budget explanation, unique to i.
func disclosure(i int, rng *rand.Rand) string {
	units := []string{"农业农村委员会", "科学技术协会", "文化和旅游发展委员会", "退役军人事务局", "档案馆", "供销合作社"}
	counties := []string{"东河县", "西岭县", "南川区", "北屯县", "中坝区"}
	unit := counties[i%len(counties)] + units[i%len(units)]
	year := 2019 + i%5
	total := 500000 + rng.IntN(90000000) // fen
	basic := total * (40 + rng.IntN(40)) / 100
	project := total - basic
	w := func(fen int) string { return fmt.Sprintf("%d.%02d", fen/1000000, fen/10000%100) }
	var b strings.Builder
	fmt.Fprintf(&b, "%s%d年部门预算情况说明（编号%d）\n", unit, year, i)
	b.WriteString("一、基本情况\n")
	fmt.Fprintf(&b, "本单位内设办公室、业务科，下属事业单位%d个。行政编制%d名，实有行政人员%d人；退休人员%d名。\n",
		1+i%3, 5+i%11, 4+i%9, i%6)
	b.WriteString("二、收支预算情况\n")
	fmt.Fprintf(&b, "%d年收入预算总额%s万元，其中一般公共预算拨款%s万元。\n", year, w(total), w(total))
	fmt.Fprintf(&b, "支出预算总额%s万元，其中基本支出%s万元，项目支出%s万元。\n", w(total), w(basic), w(project))
	fmt.Fprintf(&b, "三、“三公”经费预算%s万元，其中公务接待费%s万元。\n", w(total/50), w(total/50))
	fmt.Fprintf(&b, "四、政府采购：拟采购%d台电脑。\n", 1+i%4)
	fmt.Fprintf(&b, "联系电话：023-%08d\n", 10000000+i)
	return b.String()
}

func htmlPage(text string) []byte {
	var b bytes.Buffer
	lines := strings.Split(strings.TrimSpace(text), "\n")
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n", lines[0])
	b.WriteString("<div class=\"nav\">首页 &gt; 信息公开 &gt; 预算公开</div>\n<div class=\"article\">\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "<p>%s</p>\n", l)
	}
	b.WriteString("</div></body></html>\n")
	return b.Bytes()
}

// docx returns a minimal Word document holding text, a paragraph a line.
func docx(t testing.TB, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
	}
	var body strings.Builder
	body.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		fmt.Fprintf(&body, "<w:p><w:r><w:t>%s</w:t></w:r></w:p>", l)
	}
	body.WriteString("</w:body></w:document>")
	files = append(files, struct{ name, body string }{"word/document.xml", body.String()})
	for _, f := range files {
		w, err := z.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteCorpus writes the generated corpus to $CNBUDGET_CORPUS_DIR, for trying the
// command by hand: CNBUDGET_CORPUS_DIR=/tmp/corpus go test -run WriteCorpus ./batch.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("CNBUDGET_CORPUS_DIR")
	if dir == "" {
		t.Skip("CNBUDGET_CORPUS_DIR is not set")
	}
	c := makeCorpus(t, dir, corpusSize())
	t.Logf("wrote %d good and %d broken documents to %s", len(c.good), len(c.broken), dir)
}
