package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
)

// parseJoinFlags turns --join NAME=FILE flags into a map.
func parseJoinFlags(flags []string) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range flags {
		name, file, ok := strings.Cut(f, "=")
		if !ok || name == "" || file == "" {
			return nil, usagef("--join %q: want NAME=FILE (a join of the mapping and its data file)", f)
		}
		if _, dup := out[name]; dup {
			return nil, usagef("--join %s is given twice", name)
		}
		out[name] = file
	}
	return out, nil
}

// compilePlan loads a mapping, its schemas (every target's and join's)
// and its joins' data, and compiles it into a Plan.
func compilePlan(e *env, m *mapping.Mapping, joinFiles map[string]string, maxJoinRows int, outs []flagPath) (*engine.Plan, error) {
	return compilePlanWith(e, m, joinFiles, engine.JoinLoadOptions{MaxRows: maxJoinRows}, outs)
}

// compilePlanWith is compilePlan with the joins loaded with lo (KeepFirst
// for --dataset: a repeated key is reported, not a stop).
func compilePlanWith(e *env, m *mapping.Mapping, joinFiles map[string]string, lo engine.JoinLoadOptions, outs []flagPath) (*engine.Plan, error) {
	for name := range joinFiles {
		if m.JoinNamed(name) == nil {
			return nil, usagef("--join %s: the mapping has no join of that name", name)
		}
	}
	ss, err := m.LoadAll(schemaOpts(e))
	if err != nil {
		return nil, usageErr(err)
	}
	files := mappingFiles(m, ss.Source, ss.Targets[0])
	for _, j := range m.Joins {
		if f := joinFiles[j.Name]; f != "" {
			files = append(files, flagPath{"the data of join " + j.Name, f})
		} else if j.Data != "" {
			files = append(files, flagPath{"the mapping's join " + j.Name + " data", m.Resolve(j.Data)})
		}
	}
	if err := distinctFiles(files, outs); err != nil {
		return nil, err
	}
	warnInactive(e, m)
	plan, diags := engine.CompilePlan(m, ss.Source, ss.Targets, ss.Joins)
	if err := printDiags(e, diags); err != nil {
		return nil, err
	}
	for _, j := range m.Joins {
		if err := loadJoinData(e, m, plan, j, joinFiles[j.Name], lo); err != nil {
			return nil, usageErr(err)
		}
	}
	return plan, nil
}

// loadJoinData reads one join's data: the --join file (the user's own
// path) or the mapping's data: (confined like every file a mapping names).
func loadJoinData(e *env, m *mapping.Mapping, plan *engine.Plan, j *mapping.Join, override string, lo engine.JoinLoadOptions) error {
	var rc io.ReadCloser
	path := override
	if override != "" {
		in, err := openInput(e, override)
		if err != nil {
			return fmt.Errorf("--join %s: %w", j.Name, err)
		}
		rc = in
	} else {
		f, p, err := m.OpenJoinData(j)
		if err != nil {
			return err
		}
		rc, path = f, p
	}
	defer rc.Close()
	return plan.ReadJoinWith(j.Name, rc, path, lo)
}

