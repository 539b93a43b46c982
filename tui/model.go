package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/demo"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/screens/diff"
	"github.com/seamhq/seam/tui/screens/inspect"
	"github.com/seamhq/seam/tui/screens/mapper"
	schemascreen "github.com/seamhq/seam/tui/screens/schema"
	"github.com/seamhq/seam/tui/screens/synth"
	"github.com/seamhq/seam/tui/widgets"
)

// model is the root model: it owns the window size, the screens, key
// routing, the status line, the command palette, help and the quit dialog.
type model struct {
	s       *common.Session
	screens []common.Screen
	schemas *schemascreen.Model
	mapper  *mapper.Model
	synth   *synth.Model
	inspect *inspect.Model
	drift   *diff.Model
	active  int
	w, h    int

	help      help.Model
	showHelp  bool
	helpPage  int
	status    string
	statusErr bool
	// statusTTL is how long a status message stays (an error twice as
	// long); 0 keeps it until the next one (New, for tests). statusSeq
	// numbers the messages so that only the newest expires.
	statusTTL time.Duration
	statusSeq int

	palette     *palette
	confirmQuit bool
	saveAs      *widgets.PathInput
	quitAfter   bool
	// saveJob writes the mapping in the background.
	saveJob common.Job

	// rec keeps the recovery file (nil: none); recSeen is the session
	// version last scheduled for writing, recDelay the wait after a change.
	rec      *recorder
	recSeen  int
	recDelay time.Duration
	// recovery is a recovery file found at start, until answered.
	recovery *Recovery
	// discarded is set when the user quit without saving on purpose.
	discarded bool
}

func newModel(s *common.Session) *model {
	m := &model{s: s, help: help.New(), w: 80, h: 24}
	m.schemas = schemascreen.New(s)
	m.mapper = mapper.New(s)
	m.synth = synth.New(s)
	m.inspect = inspect.New(s)
	m.drift = diff.New(s)
	m.screens = []common.Screen{m.schemas, m.mapper, m.synth, m.inspect, m.drift}
	m.active = common.ScreenMapper
	if s.Src == nil || s.Dst == nil {
		m.active = common.ScreenSchemas
	}
	sk := keys.Global.Screens()
	m.status = fmt.Sprintf("welcome: %s · %s · %s-%s screens", keys.Hint(keys.Global.Help), keys.Hint(keys.Global.Palette),
		keys.Name(sk[0]), keys.Name(sk[len(sk)-1]))
	if s.Demo {
		link := keys.Name(keys.Mapper.Link)
		m.status = fmt.Sprintf("demo: link email (%s, %s), accept a suggestion (%s), fix is_deleted (%s), run (%s, %s) · %s",
			link, link, keys.Name(keys.Mapper.Accept), keys.Name(keys.Mapper.Edit), keys.Name(keys.Global.Screen4),
			keys.Name(keys.Inspect.Run), keys.Hint(keys.Global.Help))
	}
	m.resize()
	return m
}

// Init starts every screen.
func (m *model) Init() tea.Cmd {
	var cmds []tea.Cmd
	for _, sc := range m.screens {
		cmds = append(cmds, sc.Init())
	}
	return tea.Batch(cmds...)
}

func (m *model) bodyHeight() int { return m.h - 3 }

func (m *model) resize() {
	m.help.Width = m.w
	for _, sc := range m.screens {
		sc.SetSize(m.w, m.bodyHeight())
	}
}

