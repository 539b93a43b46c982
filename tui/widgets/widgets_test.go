package widgets

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestVTableRendersOnlyVisibleRows(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	calls := 0
	tb := VTable{Columns: []Column{{"n", 8}, {"sq", 10}}, Width: 30, Focused: true,
		Rows: func(i int) []string { calls++; return []string{strconv.Itoa(i), strconv.Itoa(i * i)} }}
	tb.SetHeight(6)
	tb.SetN(1000000)
	tb.Goto(999999)
	v := tb.View()
	if calls != 5 {
		t.Fatalf("rendered %d rows for a window of 5", calls)
	}
	lines := strings.Split(v, "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[5], ">999999") {
		t.Fatalf("view:\n%s", v)
	}
	tb.Move(-3)
	if tb.Cursor() != 999996 || tb.Offset() != 999995 {
		t.Fatalf("cursor %d offset %d", tb.Cursor(), tb.Offset())
	}
	if !tb.Click(1) || tb.Cursor() != 999995 {
		t.Fatalf("click: cursor %d", tb.Cursor())
	}
	tb.SetN(0)
	if tb.Cursor() != 0 || strings.Count(tb.View(), "\n") != 0 {
		t.Fatal("empty table")
	}
}

func TestScrollClamp(t *testing.T) {
	tests := []struct{ off, cur, h, n, want int }{
		{0, 0, 5, 10, 0}, {0, 7, 5, 10, 3}, {5, 2, 5, 10, 2}, {8, 9, 5, 10, 5}, {0, 0, 5, 3, 0},
	}
	for _, tc := range tests {
		if got := Scroll(tc.off, tc.cur, tc.h, tc.n); got != tc.want {
			t.Errorf("Scroll(%d,%d,%d,%d) = %d, want %d", tc.off, tc.cur, tc.h, tc.n, got, tc.want)
		}
	}
	if Clamp(5, 3) != 2 || Clamp(-1, 3) != 0 || Clamp(2, 0) != 0 {
		t.Error("Clamp")
	}
}

func TestCompletePath(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"orders.json", "orders_v2.json", "erp.sql", ".hidden"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "schemas"), 0o755)
	tests := []struct {
		in, want string
		n        int
	}{
		{"erp", "erp.sql", 0},
		{"ord", "orders", 2},
		{"sch", "schemas/", 0},
		{"zzz", "zzz", 0},
		{"", "", 4},
	}
	for _, tc := range tests {
		got, matches := CompletePath(filepath.Join(dir, tc.in))
		if tc.in == "" {
			got, matches = CompletePath(dir + "/")
		}
		if want := filepath.Join(dir, tc.want); tc.want != "" && strings.TrimSuffix(got, "/") != strings.TrimSuffix(want, "/") {
			t.Errorf("%q: got %q, want %q", tc.in, got, want)
		}
		if len(matches) != tc.n {
			t.Errorf("%q: %d matches %v, want %d", tc.in, len(matches), matches, tc.n)
		}
	}
}

func TestPaneAndFit(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	p := Pane("Title", "a\nb", 12, 5, true)
	lines := strings.Split(p, "\n")
	if len(lines) != 5 || !strings.Contains(lines[0], "Title") {
		t.Fatalf("pane:\n%s", p)
	}
	for _, l := range lines {
		if lipgloss.Width(l) != 12 {
			t.Fatalf("line %q is %d wide", l, lipgloss.Width(l))
		}
	}
	f := Fit("a very long line\nx", 5, 3)
	if f != "a ve…\nx    \n     " {
		t.Fatalf("Fit: %q", f)
	}
}
