package synth

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// The tables view (T) of the Generate screen: every table of the source
// schema's file (a DDL with several tables, such as Northwind's), in the
// order they are generated, with their relationships (child -> parent,
// the foreign key's columns, the cardinality); r generates them all into
// a folder, one CSV per table and labels.csv, with progress (#15.5).
type tablesView struct {
	on bool
	// src is the schema the set was loaded for (reloaded when it changes).
	src  *schema.Schema
	set  *common.TableSet
	err  error
	load common.Job
	gen  common.Job
	dir  *widgets.PathInput
	// last is the last generation's result.
	last *common.TablesResult
	// cur names the table being generated (set from the work goroutine).
	mu  sync.Mutex
	cur string
	// off is the first line shown of the tables and relationships
	// (pgdn/pgup scroll them when they do not fit).
	off int
}

type tablesLoadedMsg struct {
	src *schema.Schema
	set *common.TableSet
	err error
}

type tablesDoneMsg struct {
	res *common.TablesResult
	err error
}

// toggleTables opens or closes the tables view, loading the tables once
// per source schema.
func (m *Model) toggleTables() tea.Cmd {
	tv := &m.tv
	if tv.on {
		tv.on = false
		return nil
	}
	if m.s.Src == nil || m.s.Eng == nil {
		return common.Errorf("tables: load a source schema first")
	}
	tv.on = true
	if tv.src == m.s.Src && (tv.set != nil || tv.err != nil) {
		return nil
	}
	eng, src := m.s.Eng, m.s.Src
	tv.src, tv.set, tv.err, tv.last = src, nil, nil, nil
	return tv.load.Start(m.s.Context(), 0, func(context.Context, func(int64)) tea.Msg {
		set, err := eng.Tables(src)
		return tablesLoadedMsg{src: src, set: set, err: err}
	})
}

// tablesKey handles a key in the tables view.
func (m *Model) tablesKey(msg tea.KeyMsg) tea.Cmd {
	tv := &m.tv
	if tv.dir != nil {
		return widgets.PromptKey(&tv.dir, msg, m.generateTables)
	}
	switch {
	case key.Matches(msg, keys.CancelJob) && tv.gen.Cancel():
		return common.Status("generation of the tables cancelled (the files hold the rows made so far)")
	case key.Matches(msg, keys.Synth.Tables), key.Matches(msg, keys.SynthRows.Back):
		tv.on = false
	case key.Matches(msg, keys.Nav.PageDown):
		tv.off += max(m.h-formLines-1, 1)
	case key.Matches(msg, keys.Nav.PageUp):
		tv.off = max(tv.off-max(m.h-formLines-1, 1), 0)
	case key.Matches(msg, keys.Synth.Start):
		if tv.gen.Running() {
			return common.Status("the tables are being generated (%s)", keys.Hint(keys.CancelJob))
		}
		if tv.set == nil {
			return common.Status("no tables to generate: the source's schema file has one table")
		}
		stem := strings.TrimSuffix(filepath.Base(tv.set.File), filepath.Ext(tv.set.File))
		tv.dir = widgets.NewPathInput("generate every table into folder: ", "./"+stem+"-data")
	}
	return nil
}

// estimate is how many rows a generation of the set makes: plan rows per
// table without a parent, the mean cardinality per parent row otherwise.
func estimate(set *common.TableSet, rows int) int64 {
	n := map[string]float64{}
	total := 0.0
	for _, t := range set.Tables {
		v := float64(rows)
		if t.Owner != "" {
			v = n[t.Owner] * float64(t.Min+t.Max) / 2
		}
		n[t.Name] = v
		total += v
	}
	return int64(total)
}

// generateTables starts generating every table into dir.
func (m *Model) generateTables(dir string) tea.Cmd {
	tv := &m.tv
	if dir == "" || tv.set == nil {
		return nil
	}
	plan, err := m.Plan()
	if err != nil {
		return common.Errorf("generate: %v", err)
	}
	eng, set := m.s.Eng, tv.set
	tp := common.TablesPlan{GenPlan: plan, Dir: dir}
	run := tv.gen.Start(m.s.Context(), estimate(set, plan.Rows), func(ctx context.Context, progress func(int64)) tea.Msg {
		done := map[string]int64{}
		var sum int64
		res, err := eng.GenerateTables(ctx, set, tp, func(table string, n int64) {
			sum += n - done[table]
			done[table] = n
			tv.mu.Lock()
			tv.cur = table
			tv.mu.Unlock()
			progress(sum)
		})
		return tablesDoneMsg{res: res, err: err}
	})
	return tea.Sequence(common.Status("generating %d tables into %s …", len(set.Tables), dir), run)
}

