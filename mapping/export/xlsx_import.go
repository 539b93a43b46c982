package export

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
	"github.com/xuri/excelize/v2"
)

// ImportXLSXFile reads a mapping workbook from path; see ImportXLSX.
func ImportXLSXFile(path string) (*mapping.Mapping, error) {
	m, _, err := ImportXLSXFileNotes(path)
	return m, err
}

// ImportXLSXFileNotes reads a mapping workbook from path. Paths in the
// workbook (schemas, lookup files) are relative to the workbook's folder,
// as seam export --to xlsx -o writes them: the mapping's Path is set to a
// file beside the workbook, so that Save into another folder rewrites them.
// A lookup table kept in a file whose sheet was edited is written inline
// with the sheet's entries; notes say so (the file is left unchanged).
func ImportXLSXFileNotes(path string) (*mapping.Mapping, []string, error) {
	// A regular file, read whole up to the workbook bound, its cells
	// bounded before the workbook reader holds them (#20.6).
	data, err := guard.ReadUserFile(path, guard.MaxWorkbookBytes)
	if err != nil {
		return nil, nil, err
	}
	if err := guard.CheckXLSX(data); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	im, m, err := importXLSX(bytes.NewReader(data), path, filepath.Join(filepath.Dir(path), stem(path)+".seam.yaml"))
	if err != nil {
		return nil, nil, err
	}
	return m, im.notes, nil
}

// ImportXLSX reads a mapping workbook written by WriteXLSX (and edited by a
// person): the Mapping sheet's rules, the "Lookup NAME" sheets and the
// About sheet. Columns are found by their header, so reordered columns and
// extra columns are fine; the derived columns (target type, required,
// source type) and the Source, Target and Findings sheets are ignored.
// name is used in error messages. All problems are returned at once as a
// diag.List, each naming the sheet and cell ("Mapping!E7").
//
// A transform that does not parse is an error naming its cell. ImportXLSX
// has no folder to read lookup files from: a file-backed lookup whose
// sheet has entries is written inline (see ImportXLSXFileNotes).
func ImportXLSX(r io.Reader, name string) (*mapping.Mapping, error) {
	_, m, err := importXLSX(r, name, "")
	return m, err
}

func importXLSX(r io.Reader, name, mpath string) (*xlsxImporter, *mapping.Mapping, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable XLSX workbook: %w", name, err)
	}
	defer f.Close()
	im := &xlsxImporter{f: f, name: name, targetsSeen: map[string]bool{}}
	m := &mapping.Mapping{Seam: mapping.FormatVersion, Name: stem(name), Path: mpath}
	im.rules(m)
	lookupSheets := im.about(m)
	im.readTargets(m)
	im.lookups(m, lookupSheets)
	if im.errs.HasErrors() {
		return nil, nil, im.errs
	}
	return im, m, nil
}

type xlsxImporter struct {
	f     *excelize.File
	name  string
	errs  diag.List
	notes []string
	// targets listed on the About sheet (a mapping with several targets)
	targets     []*targetRef
	targetsSeen map[string]bool
}

// errAt records a problem at sheet!cell (col and row are 1-based).
func (im *xlsxImporter) errAt(sheet string, col, row int, format string, args ...any) {
	where := sheet
	if col > 0 && row > 0 {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		where = quoteSheet(sheet) + "!" + cell
	}
	im.errs.Add(diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: im.name}, Subject: where, Summary: fmt.Sprintf(format, args...)})
}

// quoteSheet quotes a sheet name the way spreadsheets do in references.
func quoteSheet(s string) string {
	if strings.ContainsAny(s, " '!-") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

// sheet finds a sheet by name, ignoring case.
func (im *xlsxImporter) sheet(want string) string {
	for _, s := range im.f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), want) {
			return s
		}
	}
	return ""
}

func (im *xlsxImporter) rows(sheet string) [][]string {
	rows, err := im.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		im.errAt(sheet, 0, 0, "cannot read sheet: %v", err)
		return nil
	}
	return rows
}

func (im *xlsxImporter) rules(m *mapping.Mapping) {
	sheet := im.sheet(SheetMapping)
	if sheet == "" {
		im.errs.Add(diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: im.name},
			Summary: fmt.Sprintf("no sheet named %q (sheets: %s); the rules live there", SheetMapping, strings.Join(im.f.GetSheetList(), ", "))})
		return
	}
	m.Rules = append(m.Rules, im.sheetRules(sheet)...)
}