// runPlan is seam run for a mapping with several targets, an iteration or
// joins, or with --out-dir: one output (and one rejects file) per target.
func runPlan(ctx context.Context, o *runOptions, m *mapping.Mapping, limit maxRejects) error {
	views := m.Targets()
	if o.outDir == "" && len(views) > 1 {
		names := make([]string, len(views))
		for i, v := range views {
			names[i] = v.OutName()
		}
		return usagef("the mapping has %d targets (%s): write them with --out-dir DIR (one file per target), not -o", len(views), strings.Join(names, ", "))
	}
	if o.outDir != "" && (o.out != "" || o.rejects != "") {
		return usagef("--out-dir writes DIR/<target>.<format> and DIR/<target>.rejects.jsonl; leave out -o and --rejects")
	}
	joinFiles, err := parseJoinFlags(o.joins)
	if err != nil {
		return err
	}
	var ds *datasetFiles
	if o.dataset != "" {
		if ds, err = resolveDataset(o.dataset, m, joinFiles); err != nil {
			return err
		}
		joinFiles, o.input = ds.joins, ds.input
	}
	oFmt := o.outFormat
	if oFmt == "" && o.outDir != "" {
		oFmt = value.FormatCSV
	}
	if oFmt == "" && o.out != "" {
		oFmt = value.FormatFromPath(o.out)
	}
	book := oFmt == value.FormatXLSX && o.outDir != ""
	type pair struct{ out, rej string }
	paths := make([]pair, len(views))
	var outs []flagPath
	bookPath := ""
	if book {
		// XLSX: one workbook named after the mapping, a sheet per target.
		name := m.Name
		if name == "" {
			name = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(o.mapping), ".yaml"), ".seam")
		}
		bookPath = filepath.Join(o.outDir, name+".xlsx")
		outs = append(outs, flagPath{"the workbook", bookPath})
	}
	for i, v := range views {
		if o.outDir != "" {
			name := v.OutName()
			if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
				return usagef("target name %q cannot name a file in --out-dir", name)
			}
			paths[i] = pair{filepath.Join(o.outDir, name+"."+oFmt), filepath.Join(o.outDir, name+".rejects.jsonl")}
			if book {
				paths[i].out = ""
			}
		} else {
			paths[i] = pair{o.out, o.rejects}
		}
		if paths[i].out != "" || !book {
			outs = append(outs, flagPath{"the output of target " + v.OutName(), paths[i].out})
		}
		if paths[i].rej != "" {
			outs = append(outs, flagPath{"the rejects of target " + v.OutName(), paths[i].rej})
		}
	}
	if o.outDir != "" {
		if err := ensureDir(o.outDir); err != nil {
			return err
		}
	}
	if err := distinctFiles([]flagPath{{"--mapping", o.mapping}, {"--input", o.input}}, outs); err != nil {
		return err
	}
	plan, err := compilePlanWith(o.env, m, joinFiles, ds.joinLoad(o.maxJoinRows), outs)
	if err != nil {
		return err
	}
	warnDuplicates(o.stderr, plan)
	rd, in, oFmt, err := o.openInput(oFmt)
	if err != nil {
		return err
	}
	defer in.Close()
	files := &outputs{e: o.env}
	pouts := make([]engine.PlanOutput, len(views))
	var writers []value.RecordWriter
	var wb *value.XLSXBook
	if book {
		bw, err := files.open(bookPath, 1<<20)
		if err != nil {
			return err
		}
		wb = value.NewXLSXBook(bw)
	}
	for i, t := range plan.Targets() {
		var wr value.RecordWriter
		if wb != nil {
			wr, err = wb.Sheet(t.Name, t.Program.TargetKeys())
		} else {
			bw, oerr := files.open(paths[i].out, 1<<20)
			if oerr != nil {
				return oerr
			}
			wr, err = value.NewWriterWith(bw, oFmt, t.Program.TargetKeys(), value.WriterOptions{RawCSV: o.csvRaw})
		}
		if err != nil {
			files.abort()
			return usageErr(err)
		}
		writers = append(writers, wr)
		pouts[i].W = wr
		pouts[i].Rejects = io.Discard
		if paths[i].rej != "" {
			if pouts[i].Rejects, err = files.open(paths[i].rej, 4096); err != nil {
				return err
			}
		}
	}
	stop, opts := newRunStop(ctx, limit, o.workers)
	stats, runErr := engine.RunPlan(stop.runCtx, plan, rd, pouts, opts)
	for _, wr := range writers {
		if cerr := wr.Close(); runErr == nil {
			runErr = cerr
		}
	}
	if wb != nil {
		if cerr := wb.Close(); runErr == nil {
			runErr = cerr
		}
	}
	if ferr := files.flush(); runErr == nil {
		runErr = ferr
	}
	var sum engine.Stats
	for i, t := range plan.Targets() {
		st := stats.Targets[i]
		sum.Read += st.Read
		sum.Written += st.Written
		sum.Rejected += st.Rejected
		fmt.Fprintf(o.stderr, "%s: ", t.Name)
		printCounts(o.stderr, st)
	}
	notWritten := ""
	if o.outDir != "" {
		notWritten = "nothing was written to " + o.outDir + " (any previous files are kept)"
	}
	return stop.finish(o, files, sum, runErr, notWritten, o.outDir == "" && o.rejects == "")
}

// ensureDir makes the --out-dir folder (and its parents) when missing.
func ensureDir(dir string) error {
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return usagef("--out-dir %s: not a folder", dir)
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("--out-dir %s: cannot create it: %v", dir, unwrapPath(err))
	}
	return nil
}