// Update routes messages: size to everyone; keys to the quit dialog, the
// palette, help or a capturing screen first, then global keys, then the
// active screen; every other message to all screens.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyRunes && len(k.Runes) > 1 && !k.Paste {
		// Bubble Tea v1 delivers the printable keys of one read as one
		// message ("jjj"), which no binding matches: each is a key press
		// of its own, handled in order (#14.15). A bracketed paste stays
		// whole for the input that takes it.
		cmds := make([]tea.Cmd, len(k.Runes))
		for i, r := range k.Runes {
			one := k
			one.Runes = []rune{r}
			cmds[i] = m.update(one)
		}
		cmd = tea.Batch(cmds...)
	} else {
		cmd = m.update(msg)
	}
	if rc := m.recoverAfterChange(); rc != nil {
		cmd = tea.Batch(cmd, rc)
	}
	return m, cmd
}

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case recoverTickMsg:
		return m.recoverTick(msg)
	case recoverErrMsg:
		m.status, m.statusErr = oneLine(msg.err.Error()), true
		return nil
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.resize()
		return nil
	case common.StatusMsg:
		m.status, m.statusErr = oneLine(msg.Text), msg.Err
		return m.expireStatus()
	case statusExpiredMsg:
		if msg.seq == m.statusSeq {
			m.status, m.statusErr = "", false
		}
		return nil
	case common.SwitchScreenMsg:
		m.active = msg.Screen
		return nil
	case common.CommandMsg:
		return m.command(msg)
	case savedMsg:
		return m.saved(msg)
	case common.JumpToRuleMsg:
		m.active = common.ScreenMapper
		return m.mapper.Update(msg)
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	}
	if pc, ok := msg.(widgets.PathCompletedMsg); ok && m.saveAs != nil {
		return m.saveAs.Update(pc)
	}
	cmds := []tea.Cmd{m.saveJob.Update(msg)}
	for _, sc := range m.screens {
		cmds = append(cmds, sc.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (m *model) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, keys.Global.ForceQuit) {
		// With unsaved changes, or input not applied yet (a test draft,
		// an expression being edited, a dialog), ctrl+c asks like q, from
		// anywhere; a second one quits (the recovery file keeps the
		// changes).
		if (m.s.Dirty || m.screens[m.active].Capturing()) && !m.confirmQuit && m.recovery == nil {
			m.confirmQuit = true
			return nil
		}
		return tea.Quit
	}
	switch {
	case m.recovery != nil:
		switch {
		case key.Matches(msg, keys.Yes):
			return m.answerRecovery(true)
		case key.Matches(msg, keys.No):
			return m.answerRecovery(false)
		}
		return nil
	case m.confirmQuit:
		switch {
		case !m.s.Dirty && !key.Matches(msg, keys.QuitDialog.Stay):
			// only input not applied yet: stay, or ctrl+c again
		case key.Matches(msg, keys.QuitDialog.Discard):
			m.discarded = true
			return tea.Quit
		case key.Matches(msg, keys.QuitDialog.SaveQuit):
			m.confirmQuit = false
			m.quitAfter = true
			return m.save("")
		case key.Matches(msg, keys.QuitDialog.Stay):
			m.confirmQuit = false
		}
		return nil
	case m.saveAs != nil:
		if key.Matches(msg, keys.Input.Cancel) {
			m.quitAfter = false
		}
		return widgets.PromptKey(&m.saveAs, msg, m.saveTo)
	case m.palette != nil:
		cmd, done := m.palette.update(msg)
		if done {
			m.palette = nil
		}
		return cmd
	case m.showHelp:
		m.helpKey(msg)
		return nil
	}
	sc := m.screens[m.active]
	if sc.Capturing() {
		return sc.Update(msg)
	}
	switch {
	case key.Matches(msg, keys.Global.Quit):
		if m.s.Dirty {
			m.confirmQuit = true
			return nil
		}
		return tea.Quit
	case key.Matches(msg, keys.Global.Help):
		m.openHelp()
		return nil
	case key.Matches(msg, keys.Global.Palette):
		m.palette = newPalette()
		return nil
	case key.Matches(msg, keys.Global.Save):
		return m.save("")
	case key.Matches(msg, keys.Global.Undo):
		if label, ok := m.s.Undo(); ok {
			return tea.Batch(m.changed(), common.Status("undid: %s", label))
		}
		return common.Status("nothing to undo")
	case key.Matches(msg, keys.Global.Redo):
		if label, ok := m.s.Redo(); ok {
			return tea.Batch(m.changed(), common.Status("redid: %s", label))
		}
		return common.Status("nothing to redo")
	}
	for i, b := range keys.Global.Screens() {
		if key.Matches(msg, b) {
			m.active = i
			return nil
		}
	}
	return sc.Update(msg)
}

// changed tells every screen at once that the mapping was replaced (undo,
// redo), so that no screen draws the old one.
func (m *model) changed() tea.Cmd {
	cmds := make([]tea.Cmd, len(m.screens))
	for i, sc := range m.screens {
		cmds[i] = sc.Update(common.MappingChangedMsg{})
	}
	return tea.Batch(cmds...)
}

// mouse: a click on the tab bar switches screens; everything else goes to
// the active screen with Y relative to its body.
func (m *model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.palette != nil || m.confirmQuit || m.saveAs != nil || m.recovery != nil {
		return nil
	}
	if msg.Y == 0 {
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
			if i := m.tabAt(msg.X); i >= 0 {
				m.active = i
			}
		}
		return nil
	}
	if msg.Y > m.bodyHeight() {
		return nil
	}
	msg.Y--
	return m.screens[m.active].Update(msg)
}