// sheetRules reads the rules of a Mapping sheet.
func (im *xlsxImporter) sheetRules(sheet string) []*mapping.Rule {
	var out []*mapping.Rule
	rows := im.rows(sheet)
	hdr := 0
	for hdr < len(rows) && blankRow(rows[hdr]) {
		hdr++
	}
	if hdr == len(rows) {
		im.errAt(sheet, 0, 0, "sheet is empty; expected a header row with %q", mappingColumns[colTarget].header)
		return nil
	}
	idx, dup, dupName := matchHeaders(rows[hdr])
	if dup >= 0 {
		im.errAt(sheet, dup+1, hdr+1, "column %q appears twice", dupName)
	}
	if idx[colTarget] < 0 {
		im.errAt(sheet, 1, hdr+1, "header row has no %q column (found: %s)", mappingColumns[colTarget].header, strings.Join(rows[hdr], ", "))
		return nil
	}
	for i := hdr + 1; i < len(rows); i++ {
		row := rows[i]
		if blankRow(row) {
			continue
		}
		var cells [numCols]string
		for _, c := range mappingColumns {
			if j := idx[c.key]; j >= 0 && j < len(row) {
				cells[c.key] = row[j]
			}
		}
		r, probs := parseRule(cells)
		for _, p := range probs {
			col := idx[p.col]
			if col < 0 {
				col = idx[colTarget]
			}
			im.errAt(sheet, col+1, i+1, "%s", p.msg)
		}
		r.Pos = diag.Pos{File: im.name, Line: i + 1}
		out = append(out, r)
	}
	return out
}

// lookupRef is a lookup listed on the About sheet.
type lookupRef struct {
	name, sheet, file string
	// digest of the entries the sheet held when written (file lookups)
	digest string
	def    *string
	row    int
}

// about reads the About sheet into m and returns the lookups it lists.
func (im *xlsxImporter) about(m *mapping.Mapping) []*lookupRef {
	sheet := im.sheet(SheetAbout)
	if sheet == "" {
		return nil
	}
	var refs []*lookupRef
	byName := map[string]*lookupRef{}
	for i, row := range im.rows(sheet) {
		if i == 0 || blankRow(row) {
			continue
		}
		get := func(j int) string {
			if j < len(row) {
				return row[j]
			}
			return ""
		}
		key := strings.ToLower(strings.TrimSpace(get(0)))
		rn := i + 1
		switch key {
		case aboutSeam:
			v, err := strconv.Atoi(strings.TrimSpace(get(1)))
			if err != nil || v < 1 {
				im.errAt(sheet, 2, rn, "seam format version %q is not a positive integer", get(1))
			} else if v > mapping.FormatVersion {
				im.errAt(sheet, 2, rn, "seam format version %d is newer than this build reads (%d)", v, mapping.FormatVersion)
			} else {
				m.Seam = v
			}
		case aboutName:
			m.Name = strings.TrimSpace(get(1))
		case aboutSourceSchema:
			m.Source.Schema = strings.TrimSpace(get(1))
		case aboutSourceFP:
			m.Source.Fingerprint = strings.TrimSpace(get(1))
		case aboutTargetSchema:
			m.Target.Schema = strings.TrimSpace(get(1))
		case aboutTargetFP:
			m.Target.Fingerprint = strings.TrimSpace(get(1))
		case aboutSourceNow, aboutTargetNow:
			// informational only
		case aboutIgnore:
			if f := strings.TrimSpace(get(1)); f != "" {
				m.IgnoreSource = append(m.IgnoreSource, f)
			} else {
				im.errAt(sheet, 2, rn, "ignore_source row names no source field")
			}
		case aboutIgnoreTarget:
			if f := strings.TrimSpace(get(1)); f != "" {
				m.IgnoreTarget = append(m.IgnoreTarget, f)
			} else {
				im.errAt(sheet, 2, rn, "ignore_target row names no target field")
			}
		case aboutAck:
			a := &mapping.Ack{Kind: strings.TrimSpace(get(1)), Target: strings.TrimSpace(get(2)), By: get(3), Why: get(4), Pos: diag.Pos{File: im.name, Line: rn}}
			if a.Kind == "" {
				im.errAt(sheet, 2, rn, "acknowledged row has no finding kind")
			}
			m.Acknowledged = append(m.Acknowledged, a)
		case aboutLookup:
			ref := &lookupRef{name: strings.TrimSpace(get(1)), sheet: strings.TrimSpace(get(2)), file: strings.TrimSpace(get(3)), digest: strings.TrimSpace(get(4)), row: rn}
			switch {
			case ref.name == "":
				im.errAt(sheet, 2, rn, "lookup row has no table name")
			case byName[ref.name] != nil:
				im.errAt(sheet, 2, rn, "lookup %q is listed twice", ref.name)
			default:
				byName[ref.name] = ref
				refs = append(refs, ref)
			}
		case aboutLookupDefault:
			n := strings.TrimSpace(get(1))
			ref := byName[n]
			if ref == nil {
				im.errAt(sheet, 2, rn, "lookup default for %q, which no earlier lookup row lists", n)
				continue
			}
			d := get(2)
			ref.def = &d
		default:
			if im.aboutTargets(m, sheet, key, get, rn) {
				continue
			}
			im.errAt(sheet, 1, rn, "unknown key %q; expected one of seam, name, source schema, source fingerprint, target schema, target fingerprint, ignore_source, acknowledged, lookup, lookup default, target, target rows, join, join options", get(0))
		}
	}
	return refs
}

