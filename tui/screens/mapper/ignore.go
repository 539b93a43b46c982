package mapper

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
)

// toggleIgnore leaves the selected field out on purpose, or takes it
// back, as one undoable change: a source field in ignore_source (no
// dropped_source), a target field in ignore_target (no unmapped_required,
// counted as covered by the required bar and the reports).
func (m *Model) toggleIgnore() tea.Cmd {
	if m.focus == paneRules {
		return common.Status("select a source or target field (%s) to leave it out on purpose", keys.Name(keys.Global.NextPane))
	}
	f, ok := m.fields(m.focus).Selected()
	if !ok || f == nil {
		return nil
	}
	if _, head := m.header(f); head {
		return common.Status("select a field of the target, not its header")
	}
	path := f.Path
	if m.focus == paneSource {
		on := !slices.Contains(m.s.Mapping.IgnoreSource, path)
		label := "leave source " + path + " out on purpose"
		if !on {
			label = "take source " + path + " back"
		}
		m.s.Do(label, func(mp *mapping.Mapping) { mp.IgnoreSource = toggle(mp.IgnoreSource, path, on) })
		return tea.Batch(common.Changed, common.Status("%s (ignore_source): %s undoes", label, keys.Name(keys.Global.Undo)))
	}
	// With several targets the active target's own ignore_target; the
	// mapping's holds in every target (taking a field back there takes it
	// back in every one).
	active := m.s.ActiveTarget()
	views := m.s.Mapping.Targets()
	view := views[min(active, len(views)-1)]
	on := !slices.Contains(view.IgnoredTargets(), path)
	if on && m.targetLinks()[path] == linkActive {
		return common.Status("a rule writes %s: delete it first (%s) to leave the field unmapped on purpose", path, keys.Name(keys.Mapper.Delete))
	}
	multi := m.s.Mapping.MultiTarget()
	label := "leave target " + path + " unmapped on purpose"
	switch {
	case on && multi:
		label += " in " + view.OutName()
	case !on && multi && slices.Contains(m.s.Mapping.IgnoreTarget, path):
		label = "take target " + path + " back in every target"
	case !on:
		label = "take target " + path + " back"
	}
	m.s.Do(label, func(mp *mapping.Mapping) {
		if !mp.MultiTarget() {
			mp.IgnoreTarget = toggle(mp.IgnoredTargets(), path, on)
			mp.OwnIgnoreTarget = nil
			return
		}
		own := &mp.OwnIgnoreTarget
		if active > 0 && active <= len(mp.Extra) {
			own = &mp.Extra[active-1].IgnoreTarget
		}
		*own = toggle(*own, path, on)
		if !on {
			mp.IgnoreTarget = toggle(mp.IgnoreTarget, path, false)
		}
	})
	return tea.Batch(common.Changed, common.Status("%s (ignore_target): %s undoes", label, keys.Name(keys.Global.Undo)))
}

// toggle adds path to list (on) or removes it, in a new slice.
func toggle(list []string, path string, on bool) []string {
	out := slices.DeleteFunc(slices.Clone(list), func(p string) bool { return p == path })
	if on {
		out = append(out, path)
	}
	return out
}

// targetMarks is what check says of the active target's fields, so that
// the Mapper's markers and required bar agree with the findings of a run:
// the fields a rule must write, those none writes yet, and those left
// unmapped on purpose.
type targetMarks struct {
	version, active int
	cov             check.Coverage
	required        map[string]bool
	unmapped        map[string]bool
	ignored         map[string]bool
}

// marks returns the active target's marks, computed once per change of
// the mapping.
func (m *Model) marks() *targetMarks {
	s := m.s
	if tm := m.tmarks; tm != nil && tm.version == s.Version && tm.active == s.ActiveTarget() {
		return tm
	}
	tm := &targetMarks{version: s.Version, active: s.ActiveTarget(),
		required: map[string]bool{}, unmapped: map[string]bool{}, ignored: map[string]bool{}}
	if s.Mapping != nil && s.Dst != nil {
		views := s.Mapping.Targets()
		view := views[min(s.ActiveTarget(), len(views)-1)]
		tm.cov = check.CoverageOf(view, s.Src, s.Dst)
		for _, p := range tm.cov.Required {
			tm.required[p] = true
		}
		for _, p := range tm.cov.RequiredUnmapped {
			tm.unmapped[p] = true
		}
		for _, p := range tm.cov.Ignored {
			tm.ignored[p] = true
		}
		for _, p := range view.IgnoredTargets() {
			tm.ignored[p] = true
		}
	}
	m.tmarks = tm
	return tm
}
