// Package keys is the one place where seam's key strings live. Every screen
// matches keys with key.Matches against these bindings, and help (`?`) is
// generated from them.
package keys

import "github.com/charmbracelet/bubbles/key"

func b(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// GlobalMap holds keys that work on every screen.
type GlobalMap struct {
	Quit, ForceQuit, Help, Palette, Save, Undo, Redo key.Binding
	NextPane, PrevPane                               key.Binding
	Screen1, Screen2, Screen3, Screen4, Screen5      key.Binding
}

// Global is the global key map.
var Global = GlobalMap{
	Quit:      b("q", "quit", "q"),
	ForceQuit: b("ctrl+c", "quit (asks if unsaved)", "ctrl+c"),
	Help:      b("?", "help", "?"),
	Palette:   b(":", "commands", ":"),
	Save:      b("ctrl+s", "save", "ctrl+s"),
	Undo:      b("u", "undo", "u"),
	Redo:      b("ctrl+r", "redo", "ctrl+r"),
	NextPane:  b("tab", "next pane", "tab"),
	PrevPane:  b("shift+tab", "prev pane", "shift+tab"),
	Screen1:   b("1", "schemas", "1"),
	Screen2:   b("2", "mapper", "2"),
	Screen3:   b("3", "generate", "3"),
	Screen4:   b("4", "run", "4"),
	Screen5:   b("5", "drift", "5"),
}

// ShortHelp implements help.KeyMap.
func (g GlobalMap) ShortHelp() []key.Binding {
	return []key.Binding{g.Help, g.Palette, g.Save, g.Quit}
}

// FullHelp implements help.KeyMap.
func (g GlobalMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{g.Screen1, g.Screen2, g.Screen3, g.Screen4, g.Screen5},
		{g.NextPane, g.PrevPane, g.Palette, g.Help},
		{g.Save, g.Undo, g.Redo, g.Quit, g.ForceQuit},
	}
}

// Screens returns the 1-5 bindings in screen order.
func (g GlobalMap) Screens() []key.Binding {
	return []key.Binding{g.Screen1, g.Screen2, g.Screen3, g.Screen4, g.Screen5}
}

// NavMap moves cursors in lists and tables.
type NavMap struct {
	Up, Down, Left, Right, PageUp, PageDown, Top, Bottom key.Binding
	Select, Back, Filter                                 key.Binding
}

// Nav is the shared navigation key map.
var Nav = NavMap{
	Up:       b("↑/k", "up", "up", "k"),
	Down:     b("↓/j", "down", "down", "j"),
	Left:     b("←/h", "left", "left", "h"),
	Right:    b("→/l", "right", "right", "l"),
	PageUp:   b("pgup", "page up", "pgup", "ctrl+b"),
	PageDown: b("pgdn", "page down", "pgdown", "ctrl+f"),
	Top:      b("home", "top", "home"),
	Bottom:   b("end/G", "bottom", "end", "G"),
	Select:   b("enter", "select", "enter"),
	Back:     b("esc", "back", "esc"),
	Filter:   b("/", "filter", "/"),
}

// InputMap is used while a text input has the focus.
type InputMap struct {
	Complete, Accept, Cancel key.Binding
}

// Input keys.
var Input = InputMap{
	Complete: b("tab", "complete", "tab"),
	Accept:   b("enter", "apply", "enter"),
	Cancel:   b("esc", "cancel", "esc"),
}

// FilterDone ends typing a filter and keeps it (enter, or an arrow key to
// go back to the list).
var FilterDone = b("enter/↑/↓", "keep filter", "enter", "up", "down")

// SchemaMap is the schemas screen.
type SchemaMap struct {
	Open, Toggle key.Binding
}

// Schema keys.
var Schema = SchemaMap{
	Open:   b("o", "open file", "o"),
	Toggle: b("space", "fold", " "),
}

// MapperMap is the mapper screen.
type MapperMap struct {
	Link, Accept, Reject, AcceptAll, Edit, Delete, Lookups, Suggest, Jump, OnError key.Binding
	// NextTarget / PrevTarget switch the target table being edited (a
	// mapping with several targets); Scope enters or leaves the array of
	// the selected source field (the target's each:).
	NextTarget, PrevTarget, Scope key.Binding
	// Ignore leaves the selected source field (ignore_source) or target
	// field (ignore_target) out on purpose, or takes it back.
	Ignore key.Binding
}

// Mapper keys.
var Mapper = MapperMap{
	Link:       b("enter", "select/link", "enter"),
	Accept:     b("a", "accept", "a"),
	Reject:     b("x", "reject", "x"),
	AcceptAll:  b("A", "accept all ≥ threshold", "A"),
	Edit:       b("e", "edit expr", "e"),
	Delete:     b("d", "delete rule", "d"),
	Lookups:    b("L", "lookup tables", "L"),
	Suggest:    b("S", "suggest", "S"),
	Jump:       b("g", "go to rule", "g"),
	OnError:    b("o", "on_error: reject → null → keep", "o"),
	NextTarget: b("t", "next target table", "t"),
	PrevTarget: b("T", "prev target table", "T"),
	Scope:      b("i", "enter/leave the field's array (each)", "i"),
	Ignore:     b("-", "leave the field out on purpose / back", "-"),
}

// TableEditMap is the lookup table editor.
type TableEditMap struct {
	Add, Delete, Edit, NewTable, NextTable, PrevTable, Close key.Binding
}