// lookups reads the lookup sheets: first those the About sheet lists (in
// its order), then any other "Lookup NAME" sheet a person added.
func (im *xlsxImporter) lookups(m *mapping.Mapping, refs []*lookupRef) {
	claimed := map[string]bool{}
	for _, ref := range refs {
		l := &mapping.Lookup{Name: ref.name, File: ref.file, Default: ref.def, Pos: diag.Pos{File: im.name, Line: ref.row}}
		if ref.file != "" && !im.confine(m, im.sheet(SheetAbout), 4, ref.row, fmt.Sprintf("lookup %q", ref.name), ref.file) {
			continue
		}
		sheet := ""
		if ref.sheet != "" {
			sheet = im.sheet(ref.sheet)
		}
		switch {
		case sheet != "":
			claimed[sheet] = true
			l.Entries = im.lookupEntries(sheet)
			if l.File != "" {
				im.fileLookup(m, l, sheet, ref.digest)
			}
		case ref.sheet != "" && ref.file == "":
			im.errAt(im.sheet(SheetAbout), 3, ref.row, "lookup %q names sheet %q, which the workbook lacks", ref.name, ref.sheet)
		}
		m.Lookups = append(m.Lookups, l)
	}
	for _, s := range im.f.GetSheetList() {
		if claimed[s] || len(s) <= len(LookupSheetPrefix) || !strings.EqualFold(s[:len(LookupSheetPrefix)], LookupSheetPrefix) {
			continue
		}
		name := strings.TrimSpace(s[len(LookupSheetPrefix):])
		if m.LookupNamed(name) != nil {
			im.errAt(s, 0, 0, "lookup %q is defined twice (this sheet and another)", name)
			continue
		}
		m.Lookups = append(m.Lookups, &mapping.Lookup{Name: name, Entries: im.lookupEntries(s), Pos: diag.Pos{File: im.name}})
	}
}

// confine refuses a lookup file named by the workbook that the mapping
// could not read: an absolute path or one outside the workbook's folder
// and the working directory, as the lookup's own loading would
// (mapping/FORMAT.md). The error names the cell and the reference, never
// the file's content. (Schema references are not checked here: they may
// rely on --allow-path, which import does not take; loading the mapping
// confines them.)
func (im *xlsxImporter) confine(m *mapping.Mapping, sheet string, col, row int, what, ref string) bool {
	if ref == "" {
		return true
	}
	file, _ := schemaFile(ref)
	var dirs []string
	if m.Path != "" {
		dirs = append(dirs, filepath.Dir(m.Path))
	}
	if err := guard.NewRoots(dirs...).Check(m.Path, file); err != nil {
		im.errAt(sheet, col, row, "%s: %v", what, err)
		return false
	}
	return true
}

// schemaFile is the file part of a schema reference (FILE#SELECTOR).
func schemaFile(ref string) (string, string) {
	if i := strings.LastIndexByte(ref, '#'); i > 0 {
		return ref[:i], ref[i+1:]
	}
	return ref, ""
}

