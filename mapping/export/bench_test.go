package export

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/seamhq/seam/mapping"
)

// bigMapping has n rules in the shapes of the rich fixture.
func bigMapping(n int) *mapping.Mapping {
	m := richMapping()
	base := m.Rules
	m.Rules = nil
	for i := 0; i < n; i++ {
		r := *base[i%len(base)]
		r.Target = fmt.Sprintf("%s_%d", r.Target, i)
		m.Rules = append(m.Rules, &r)
	}
	return m
}

func BenchmarkWriteXLSX200(b *testing.B) {
	m := bigMapping(200)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteXLSX(io.Discard, m, srcSchema(), dstSchema(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportXLSX200(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, bigMapping(200), nil, nil, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ImportXLSX(bytes.NewReader(buf.Bytes()), "b.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSQLExprs(b *testing.B) {
	m, dst := exprMapping()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := SQL(m, diffSource(), dst, SQLOptions{Dialect: "postgres"}); err != nil {
			b.Fatal(err)
		}
	}
}
