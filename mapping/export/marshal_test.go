package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
)

// plain copies the exported content of a mapping into a fresh value, so
// comments kept from a parsed file do not take part in comparisons.
func plain(m *mapping.Mapping) *mapping.Mapping {
	c := &mapping.Mapping{Seam: m.Seam, Name: m.Name, Source: m.Source, Target: m.Target,
		IgnoreSource: m.IgnoreSource, IgnoreTarget: m.IgnoreTarget, Acknowledged: m.Acknowledged}
	for _, l := range m.Lookups {
		cl := *l
		c.Lookups = append(c.Lookups, &cl)
	}
	for _, r := range m.Rules {
		cr := *r
		c.Rules = append(c.Rules, &cr)
	}
	return c
}

// assertSameMarshal compares two mappings through mapping.Marshal, the
// normalised YAML form (positions, paths and comments do not appear).
func assertSameMarshal(t *testing.T, want, got *mapping.Mapping) {
	t.Helper()
	wb, err := plain(want).Marshal()
	if err != nil {
		t.Fatalf("marshal want: %v", err)
	}
	gb, err := plain(got).Marshal()
	if err != nil {
		t.Fatalf("marshal got: %v", err)
	}
	if !bytes.Equal(wb, gb) {
		t.Errorf("mappings differ after the round trip\n--- want\n%s--- got\n%s", wb, gb)
	}
}

// mappingFiles lists the shared mapping fixtures and this package's own.
func mappingFiles(t *testing.T) []string {
	var files []string
	for _, pat := range []string{"../../testdata/mappings/*.seam.yaml", "../../testdata/bench/*.seam.yaml", "../../testdata/bench/*/*.seam.yaml", "testdata/mappings/*.seam.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no mapping fixtures found")
	}
	return files
}

// TestRoundTripFixtures exports every mapping fixture to XLSX and CSV and
// imports it again: the result marshals to the same YAML.
func TestRoundTripFixtures(t *testing.T) {
	for _, path := range mappingFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			m, err := mapping.Load(path)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			var buf bytes.Buffer
			if err := WriteXLSX(&buf, m, nil, nil, nil); err != nil {
				t.Fatal(err)
			}
			got, err := ImportXLSX(bytes.NewReader(buf.Bytes()), path+".xlsx")
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			assertSameMarshal(t, m, got)

			// The CSV carries the rules only.
			buf.Reset()
			if err := WriteCSV(&buf, m, nil, nil); err != nil {
				t.Fatal(err)
			}
			cm, err := ImportCSV(bytes.NewReader(buf.Bytes()), "rules.csv")
			if err != nil {
				t.Fatalf("import csv: %v", err)
			}
			rulesOnly := &mapping.Mapping{Seam: m.Seam, Name: "rules", Rules: m.Rules}
			assertSameMarshal(t, rulesOnly, cm)

			// YAML is Marshal's output.
			buf.Reset()
			if err := YAML(&buf, m); err != nil {
				t.Fatal(err)
			}
			want, _ := m.Marshal()
			if !bytes.Equal(buf.Bytes(), want) {
				t.Error("YAML differs from Marshal")
			}
			if _, err := mapping.Parse(path, buf.Bytes()); err != nil {
				t.Errorf("exported YAML does not parse: %v", err)
			}
		})
	}
}

func TestRoundTripRichMarshal(t *testing.T) {
	var buf bytes.Buffer
	m := richMapping()
	if err := WriteXLSX(&buf, m, srcSchema(), dstSchema(), nil); err != nil {
		t.Fatal(err)
	}
	got, err := ImportXLSX(bytes.NewReader(buf.Bytes()), "rich.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	assertSameMarshal(t, m, got)
	y, _ := plain(got).Marshal()
	if _, err := mapping.Parse("rich.seam.yaml", y); err != nil && !strings.Contains(err.Error(), "lookup") {
		t.Errorf("imported mapping does not parse back from YAML: %v\n%s", err, y)
	}
	_ = os.Getenv
}
