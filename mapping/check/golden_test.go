package check

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// goldenReport is deterministic: static findings plus data findings from
// fixed rows (no random key seeds reach the output).
func goldenReport(t *testing.T) *Report {
	r := sampleReport(t)
	r.Mapping = "golden.seam.yaml"
	return r
}

func TestGoldenReports(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json", "junit"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, goldenReport(t), format); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "report."+format+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s report differs from %s; run go test -update and review the diff\n%s", format, path, buf.String())
			}
		})
	}
}

// TestDroppedSourceDidYouMean: a dropped source whose folded name equals an
// unmapped target is an error, not a warning.
func TestDroppedSourceDidYouMean(t *testing.T) {
	src := S("s", F("id", schema.Integer), F("mobilephone", schema.String))
	dst := S("d", F("Id", schema.Integer), F("MobilePhone", schema.String))
	fs := Static(M(R("Id", "", "id")), src, dst)
	f := find(fs, kind.DroppedSource)
	if f == nil || f.Severity.String() != "error" || f.Target != "MobilePhone" {
		t.Fatalf("dropped_source = %+v", f)
	}
	m := M(R("Id", "", "id"))
	m.IgnoreSource = []string{"mobilephone"}
	if f := find(Static(m, src, dst), kind.DroppedSource); f != nil {
		t.Errorf("ignored field still reported: %+v", f)
	}
}

// TestAcksFromMappingFile: the acknowledged: list of a mapping file marks
// findings, which stay in the report and stop failing the exit code.
func TestAcksFromMappingFile(t *testing.T) {
	m, err := mapping.Parse("acks.seam.yaml", []byte(`seam: 1
source: {schema: s.json}
target: {schema: d.json}
rules:
  - target: city
    from: [city]
acknowledged:
  - {kind: narrowing, target: city, by: qa, why: cities are short in this market}
`))
	if err != nil {
		t.Fatal(err)
	}
	src := S("s", F("city", schema.String))
	dst := S("d", F("city", schema.String, maxlen(15)))
	r := NewReport("acks.seam.yaml", m, src, dst, Static(m, src, dst))
	if r.ExitCode("warn") != 1 {
		t.Fatal("unacknowledged narrowing should fail --fail-on warn")
	}
	ApplyAcks(r, m.Acknowledged)
	if len(r.Findings) != 1 || r.Findings[0].Acknowledged == nil || r.Findings[0].Acknowledged.By != "qa" {
		t.Fatalf("findings = %+v", r.Findings)
	}
	if r.ExitCode("warn") != 0 {
		t.Error("acknowledged finding still fails")
	}
}