func (m *model) command(c common.CommandMsg) tea.Cmd {
	switch c.Name {
	case "open source", "open target":
		side := schemascreen.Source
		if c.Name == "open target" {
			side = schemascreen.Target
		}
		m.active = common.ScreenSchemas
		m.schemas.OpenPrompt(side)
		if c.Arg != "" {
			return m.schemas.Open(side, c.Arg)
		}
	case "save":
		return m.save(c.Arg)
	case "run":
		m.active = common.ScreenRun
		return m.inspect.Run()
	case "generate":
		m.active = common.ScreenGenerate
		return m.synth.Start()
	case "suggest":
		m.active = common.ScreenMapper
		return m.mapper.Suggest()
	case "threshold":
		var t float64
		if _, err := fmt.Sscanf(c.Arg, "%g", &t); err != nil || t < 0 || t > 1 {
			return common.Errorf("threshold: expected a number between 0 and 1, got %q", c.Arg)
		}
		m.mapper.Threshold = t
		return common.Status("A accepts suggestions with confidence ≥ %.2f", t)
	case "lookups":
		m.active = common.ScreenMapper
		m.mapper.OpenLookups()
	case "drift":
		m.active = common.ScreenDrift
	case "help":
		m.openHelp()
	case "quit":
		if m.s.Dirty {
			m.confirmQuit = true
			return nil
		}
		return tea.Quit
	}
	return nil
}

// save writes the mapping; the demo (and a mapping never saved) asks for a
// path first, defaulting to ./demo.seam.yaml.
func (m *model) save(path string) tea.Cmd {
	if path != "" {
		return m.saveTo(path)
	}
	if m.s.Demo && !m.s.SavedOnce || m.s.SavePath == "" {
		def := m.s.SavePath
		if def == "" {
			def = "./" + m.s.Mapping.Name + ".seam.yaml"
		}
		m.saveAs = widgets.NewPathInput("save as: ", def)
		return nil
	}
	return m.saveTo(m.s.SavePath)
}

type savedMsg struct {
	path    string
	version int
	wrote   []string
	err     error
}

func (m *model) saveTo(path string) tea.Cmd {
	if m.s.Eng == nil || m.s.Mapping == nil {
		return common.Errorf("save: nothing to save")
	}
	ver := m.s.Version
	mp := m.s.Mapping.Clone()
	isDemo := m.s.Demo
	if !isDemo {
		// Schema references follow the file to its new folder.
		mp.Rebase(path)
	}
	mp.Path = path
	m.s.SetFingerprints(mp)
	eng := m.s.Eng
	return m.saveJob.Start(m.s.Context(), 0, func(context.Context, func(int64)) tea.Msg {
		var wrote []string
		if isDemo {
			w, err := demo.WriteSchemas(filepath.Dir(path))
			if err != nil {
				return savedMsg{path: path, err: err}
			}
			wrote = w
		}
		err := eng.Save(mp, path)
		return savedMsg{path: path, version: ver, wrote: wrote, err: err}
	})
}

func (m *model) saved(msg savedMsg) tea.Cmd {
	after := m.quitAfter
	m.quitAfter = false
	if msg.err != nil {
		return common.Errorf("save failed, nothing was overwritten: %v", msg.err)
	}
	m.s.SavePath = msg.path
	m.s.SavedOnce = true
	if !m.s.Demo {
		m.s.Mapping.Rebase(msg.path)
	}
	m.s.Mapping.Path = msg.path
	m.s.SetFingerprints(m.s.Mapping)
	var drop tea.Cmd
	if msg.version == m.s.Version {
		m.s.MarkSaved()
		drop = m.dropRecovery()
	}
	if after {
		return tea.Quit
	}
	extra := ""
	if len(msg.wrote) > 0 {
		extra = " (with " + strings.Join(msg.wrote, ", ") + " beside it)"
	}
	return tea.Batch(drop, common.Status("saved %s%s", msg.path, extra))
}

// StatusTTL is how long a status message stays in the running TUI.
const StatusTTL = 8 * time.Second

type statusExpiredMsg struct{ seq int }

// expireStatus clears the status message after statusTTL (twice that for
// an error) unless another one replaced it.
func (m *model) expireStatus() tea.Cmd {
	m.statusSeq++
	if m.statusTTL <= 0 {
		return nil
	}
	ttl, seq := m.statusTTL, m.statusSeq
	if m.statusErr {
		ttl *= 2
	}
	return tea.Tick(ttl, func(time.Time) tea.Msg { return statusExpiredMsg{seq: seq} })
}
