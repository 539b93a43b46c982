package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
)

// FuzzImportCSV: no input panics; what imports exports and imports again
// to the same rules.
func FuzzImportCSV(f *testing.F) {
	var buf bytes.Buffer
	WriteCSV(&buf, richMapping(), srcSchema(), dstSchema())
	f.Add(buf.String())
	f.Add("Target field,Status,On error,Confidence\na,accepted,default(1),0.5\n")
	f.Add("target\n\"unterminated\n")
	f.Add("\ufefftarget,from,expr\nx,\"a, b\",concat(a, b)\n")
	f.Fuzz(func(t *testing.T, in string) {
		m, err := ImportCSV(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for _, r := range m.Rules {
			if strings.TrimSpace(r.Target) == "" {
				t.Fatalf("rule without target imported: %+v", r)
			}
		}
		var out bytes.Buffer
		if err := WriteCSV(&out, m, nil, nil); err != nil {
			t.Fatal(err)
		}
		again, err := ImportCSV(bytes.NewReader(out.Bytes()), "fuzz.csv")
		if err != nil {
			t.Fatalf("re-import of exported CSV: %v\n%s", err, out.String())
		}
		if canon(m) != canon(again) {
			t.Fatalf("CSV round trip changed the rules\n%s\n%s", canon(m), canon(again))
		}
	})
}

// FuzzSQLExpr: any expression either translates or is reported as
// unsupported, in every dialect; nothing panics or goes missing.
func FuzzSQLExpr(f *testing.F) {
	for _, c := range exprCases {
		f.Add(c.expr)
	}
	for _, r := range diffMapping().Rules {
		f.Add(r.Expr)
	}
	for _, c := range pairExprCases {
		f.Add(c.expr)
	}
	f.Add(`filter([status == nil ? nil : {"s": status, "n": to_int(qty), "b": true}], # != nil)`)
	f.Add(`filter([], # != nil)`)
	f.Add(`status in []`)
	f.Add(`part(id, "", 0)`)
	f.Add(`join(split(id, "-")[1:3], ",")`)
	f.Add(`let id = id; id`)
	f.Add(`a[0].b ?? c.d`)
	f.Add(`let x = 1; x + 1`)
	f.Add(`map(items, # * 2)`)
	f.Add(`"\u0000" + '\'' + "\\"`)
	f.Fuzz(func(t *testing.T, e string) {
		m, dst := exprMapping()
		m.Rules = []*mapping.Rule{{Target: "sum_dec", From: []string{"id"}, Expr: e}, {Target: "coal", From: []string{"id"}, Expr: e, OnError: "default(x)"}}
		for _, d := range Dialects() {
			q, unsup, err := SQL(m, diffSource(), dst, SQLOptions{Dialect: d})
			if err != nil {
				t.Fatalf("%s: %v", d, err)
			}
			cols := strings.Count(q[strings.LastIndex(q, "\nSELECT\n"):], " AS ")
			if len(unsup)+cols < 2 && !(len(unsup) == 0 && cols == 1 && strings.Contains(q, "no_rules")) {
				t.Fatalf("%s: %d columns and %d unsupported for 2 rules\n%s", d, cols, len(unsup), q)
			}
		}
	})
}

// FuzzImportXLSX: no workbook, however broken, panics the importer.
func FuzzImportXLSX(f *testing.F) {
	var buf bytes.Buffer
	WriteXLSX(&buf, &mapping.Mapping{Seam: 1, Name: "f", Rules: []*mapping.Rule{{Target: "a", From: []string{"b"}, Status: "accepted"}}}, nil, nil, nil)
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04 not really"))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := ImportXLSX(bytes.NewReader(in), "fuzz.xlsx")
		if err == nil && m == nil {
			t.Fatal("nil mapping without error")
		}
	})
}