// tablesUpdate handles the tables view's messages; ok is false for others.
func (m *Model) tablesUpdate(msg tea.Msg) (tea.Cmd, bool) {
	tv := &m.tv
	switch msg := msg.(type) {
	case tablesLoadedMsg:
		if msg.src == tv.src {
			tv.set, tv.err = msg.set, msg.err
		}
		return nil, true
	case tablesDoneMsg:
		if msg.err != nil {
			return common.Errorf("generate tables: %v", msg.err), true
		}
		tv.last = msg.res
		var total int64
		for _, n := range msg.res.Rows {
			total += n
		}
		return common.Status("generated %d tables, %d rows, into %s (labels.csv: the edge cases)", len(msg.res.Tables), total, msg.res.Dir), true
	}
	return nil, false
}

// tablesView renders the tables beside their relationships under the
// form and the action line.
func (m *Model) tablesView(b *strings.Builder) {
	tv := &m.tv
	switch {
	case tv.load.Running():
		b.WriteString(theme.Dim.Render("reading the tables of " + m.s.Src.File + " …"))
		return
	case tv.err != nil:
		b.WriteString(theme.Error.Render(textsafe.Terminal("tables: " + tv.err.Error())))
		return
	case tv.set == nil:
		b.WriteString(theme.Dim.Render(fmt.Sprintf("%s has one table: %s generates its rows · %s back", textsafe.Terminal(m.s.Src.Ref()),
			keys.Name(keys.Synth.Start), keys.Name(keys.Synth.Tables))))
		return
	}
	set := tv.set
	rows := map[string]int64{}
	if tv.last != nil {
		for i, t := range tv.last.Tables {
			rows[t] = tv.last.Rows[i]
		}
	}
	head := fmt.Sprintf("%d tables of %s, parents first: columns, rows", len(set.Tables), textsafe.Terminal(filepath.Base(set.File)))
	lw := min(max(m.w*3/8, 28), 44)
	rw := max(m.w-lw-1, 10)
	b.WriteString(widgets.Cell(theme.Bold.Render(head), lw) + " " + widgets.Cell(theme.Bold.Render("parent → child (FK), per parent; ? null ok"), rw) + "\n")
	left := []string{}
	for _, t := range set.Tables {
		n := "rows"
		if t.Owner != "" {
			n = fmt.Sprintf("%d..%d each", t.Min, t.Max)
		}
		if r, ok := rows[t.Name]; ok {
			n = fmt.Sprint(r)
		}
		left = append(left, widgets.Cell(textsafe.Terminal(t.Name), lw-15)+fmt.Sprintf(" %3d ", t.Columns)+" "+n)
	}
	right := []string{}
	owners := map[string]common.TableInfo{}
	for _, t := range set.Tables {
		owners[t.Name] = t
	}
	for _, r := range set.Relations {
		// children per parent row: made per parent (its cardinality), or
		// each child row picks a parent (0..N)
		card := "0..N"
		switch t := owners[r.Child]; {
		case r.Self:
			card = "tree"
		case r.Owner:
			card = fmt.Sprintf("%d..%d", t.Min, t.Max)
		}
		if r.Nullable {
			card += "?"
		}
		right = append(right, widgets.Cell(card, 5)+" "+textsafe.Terminal(fmt.Sprintf("%s → %s (%s)", r.Parent, r.Child, r.Cols)))
	}
	if len(set.Relations) == 0 {
		right = append(right, theme.Dim.Render("none: no foreign keys"))
	}
	lines := max(m.h-formLines, 1)
	total := max(len(left), len(right))
	if total > lines {
		// the last line says where the window stands
		lines--
	}
	tv.off = min(tv.off, max(total-lines, 0))
	for i := tv.off; i < tv.off+lines && i < total; i++ {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		b.WriteString(widgets.Cell(l, lw) + " " + widgets.Cell(r, rw) + "\n")
	}
	if total > lines {
		b.WriteString(theme.Dim.Render(fmt.Sprintf("lines %d-%d of %d · %s %s", tv.off+1, min(tv.off+lines, total), total,
			keys.Name(keys.Nav.PageDown), keys.Name(keys.Nav.PageUp))) + "\n")
	}
	if tv.last != nil {
		b.WriteString(theme.Dim.Render("written to " + textsafe.Terminal(tv.last.Dir) + " (a CSV per table, labels.csv)"))
	}
}

// tablesAction is the action line of the tables view.
func (m *Model) tablesAction() string {
	tv := &m.tv
	switch {
	case tv.gen.Running():
		tv.mu.Lock()
		cur := tv.cur
		tv.mu.Unlock()
		unit := "rows"
		if cur != "" {
			unit = "rows (" + textsafe.Terminal(cur) + ")"
		}
		return tv.gen.View(m.w, unit)
	case tv.dir != nil:
		return tv.dir.View("  ")
	}
	return theme.Dim.Render(keys.Hints(keys.Synth.Start, keys.Synth.Edit, keys.Synth.Tables))
}
