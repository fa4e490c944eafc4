package xlsx_test

import (
	"context"
	"os"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/record"
	"github.com/cnbudget/cnbudget/extract/source"
)

// TestExtractWorkbook runs the committed county workbook through the whole extractor,
// named and unnamed: the explanation's facts come out of its text sheet as from a PDF.
func TestExtractWorkbook(t *testing.T) {
	b, err := os.ReadFile("../../testdata/xlsx/county_budget.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"county_budget.xlsx", "download"} {
		rec, err := x.Extract(context.Background(), extract.Document{Name: name, Content: b})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := rec.GetDocument(); d.GetMediaType() != source.XLSX || d.GetPages() != 11 || d.GetEncoding() != "utf-8" {
			t.Errorf("%s: document %v", name, d)
		}
		got := map[string]string{}
		for _, f := range record.Facts(rec) {
			got[f.Key] = f.Value
		}
		for k, v := range map[string]string{
			"doc.kind":               "budget",
			"doc.fiscal_year":        "2024",
			"doc.unit_name":          "青禾县水利局",
			"staff.admin.authorized": "12",
			"revenue.total":          "2979450.00",
			"revenue.other":          "180000.00",
			"expenditure.total":      "2979450.00",
			"expenditure.basic":      "2199450.00",
			"expenditure.project":    "780000.00",
			"sanggong.total":         "60000.00",
			"sanggong.reception":     "12000.00",
			"operating_expenses":     "293020.50",
			"contact.phone":          "0779-6612345",
		} {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], v)
			}
		}
	}
}
