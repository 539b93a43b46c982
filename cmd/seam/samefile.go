package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// distinctFiles refuses outputs that name the same file as another output
// or as an input (also through a symlink, a hard link, "./x" against "x"):
// writing one would destroy the other. Standard streams ("" and "-") and
// special files such as /dev/null are not checked.
func distinctFiles(inputs, outputs []flagPath) error {
	type seen struct{ flag, path string }
	var files []seen
	var infos []os.FileInfo
	add := func(flag, path string, isOut bool) error {
		if path == "" || path == "-" {
			return nil
		}
		canon := canonical(path)
		st, statErr := os.Stat(path)
		if statErr == nil && !st.Mode().IsRegular() {
			return nil
		}
		for i, f := range files {
			same := canonical(f.path) == canon
			if !same && statErr == nil && infos[i] != nil {
				same = os.SameFile(infos[i], st)
			}
			if same && isOut {
				return usagef("%s %s and %s %s name the same file; writing one would destroy the other", f.flag, f.path, flag, path)
			}
		}
		files = append(files, seen{flag, path})
		if statErr == nil {
			infos = append(infos, st)
		} else {
			infos = append(infos, nil)
		}
		return nil
	}
	for _, in := range inputs {
		if err := add(in[0], in[1], false); err != nil {
			return err
		}
	}
	for _, out := range outputs {
		if err := add(out[0], out[1], true); err != nil {
			return err
		}
	}
	return nil
}

// flagPath is a flag (or argument name) and the path it was given.
type flagPath [2]string

// canonical is path made absolute with every symlink in it resolved (the
// existing part of it, for a file not yet written).
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(d, filepath.Base(abs))
	}
	return abs
}

// mappingFiles are the files a loaded mapping reads, as inputs for
// distinctFiles: its source and target schema files, the files their
// fields were read from ($ref to another file) and its lookup files.
// src and dst may be nil (a command that does not load the schemas still
// names them, and the user's schema must not be overwritten).
func mappingFiles(m *mapping.Mapping, src, dst *schema.Schema) []flagPath {
	var out []flagPath
	if m.Source.Schema != "" {
		out = append(out, flagPath{"the mapping's source schema", fileOf(m.Resolve(m.Source.Schema))})
	}
	if m.Target.Schema != "" {
		out = append(out, flagPath{"the mapping's target schema", fileOf(m.Resolve(m.Target.Schema))})
	}
	for _, l := range m.Lookups {
		if l.File != "" {
			out = append(out, flagPath{"the mapping's lookup " + l.Name, m.Resolve(l.File)})
		}
	}
	for _, s := range []struct {
		what string
		s    *schema.Schema
	}{{"source", src}, {"target", dst}} {
		if s.s == nil {
			continue
		}
		seen := map[string]bool{}
		s.s.Walk(func(f *schema.Field) {
			file := f.Origin.File
			if file == "" || strings.HasPrefix(file, "<") || seen[file] {
				return
			}
			seen[file] = true
			out = append(out, flagPath{"a file of the mapping's " + s.what + " schema", file})
		})
	}
	return out
}