// fileLookup keeps a lookup's file when its sheet is unedited (it holds
// what the export wrote, by the digest on the About sheet) or holds the
// file's entries; otherwise the sheet's entries become the inline table
// and a note says so. Edits are never dropped; the file is never written.
func (im *xlsxImporter) fileLookup(m *mapping.Mapping, l *mapping.Lookup, sheet, digest string) {
	probe := &mapping.Mapping{Path: m.Path, Lookups: []*mapping.Lookup{{Name: l.Name, File: l.File}}}
	why := ""
	switch {
	case digest != "" && digest == entriesDigest(l.Entries):
		return
	case digest != "":
		why = "the sheet was edited after the export"
	case m.Path == "":
		why = "the workbook's folder is unknown, so " + l.File + " cannot be compared"
	case probe.LoadLookupFiles() != nil:
		why = l.File + " cannot be read to compare"
	case !slices.Equal(probe.Lookups[0].Entries, l.Entries):
		why = "the sheet's entries differ from " + l.File
	}
	if why == "" {
		return
	}
	im.notes = append(im.notes, fmt.Sprintf("%s: lookup %q: %s; the sheet %q is written inline (%s is left as it is)", im.name, l.Name, why, sheet, l.File))
	l.File = ""
}

func (im *xlsxImporter) lookupEntries(sheet string) []mapping.LookupEntry {
	rows := im.rows(sheet)
	var out []mapping.LookupEntry
	seen := map[string]int{}
	for i, row := range rows {
		if i == 0 {
			if len(row) < 2 || normHeader(row[0]) != "key" || normHeader(row[1]) != "value" {
				im.errAt(sheet, 1, 1, "expected a header row Key, Value")
				return nil
			}
			continue
		}
		if blankRow(row) {
			continue
		}
		for j := 2; j < len(row); j++ {
			if strings.TrimSpace(row[j]) != "" {
				im.errAt(sheet, j+1, i+1, "a lookup table has two columns, Key and Value; this cell is beyond them")
			}
		}
		e := mapping.LookupEntry{Key: row[0]}
		if len(row) > 1 {
			e.Value = row[1]
		}
		if prev, ok := seen[e.Key]; ok {
			im.errAt(sheet, 1, i+1, "key %q repeats the key of row %d", e.Key, prev)
			continue
		}
		seen[e.Key] = i + 1
		out = append(out, e)
	}
	return out
}

// stem is a file name without folder and extension.
func stem(name string) string {
	b := filepath.Base(name)
	if i := strings.Index(b, "."); i > 0 {
		b = b[:i]
	}
	return b
}

// RelativeTo returns a copy of m whose relative paths (schemas, lookup
// files) are relative to the folder of path instead of m's own folder: a
// workbook written to path names the files the mapping names, and
// ImportXLSXFileNotes reads them back relative to the workbook.
func RelativeTo(m *mapping.Mapping, path string) *mapping.Mapping {
	c := *m
	if m.Path == "" || path == "" {
		return &c
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return &c
	}
	move := func(ref string) string {
		if ref == "" || filepath.IsAbs(ref) {
			return ref
		}
		file, sel, hasSel := strings.Cut(ref, "#")
		abs, err := filepath.Abs(m.Resolve(file))
		if err != nil {
			return ref
		}
		rel, err := filepath.Rel(dir, abs)
		if err != nil {
			return ref
		}
		rel = filepath.ToSlash(rel)
		if hasSel {
			rel += "#" + sel
		}
		return rel
	}
	c.Source.Schema = move(m.Source.Schema)
	c.Target.Schema = move(m.Target.Schema)
	c.Lookups = make([]*mapping.Lookup, len(m.Lookups))
	for i, l := range m.Lookups {
		lc := *l
		lc.File = move(l.File)
		c.Lookups[i] = &lc
	}
	c.Extra = make([]*mapping.Target, len(m.Extra))
	for i, t := range m.Extra {
		tc := *t
		tc.Schema.Schema = move(t.Schema.Schema)
		c.Extra[i] = &tc
	}
	c.Joins = make([]*mapping.Join, len(m.Joins))
	for i, j := range m.Joins {
		jc := *j
		jc.Schema, jc.Data = move(j.Schema), move(j.Data)
		c.Joins[i] = &jc
	}
	c.Path = filepath.Join(filepath.Dir(path), filepath.Base(m.Path))
	return &c
}
