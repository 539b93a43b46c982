package tui

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
)

// Recovery files, like vim's swap files: a moment after each change the
// mapping being edited is written, atomically, to
// <user cache dir>/seam/recover/<key>.seam.yaml, where key is "demo" or a
// hash of the mapping's absolute path (of the two schemas' for a mapping
// never saved). A clean save or quit removes it; a killed terminal leaves
// it, and the next start on the same files offers it.

// recoverDelay is how long after a change the recovery file is written.
const recoverDelay = 500 * time.Millisecond

// DefaultRecoverDir is where Run keeps recovery files:
// os.UserCacheDir()/seam/recover ("" when there is no cache dir).
func DefaultRecoverDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "seam", "recover")
}

// recoverPath names the recovery file of a session in dir.
func recoverPath(dir string, opts Options, demo bool) string {
	if dir == "" {
		return ""
	}
	if demo {
		return filepath.Join(dir, "demo.seam.yaml")
	}
	key := "mapping\x00" + absPath(opts.Mapping)
	if opts.Mapping == "" {
		key = "schemas\x00" + absPath(opts.Source) + "\x00" + absPath(opts.Target)
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".seam.yaml")
}

func absPath(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// Recovery is a mapping found in a recovery file at start: the session
// offers it before anything else.
type Recovery struct {
	Mapping  *mapping.Mapping
	Src, Dst *schema.Schema
	// Time is when the file was last written.
	Time time.Time
}

// readRecovery reads the recovery file of a session whose mapping is cur:
// the file is parsed as if it were the mapping file itself (references
// resolve from its folder), its lookup files read, and the schemas it
// names loaded when they are not the ones cur names. No file is not an
// error (nil, nil).
func readRecovery(path string, cur *mapping.Mapping) (*Recovery, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > 64<<20 {
		return nil, fmt.Errorf("recovery file %s: not a regular file under 64 MiB", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := mapping.Parse(cur.Path, data)
	if err != nil {
		return nil, fmt.Errorf("recovery file %s: %w", path, err)
	}
	m.Path = cur.Path
	m.AllowPaths = append([]string(nil), cur.AllowPaths...)
	if err := m.LoadLookupFiles(); err != nil {
		return nil, fmt.Errorf("recovery file %s: %w", path, err)
	}
	rec := &Recovery{Mapping: m, Time: st.ModTime()}
	if m.Source.Schema != "" && m.Source.Schema != cur.Source.Schema {
		if rec.Src, err = m.LoadSchemaRef(m.Source.Schema, schema.Options{}); err != nil {
			return nil, fmt.Errorf("recovery file %s: source schema: %w", path, err)
		}
	}
	if m.Target.Schema != "" && m.Target.Schema != cur.Target.Schema {
		if rec.Dst, err = m.LoadSchemaRef(m.Target.Schema, schema.Options{}); err != nil {
			return nil, fmt.Errorf("recovery file %s: target schema: %w", path, err)
		}
	}
	for _, sc := range []*schema.Schema{rec.Src, rec.Dst} {
		if sc != nil {
			sc.Reindex()
		}
	}
	return rec, nil
}

// keepRecovery sets up the session's recovery file in opts.RecoverDir and
// offers the one a killed session left. A file that cannot be read is
// reported in the status line and left alone.
func (m *model) keepRecovery(opts Options) {
	path := recoverPath(opts.RecoverDir, opts, m.s.Demo)
	if path == "" {
		return
	}
	m.rec = &recorder{path: path, wrote: -1}
	m.recSeen, m.recDelay = m.s.Version, recoverDelay
	r, err := readRecovery(path, m.s.Mapping)
	switch {
	case err != nil:
		m.status, m.statusErr = oneLine(err.Error()), true
	case r != nil:
		m.recovery = r
	}
}

// recorder writes and removes one session's recovery file. Writes run in
// commands; the version keeps an older write from landing after a newer
// one.
type recorder struct {
	path string
	mu   sync.Mutex
	// wrote is the session version last written (-1 after a removal).
	wrote int
}

// recoverTickMsg fires recoverDelay after a change to the mapping.
type recoverTickMsg struct{ version int }

// recoverErrMsg reports a recovery file that could not be written.
type recoverErrMsg struct{ err error }

// write writes m (a clone the caller no longer touches) as version.
func (r *recorder) write(m *mapping.Mapping, version int) error {
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if version <= r.wrote {
		return nil
	}
	if err := writeAtomic(r.path, data); err != nil {
		return fmt.Errorf("recovery file: %w", err)
	}
	r.wrote = version
	return nil
}

// remove deletes the recovery file; later writes of older versions are
// dropped.
func (r *recorder) remove(version int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.wrote = max(r.wrote, version)
	_ = os.Remove(r.path)
}

// writeAtomic writes data to path through a temporary file in the same
// folder (created 0700), readable by the user only.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".recover-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// recoverAfterChange schedules a write when the mapping changed since the
// last look.
func (m *model) recoverAfterChange() tea.Cmd {
	if m.rec == nil || m.s.Version == m.recSeen {
		return nil
	}
	m.recSeen = m.s.Version
	v := m.s.Version
	return tea.Tick(m.recDelay, func(time.Time) tea.Msg { return recoverTickMsg{version: v} })
}

// recoverTick writes the recovery file when no change came since the tick
// was scheduled, or removes it when the session is clean again (undone to
// the saved state).
func (m *model) recoverTick(msg recoverTickMsg) tea.Cmd {
	if m.rec == nil || msg.version != m.s.Version || m.recovery != nil {
		return nil
	}
	if !m.s.Dirty {
		return m.dropRecovery()
	}
	rec, v := m.rec, m.s.Version
	mp := m.s.Mapping.Clone()
	return func() tea.Msg {
		if err := rec.write(mp, v); err != nil {
			return recoverErrMsg{err}
		}
		return nil
	}
}

// dropRecovery removes the recovery file (none kept: nil).
func (m *model) dropRecovery() tea.Cmd {
	if m.rec == nil {
		return nil
	}
	rec, v := m.rec, m.s.Version
	return func() tea.Msg { rec.remove(v); return nil }
}

// answerRecovery applies (yes) or drops the mapping of the recovery file.
func (m *model) answerRecovery(yes bool) tea.Cmd {
	r := m.recovery
	m.recovery = nil
	if !yes {
		return tea.Batch(m.dropRecovery(), common.Status("recovery file discarded"))
	}
	m.s.Do("recover unsaved changes", func(cur *mapping.Mapping) { *cur = *r.Mapping })
	if r.Src != nil {
		m.s.Src = r.Src
	}
	if r.Dst != nil {
		m.s.Dst = r.Dst
	}
	return tea.Batch(m.changed(), common.Status("recovered the changes of %s (%s undoes)", r.Time.Format("15:04"), keys.Name(keys.Global.Undo)))
}

// Finish ends a session after the program stops: with unsaved changes
// (not discarded with the quit dialog) the recovery file gets the last of
// them; otherwise it is removed. An unanswered recovery question keeps
// the file as it was.
func (m *model) Finish() error {
	if m.rec == nil || m.recovery != nil {
		return nil
	}
	if m.s.Dirty && !m.discarded {
		return m.rec.write(m.s.Mapping.Clone(), m.s.Version)
	}
	m.rec.remove(m.s.Version)
	return nil
}
