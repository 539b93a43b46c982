package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, richMapping(), srcSchema(), dstSchema()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		for j, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("record %d field %d starts with %q: %q", i+1, j+1, c[0], c)
			}
		}
	}
	got, err := ImportCSV(bytes.NewReader(buf.Bytes()), "rules.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := richMapping()
	want.Lookups, want.IgnoreSource, want.IgnoreTarget, want.Acknowledged = nil, nil, nil, nil
	want.Source.Schema, want.Source.Fingerprint, want.Target.Schema, want.Target.Fingerprint = "", "", "", ""
	want.Name = "rules"
	if canon(want) != canon(got) {
		t.Errorf("CSV round trip\nwant:\n%s\ngot:\n%s", canon(want), canon(got))
	}
}

func TestNeutraliseCSV(t *testing.T) {
	for _, s := range []string{"", "a", "=1", "+1", "-1", "@a", "\tx", "\rx", "'", "'=1", "''", "a=b"} {
		n := NeutraliseCSV(s)
		if n != "" && strings.ContainsRune("=+-@\t\r", rune(n[0])) {
			t.Errorf("NeutraliseCSV(%q) = %q still starts a formula", s, n)
		}
		if back := unneutralise(n); back != s {
			t.Errorf("unneutralise(NeutraliseCSV(%q)) = %q", s, back)
		}
	}
}

func TestCSVImportErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"no target column", "Rule ID,Expr\nr1,x\n", `rules.csv:1: header row has no "Target field" column`},
		{"bad status", "Target,Status\na,maybe\n", `rules.csv:2:2: column Status: status "maybe" is not one of`},
		{"bad on_error", "Target field,On error\na,explode\nb,default(1)\n", `rules.csv:2:2: column On error: on_error "explode"`},
		{"bad confidence", "target,confidence\na,high\n", `rules.csv:2:2: column confidence: confidence "high"`},
		{"empty target", "target,expr\n,x\n", `rules.csv:2:1: column target: target field is empty`},
		{"two sources no expr", "target,from\na,\"b, c\"\n", `rules.csv:2:1: column target: 2 source fields but no transform`},
		{"bad quote", "target\n\"a\n", `rules.csv:`},
		{"empty", "", `rules.csv:1: empty file`},
		{"duplicate column", "target,expr,Transform\na,x,y\n", `column "Transform" appears twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ImportCSV(strings.NewReader(tc.in), "rules.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	m, err := ImportCSV(strings.NewReader("\ufeffTarget field,Confidence,Status,Extra\n a ,85%,ACCEPTED,whatever\n\n,,,\n"), "ok.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rules) != 1 || m.Rules[0].Target != "a" || m.Rules[0].Confidence != 0.85 || m.Rules[0].Status != "accepted" {
		t.Errorf("lenient import = %+v", m.Rules[0])
	}
}
