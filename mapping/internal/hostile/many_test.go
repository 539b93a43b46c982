package hostile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/export"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// manyRules is a mapping of n rules over n source and n target fields, as
// the files a 100,000-rule hostile input is made of (#20.9): every other
// rule a checked cast, the rest expressions (upper on strings, + 1 on
// integers); targets carry a max_length. data is a CSV sample of 3 rows.
func manyRules(n int) (src, dst, m, data string) {
	var s, t, r, h strings.Builder
	s.WriteString("seam_schema: 1\nname: s\nfields:\n")
	t.WriteString("seam_schema: 1\nname: t\nfields:\n")
	r.WriteString("seam: 1\nname: m\nsource: {schema: s.yaml}\ntarget: {schema: t.yaml}\nrules:\n")
	var row strings.Builder
	for i := 0; i < n; i++ {
		if i%3 == 0 {
			fmt.Fprintf(&s, "  - {name: f%d, type: integer}\n", i)
			fmt.Fprintf(&t, "  - {name: g%d, type: integer}\n", i)
		} else {
			fmt.Fprintf(&s, "  - {name: f%d, type: string}\n", i)
			fmt.Fprintf(&t, "  - {name: g%d, type: string, max_length: 40}\n", i)
		}
		switch {
		case i%2 == 0:
			fmt.Fprintf(&r, "  - {target: g%d, from: [f%d]}\n", i, i)
		case i%3 == 0:
			fmt.Fprintf(&r, "  - {target: g%d, from: [f%d], expr: \"f%d + 1\"}\n", i, i, i)
		default:
			fmt.Fprintf(&r, "  - {target: g%d, from: [f%d], expr: \"upper(f%d)\"}\n", i, i, i)
		}
		if i > 0 {
			h.WriteByte(',')
			row.WriteByte(',')
		}
		fmt.Fprintf(&h, "f%d", i)
		if i%3 == 0 {
			fmt.Fprintf(&row, "%d", i)
		} else {
			fmt.Fprintf(&row, "v%d", i)
		}
	}
	line := row.String() + "\n"
	return s.String(), t.String(), r.String(), h.String() + "\n" + line + line + line
}

func writeMany(n int) func(dir string) error {
	return func(dir string) error {
		src, dst, m, data := manyRules(n)
		for name, text := range map[string]string{"s.yaml": src, "t.yaml": dst, "m.seam.yaml": m, "d.csv": data} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

// manyCases: a 100,000-rule mapping is checked (static and through the
// engine on its data), run and exported to SQL within the memory limit;
// before #20.9 each step took time in the square of the rule count.
func manyCases() []hostileCase {
	files := writeMany(100000)
	return []hostileCase{
		{name: "100,000 rules: check --input", files: files,
			args: []string{"check", "-m", "m.seam.yaml", "--input", "d.csv", "-o", "report.txt"}, code: 0,
			outputs: map[string][]string{"report.txt": {"rows: read 3, written 3, rejected 0", "100000 of 100000 target fields mapped"}}},
		{name: "100,000 rules: export --to sql", files: files,
			args: []string{"export", "-m", "m.seam.yaml", "--to", "sql", "--dialect", "postgres", "-o", "m.sql"}, code: 0,
			outputs: map[string][]string{"m.sql": {"UPPER(\"f99997\")", "AS \"g99999\""}}},
	}
}

// BenchmarkManyRules times each step on mappings of 10,000 and 40,000
// rules: with every step linear in the rule count, the 40k times are
// about four times the 10k ones (they were sixteen times and more).
func BenchmarkManyRules(b *testing.B) {
	for _, n := range []int{10000, 40000} {
		srcText, dstText, mText, data := manyRules(n)
		src, err := schema.Parse("s.yaml", []byte(srcText), schema.Options{})
		if err != nil {
			b.Fatal(err)
		}
		dst, err := schema.Parse("t.yaml", []byte(dstText), schema.Options{})
		if err != nil {
			b.Fatal(err)
		}
		m, err := mapping.Parse("m.seam.yaml", []byte(mText))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("parse/%d", n), func(b *testing.B) {
			for range b.N {
				if _, err := mapping.Parse("m.seam.yaml", []byte(mText)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("compile/%d", n), func(b *testing.B) {
			for range b.N {
				if _, ds := engine.Compile(m, src, dst); ds.HasErrors() {
					b.Fatal(ds)
				}
			}
		})
		p, _ := engine.Compile(m, src, dst)
		b.Run(fmt.Sprintf("check/%d", n), func(b *testing.B) {
			for range b.N {
				rd, err := value.NewReader(strings.NewReader(data), "d.csv", value.FormatCSV)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := check.Run(context.Background(), p, rd, check.RunOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("sql/%d", n), func(b *testing.B) {
			for range b.N {
				if _, _, err := export.SQL(m, src, dst, export.SQLOptions{Dialect: "postgres"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
