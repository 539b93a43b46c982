// Package tui is seam's terminal UI: a root model over five screens
// (schemas, mapper, generate, run & inspect, drift) built on Bubble Tea v1.
// Run starts the program; New builds the root model for tests.
package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/demo"
	"github.com/seamhq/seam/tui/theme"
)

// Options says what the TUI opens. With nothing set (or Demo) it opens
// the embedded demo.
type Options struct {
	Source, Target, Mapping string
	Demo                    bool
	// AllowPaths are folders, besides the mapping's own folder and the
	// working directory, that files named inside the mapping may be read
	// from (`--allow-path`).
	AllowPaths []string
	// RecoverDir is the folder of recovery files (see DefaultRecoverDir,
	// which Run uses when it is empty); New keeps none when it is empty.
	RecoverDir string
}

// New loads what opts names and returns the root model.
func New(opts Options) (tea.Model, error) {
	s, err := newSession(opts)
	if err != nil {
		return nil, err
	}
	m := newModel(s)
	m.keepRecovery(opts)
	return m, nil
}

// Run runs the TUI in the alternate screen with the mouse on until the
// user quits or ctx is done. Background work (generate, run, load ...)
// runs under a context derived from ctx and is cancelled when Run
// returns. A panic is recovered, the terminal restored and the panic
// returned as an error.
func Run(ctx context.Context, opts Options) (err error) {
	theme.Setup()
	s, err := newSession(opts)
	if err != nil {
		return err
	}
	if opts.RecoverDir == "" {
		opts.RecoverDir = DefaultRecoverDir()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(UIProcs()))
	work, stop := context.WithCancel(ctx)
	defer stop()
	s.Ctx = work
	m := newModel(s)
	m.statusTTL = StatusTTL
	m.keepRecovery(opts)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx))
	defer func() {
		if r := recover(); r != nil {
			_ = p.ReleaseTerminal()
			err = fmt.Errorf("seam tui: internal error: %v\n%s", r, debug.Stack())
		}
		// Whatever ended the program (a quit, a signal, a panic), the
		// recovery file gets the last unsaved changes or goes.
		if ferr := m.Finish(); ferr != nil && err == nil {
			err = ferr
		}
	}()
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// UIProcs is the GOMAXPROCS the TUI runs with: one more than Go's default.
// Background work (backend.Workers) uses at most one goroutine fewer than
// there are CPUs, so the UI goroutine finds a free processor at once
// instead of waiting up to Go's 10 ms preemption of a busy one: keys
// answer within a frame while a run or a generation goes on (#14.14).
func UIProcs() int { return runtime.GOMAXPROCS(0) + 1 }

func newSession(opts Options) (*common.Session, error) {
	s := &common.Session{Eng: backend.New()}
	if opts.Demo || (opts.Source == "" && opts.Target == "" && opts.Mapping == "") {
		return demoSession(s)
	}
	var m *mapping.Mapping
	if opts.Mapping != "" {
		var err error
		if m, err = mapping.LoadWith(opts.Mapping, mapping.LoadOptions{AllowPaths: opts.AllowPaths}); err != nil {
			if !os.IsNotExist(errors.Unwrap(err)) && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			if opts.Source == "" && opts.Target == "" {
				// Nothing to start a mapping from: a mistyped name, not a
				// new mapping (an empty session would hide the mistake).
				return nil, fmt.Errorf("%s: no such file (to start a new mapping there, name its schemas with --source and --target)", opts.Mapping)
			}
			// A new mapping file of the schemas named: created on the
			// first save.
			m = nil
		}
		s.SavePath = opts.Mapping
	}
	if m == nil {
		name := "mapping"
		if opts.Mapping != "" {
			name = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(opts.Mapping), ".yaml"), ".seam")
		}
		m = &mapping.Mapping{Seam: mapping.FormatVersion, Name: name, Path: opts.Mapping}
	}
	m.AllowPaths = append(m.AllowPaths, opts.AllowPaths...)
	// Schemas the user names here may be anywhere: their folders become
	// roots of this session's mapping.
	for _, ref := range []string{opts.Source, opts.Target} {
		if ref != "" {
			file, _ := schema.SplitRef(ref)
			m.AllowPaths = append(m.AllowPaths, filepath.Dir(file))
		}
	}
	var err error
	if s.Src, err = openSide(m, &m.Source, opts.Source, "source"); err != nil {
		return nil, err
	}
	if s.Dst, err = openSide(m, &m.Target, opts.Target, "target"); err != nil {
		return nil, err
	}
	s.Mapping = m
	if err := s.OpenTargets(); err != nil {
		return nil, err
	}
	// Build the path indexes before commands read them concurrently.
	for _, sc := range append([]*schema.Schema{s.Src, s.Dst}, s.Targets...) {
		if sc != nil {
			sc.Reindex()
		}
	}
	return s, nil
}

// openSide loads one side's schema: the file the user named (which the
// mapping then points at), else the one the mapping names, else none.
func openSide(m *mapping.Mapping, ref *mapping.SchemaRef, named, side string) (*schema.Schema, error) {
	switch {
	case named != "":
		sc, err := schema.Load(named, schema.Options{})
		if err == nil {
			ref.Schema = mapping.RefFrom(m.Path, named)
		}
		return sc, err
	case ref.Schema != "":
		sc, err := m.LoadSchemaRef(ref.Schema, schema.Options{})
		if err != nil {
			return nil, fmt.Errorf("%s schema of %s: %w", side, m.Path, err)
		}
		return sc, nil
	}
	return nil, nil
}

// demoSession opens the embedded demo.
func demoSession(s *common.Session) (*common.Session, error) {
	m, src, dst, err := demo.Load()
	if err != nil {
		return nil, err
	}
	s.Mapping, s.Src, s.Dst = m, src, dst
	s.Demo = true
	s.SavePath = "./" + demo.MappingFile
	return s, nil
}
