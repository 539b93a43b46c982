package inspect

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// The Run screen runs a multi-table dataset: o loads a folder written by
// the Generate screen's tables view (Northwind), r runs the order-lines
// mapping whose joins read the folder's orders, customers and employees
// (#15.5).
func TestRunDatasetFolder(t *testing.T) {
	testkit.Pin()
	m, err := mapping.LoadWith("../../../testdata/mappings/dataset/northwind-order-lines.seam.yaml", mapping.LoadOptions{AllowPaths: []string{"../../../testdata"}})
	if err != nil {
		t.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	eng := backend.New()
	s := &common.Session{Mapping: m, Src: src, Dst: dst, Eng: eng, SavePath: filepath.Join(t.TempDir(), "m.seam.yaml")}
	if err := s.OpenTargets(); err != nil {
		t.Fatal(err)
	}
	nw, err := schema.Load("../../../testdata/schemas/realworld/northwind/northwind.sql#orders", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := eng.Tables(nw)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "nw")
	if _, err := eng.GenerateTables(context.Background(), ts, common.TablesPlan{GenPlan: common.GenPlan{Rows: 50, Seed: 9, EdgeRate: 0.2, Profile: "edge"}, Dir: dir}, nil); err != nil {
		t.Fatal(err)
	}
	sm := New(s)
	sm.SetSize(80, 21)
	up := func(msg tea.Msg) tea.Cmd { return sm.Update(msg) }
	testkit.Drive(t, up, "o")
	testkit.Type(t, up, dir)
	testkit.Drive(t, up, "enter")
	if s.Data == nil || s.Data.Tables == nil {
		t.Fatalf("the folder was not loaded as a dataset: %+v", s.Data)
	}
	testkit.Drive(t, up, "r")
	if s.Run == nil || s.Run.Records != int64(s.Data.Len()) || s.Run.Rejected == 0 {
		t.Fatalf("run: %+v", s.Run)
	}
	v := sm.View()
	if n := strings.Count(v, "\n") + 1; n != 21 {
		t.Errorf("%d lines", n)
	}
	testkit.Golden(t, "dataset_80x24", v)
	if !strings.Contains(v, "nw/order_details.csv") {
		t.Errorf("the view does not name the dataset:\n%s", v)
	}
}
