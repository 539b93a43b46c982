// Package synth is the Generate screen: rows, seed, edge rate and profile;
// generation runs in the background with a progress bar and can be
// cancelled; the dataset can be written as CSV, TSV, JSONL or XLSX.
package synth

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// Field indexes of the form.
const (
	fRows = iota
	fSeed
	fEdge
	fProfile
	nFields
)

var labels = [nFields]string{"rows", "seed", "edge rate", "profile"}

// Profiles offered on the form.
var Profiles = []string{"realistic", "edge", "hostile"}

// Model is the Generate screen.
type Model struct {
	s       *common.Session
	w, h    int
	inputs  [nFields]textinput.Model
	focus   int
	editing bool

	// gen generates the dataset; write writes it to a file.
	gen, writer common.Job

	save  *widgets.PathInput
	table widgets.VTable
	// onRows gives the rows the focus (else the settings have it): one
	// cursor at a time. col is the first data column shown (the columns
	// scroll sideways); detail shows the row under the cursor in full,
	// scrolled by detOff.
	onRows bool
	col    int
	detail bool
	detOff int
	// tv is the tables view (T): every table of the source's file.
	tv tablesView
}

// New returns the screen.
func New(s *common.Session) *Model {
	m := &Model{s: s}
	for i := range m.inputs {
		ti := widgets.NewInput("")
		ti.Prompt = ""
		ti.CharLimit = 12
		m.inputs[i] = ti
	}
	p := common.DefaultPlan()
	m.SetForm(p.Rows, p.Seed, p.EdgeRate, p.Profile)
	m.resetTable()
	return m
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Generate" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.table.Width = w
	m.table.SetHeight(m.tableHeight())
	m.columns()
}

// Capturing implements common.Screen.
func (m *Model) Capturing() bool { return m.editing || m.save != nil || m.tv.dir != nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.editing || m.save != nil || m.tv.dir != nil {
		return []key.Binding{keys.Input.Accept, keys.Input.Cancel}
	}
	if m.tv.on {
		if m.tv.gen.Running() {
			return []key.Binding{keys.CancelJob}
		}
		return []key.Binding{keys.Synth.Start, keys.Synth.Edit, keys.Synth.Tables}
	}
	if m.gen.Running() {
		return []key.Binding{keys.CancelJob}
	}
	if m.detail {
		return []key.Binding{keys.SynthRows.Back, keys.Nav.Down, keys.Nav.PageDown}
	}
	if m.onRows {
		return []key.Binding{keys.SynthRows.Detail, keys.SynthRows.Right, keys.Global.NextPane, keys.Synth.Start, keys.Synth.SaveData}
	}
	return []key.Binding{keys.Synth.Edit, keys.Synth.Start, keys.Global.NextPane, keys.Synth.SaveData}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{keys.Global.NextPane, keys.Global.PrevPane, keys.Nav.Up, keys.Nav.Down, keys.Synth.Edit},
		{keys.Synth.Start, keys.CancelJob, keys.Synth.SaveData, keys.Synth.Tables},
		{keys.SynthRows.Left, keys.SynthRows.Right, keys.SynthRows.Detail, keys.SynthRows.Back, keys.Nav.PageDown, keys.Nav.Bottom},
	}
}

// setRows gives the focus to the rows (true) or the settings.
func (m *Model) setRows(on bool) {
	m.onRows = on
	m.table.Focused = on
}

// Plan parses the form; the error names the field and what was expected.
func (m *Model) Plan() (common.GenPlan, error) {
	var p common.GenPlan
	rows, err := strconv.Atoi(strings.TrimSpace(m.inputs[fRows].Value()))
	if err != nil || rows < 1 {
		return p, fmt.Errorf("rows: expected a whole number ≥ 1, got %q", m.inputs[fRows].Value())
	}
	seed, err := strconv.ParseInt(strings.TrimSpace(m.inputs[fSeed].Value()), 10, 64)
	if err != nil {
		return p, fmt.Errorf("seed: expected an integer, got %q", m.inputs[fSeed].Value())
	}
	rate, err := strconv.ParseFloat(strings.TrimSpace(m.inputs[fEdge].Value()), 64)
	if err != nil || rate < 0 || rate > 1 {
		return p, fmt.Errorf("edge rate: expected a number between 0 and 1, got %q", m.inputs[fEdge].Value())
	}
	prof := strings.TrimSpace(m.inputs[fProfile].Value())
	ok := false
	for _, x := range Profiles {
		ok = ok || x == prof
	}
	if !ok {
		return p, fmt.Errorf("profile: expected one of %s, got %q", strings.Join(Profiles, ", "), prof)
	}
	return common.GenPlan{Rows: rows, Seed: seed, EdgeRate: rate, Profile: prof}, nil
}

// SetForm fills the form (tests and the palette).
func (m *Model) SetForm(rows int, seed int64, rate float64, profile string) {
	m.inputs[fRows].SetValue(strconv.Itoa(rows))
	m.inputs[fSeed].SetValue(strconv.FormatInt(seed, 10))
	m.inputs[fEdge].SetValue(strconv.FormatFloat(rate, 'g', -1, 64))
	m.inputs[fProfile].SetValue(profile)
}

// Running reports a generation in progress.
func (m *Model) Running() bool { return m.gen.Running() || m.tv.gen.Running() }

// Cancel stops a generation in progress; it reports whether there was one.
func (m *Model) Cancel() bool { return m.gen.Cancel() || m.tv.gen.Cancel() }

type doneMsg struct {
	data *common.Dataset
	err  error
}

type writtenMsg struct {
	path string
	err  error
}

// Start begins generating with the form's plan (r, or ":generate").
func (m *Model) Start() tea.Cmd {
	if m.gen.Running() {
		return common.Status("generation already running (%s)", keys.Hint(keys.CancelJob))
	}
	if m.s.Src == nil || m.s.Eng == nil {
		return common.Errorf("generate: load a source schema first")
	}
	plan, err := m.Plan()
	if err != nil {
		return common.Errorf("generate: %v", err)
	}
	plan.Targets = m.s.Mapping.Feeds(m.s.Src, m.s.Dst)
	plan.Keys = check.LookupKeys(m.s.Mapping)
	eng, src := m.s.Eng, m.s.Src
	run := m.gen.Start(m.s.Context(), int64(plan.Rows), func(ctx context.Context, progress func(int64)) tea.Msg {
		d, err := eng.Generate(ctx, src, plan, progress)
		return doneMsg{data: d, err: err}
	})
	return tea.Sequence(common.Status("generating %d rows (seed %d) …", plan.Rows, plan.Seed), run)
}

func topLabels(d *common.Dataset, n int) []string {
	counts := d.CaseCounts()
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range counts {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool {
		if kvs[i].v != kvs[j].v {
			return kvs[i].v > kvs[j].v
		}
		return kvs[i].k < kvs[j].k
	})
	var out []string
	for i, x := range kvs {
		if i == n {
			break
		}
		out = append(out, fmt.Sprintf("%s %d", x.k, x.v))
	}
	return out
}