// TableEdit keys.
var TableEdit = TableEditMap{
	Add:       b("n", "add", "n"),
	Delete:    b("d", "delete", "d"),
	Edit:      b("enter", "edit", "enter"),
	NewTable:  b("N", "new table", "N"),
	NextTable: b("tab", "next table", "tab", "right", "l"),
	PrevTable: b("shift+tab", "prev table", "shift+tab", "left", "h"),
	Close:     b("esc", "close", "esc", "L"),
}

// SynthMap is the generate screen.
type SynthMap struct {
	Edit, Start, SaveData, Tables key.Binding
}

// Synth keys.
var Synth = SynthMap{
	Edit:     b("enter", "edit", "enter"),
	Start:    b("r", "generate", "r"),
	SaveData: b("w", "write dataset", "w"),
	// Tables shows every table of the source's schema file and their
	// relationships; r there generates them all into a folder (#15.5).
	Tables: b("T", "all tables", "T"),
}

// SynthRowsMap is the Generate screen's rows pane: columns scroll
// sideways (a wide schema), a row opens in full.
type SynthRowsMap struct {
	Left, Right, Detail, Back key.Binding
}

// SynthRows keys.
var SynthRows = SynthRowsMap{
	Left:   b("←/h", "columns left", "left", "h"),
	Right:  b("→/l", "columns right", "right", "l"),
	Detail: b("enter", "the row in full", "enter"),
	Back:   b("esc", "back to the rows", "esc"),
}

// CancelJob stops background work in progress (a generate, a run).
var CancelJob = b("esc", "cancel", "esc")

// InspectMap is the run & inspect screen.
type InspectMap struct {
	Run, Failing, Jump, Load, Ack key.Binding
	// Detail shows the selected finding in full in the right pane;
	// AllRows lists every row the finding's kind hit on its field, not
	// only its examples.
	Detail, AllRows key.Binding
	// NewTest turns the selected row into a test of the mapping (its
	// source record as given, the current output as expect); Tests shows
	// the mapping's tests with pass/fail and a failing test's diff.
	NewTest, Tests key.Binding
}

// Inspect keys.
var Inspect = InspectMap{
	Run:     b("r", "run", "r"),
	Failing: b("f", "failing rows", "f"),
	Jump:    b("g", "go to rule", "g"),
	Load:    b("o", "load data", "o"),
	Ack:     b("K", "acknowledge finding", "K"),
	Detail:  b("d", "finding detail / record", "d"),
	AllRows: b("e", "every row of the finding", "e"),
	NewTest: b("n", "turn the row into a test", "n"),
	Tests:   b("t", "tests: pass/fail, diff", "t"),
}

// TestDraftMap edits a test made from a row before it is added.
type TestDraftMap struct {
	Add, Switch, Cancel key.Binding
}

// TestDraft keys.
var TestDraft = TestDraftMap{
	Add:    b("ctrl+s", "add the test", "ctrl+s"),
	Switch: b("tab", "name ↔ YAML", "tab", "shift+tab"),
	Cancel: b("esc", "cancel", "esc"),
}

// TestsMap is the Tests view of the Run screen.
type TestsMap struct {
	Run, Close key.Binding
}

// Tests keys.
var Tests = TestsMap{
	Run:   b("r", "run the tests", "r"),
	Close: b("t/esc", "back to the run", "t", "esc"),
}

// DiffMap is the drift screen.
type DiffMap struct {
	Open key.Binding
	// Demo compares the demo's source with its embedded next version.
	Demo key.Binding
	// Repoint adopts the new version and re-points the rules that read
	// (or write) a renamed field to its new name.
	Repoint key.Binding
}

// Diff keys.
var Diff = DiffMap{
	Open:    b("o", "open new version", "o"),
	Demo:    b("v", "demo: next version", "v"),
	Repoint: b("p", "adopt the version, re-point renamed fields", "p"),
}

// Confirm answers a question.
var (
	Yes = b("y", "yes", "y", "Y")
	No  = b("n", "no", "n", "N", "esc")
)

// QuitMap answers "Unsaved changes" when quitting.
type QuitMap struct {
	SaveQuit, Discard, Stay key.Binding
}

// QuitDialog keys.
var QuitDialog = QuitMap{
	SaveQuit: b("ctrl+s", "save and quit", "ctrl+s"),
	Discard:  b("y", "quit without saving", "y", "Y"),
	Stay:     b("n/esc", "stay", "n", "N", "esc"),
}

// HelpPageMap turns the pages of help (`?`) when it does not fit.
type HelpPageMap struct {
	Next, Prev key.Binding
}

// HelpPages keys.
var HelpPages = HelpPageMap{
	Next: b("→/pgdn", "next page", "right", "l", "pgdown", " "),
	Prev: b("←/pgup", "prev page", "left", "h", "pgup"),
}

// Name returns how help shows a binding's key ("enter", "↑/k"): the one
// way view text names a key.
func Name(b key.Binding) string { return b.Help().Key }

// Hint returns "KEY DESC" for a binding ("a accept"), as help shows it.
func Hint(b key.Binding) string { return b.Help().Key + " " + b.Help().Desc }

// Hints joins the hints of bindings with " · " ("a accept · x reject").
func Hints(bs ...key.Binding) string {
	out := ""
	for i, b := range bs {
		if i > 0 {
			out += " · "
		}
		out += Hint(b)
	}
	return out
}
