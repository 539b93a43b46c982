package mapper

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func wideSchema(name string, n int) *schema.Schema {
	s := &schema.Schema{Name: name}
	for g := 0; g < n/20; g++ {
		grp := &schema.Field{Path: fmt.Sprintf("group%03d", g), Name: fmt.Sprintf("group%03d", g), Type: schema.Object}
		for i := 0; i < 20; i++ {
			leaf := fmt.Sprintf("field%02d", i)
			grp.Children = append(grp.Children, &schema.Field{Path: grp.Path + "." + leaf, Name: leaf, Type: schema.String,
				MaxLength: schema.IntP(40 + i), Required: i%3 == 0})
		}
		s.Fields = append(s.Fields, grp)
	}
	return s
}

// BenchmarkKeyPressLargeSchema: one key press and one View of the mapper
// over two 2,000-field schemas and 1,000 rules.
func BenchmarkKeyPressLargeSchema(b *testing.B) {
	testkit.Pin()
	src, dst := wideSchema("src", 2000), wideSchema("dst", 2000)
	m := &mapping.Mapping{Seam: 1}
	for i, f := range dst.Leaves() {
		if i%2 == 0 {
			m.Rules = append(m.Rules, &mapping.Rule{Target: f.Path, From: []string{src.Leaves()[i].Path}, Status: mapping.StatusAccepted})
		}
	}
	s := &common.Session{Mapping: m, Src: src, Dst: dst}
	mp := New(s)
	mp.SetSize(120, 37)
	keys := []tea.Msg{testkit.Key("j"), testkit.Key("tab"), testkit.Key("j"), testkit.Key("pgdown")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mp.Update(keys[i%len(keys)])
		_ = mp.View()
	}
}
