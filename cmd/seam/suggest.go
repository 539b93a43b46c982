package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/suggest"
	"github.com/seamhq/seam/mapping/value"
	"github.com/spf13/cobra"
)

// suggestOptions are the flags of seam suggest.
type suggestOptions struct {
	*env
	source, target, out        string
	sampleSource, sampleTarget string
	minConfidence              float64
	explain                    bool
}

func newSuggestCmd(e *env) *cobra.Command {
	o := &suggestOptions{env: e}
	cmd := &cobra.Command{
		Use:   "suggest --source S --target T [-o M] [--min-confidence X] [--explain]",
		Short: "Propose mapping rules with a confidence and the reasons",
		Long: `Score every (source, target) field pair on names (case and separators
folded, tokens, abbreviations, synonyms, Jaro-Winkler), context (parent path,
prefixes), descriptions, types and constraints, and data samples when given
(a CSV or TSV schema's own rows are its sample);
then assign one-to-one globally, propose splits and joins and the transform
they need, and abstain below --min-confidence.

Nothing is applied silently: rules are written with status: suggested, a
confidence and why. With -o naming an existing mapping, suggestions are merged
into it without touching accepted or rejected rules. --explain prints each
signal's contribution. The rules do nothing until accepted: seam accept.

Several targets: -t 'FILE#t1,t2' proposes a mapping with targets: (the
first table one row per source record; each further table from the source
array of objects that explains it best, with each: naming the array and
parent: the table its foreign key references, whose key it carries), or
one row per record when no array explains it.`,
		Example: `  seam suggest -s orders.schema.json -t 'erp.sql#orders' -o m.seam.yaml --explain
  seam suggest -s hubspot.json -t salesforce.json --sample-source contacts.csv --min-confidence 0.6
  seam suggest -s shopify-order.json -t 'northwind.sql#orders,order_details' -o m.seam.yaml
  seam accept -m m.seam.yaml --min-confidence 0.8`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return runSuggest(o) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.source, "source", "s", "", "source schema FILE[#SELECTOR]")
	fl.StringVarP(&o.target, "target", "t", "", "target schema FILE[#SELECTOR]")
	fl.StringVarP(&o.out, "output", "o", "", "mapping file to write or merge into (default: print)")
	fl.StringVar(&o.sampleSource, "sample-source", "", "source data sample (CSV, JSONL, XLSX) for data signals")
	fl.StringVar(&o.sampleTarget, "sample-target", "", "target data sample for data signals")
	fl.Float64Var(&o.minConfidence, "min-confidence", 0, "drop proposals below this confidence (default: the matcher's threshold)")
	fl.BoolVar(&o.explain, "explain", false, "print every signal's contribution on stderr")
	_ = cmd.RegisterFlagCompletionFunc("source", completeSchemaRef)
	_ = cmd.RegisterFlagCompletionFunc("target", completeSchemaRef)
	allowPathFlag(cmd, e)
	return cmd
}

// runSuggest proposes rules for o.source -> o.target and writes them,
// merged into o.out when it is an existing mapping.
func runSuggest(o *suggestOptions) error {
	if o.source == "" || o.target == "" {
		return usagef("suggest needs --source and --target")
	}
	if err := distinctFiles([]flagPath{{"--source", fileOf(o.source)}, {"--target", fileOf(o.target)},
		{"--sample-source", o.sampleSource}, {"--sample-target", o.sampleTarget}}, []flagPath{{"-o", o.out}}); err != nil {
		return err
	}
	s, err := schema.Load(o.source, schemaOpts(o.env))
	if err != nil {
		return usageErr(err)
	}
	tables := targetTables(o.target)
	var t *schema.Schema
	if tables == nil {
		if t, err = schema.Load(o.target, schemaOpts(o.env)); err != nil {
			return usageErr(err)
		}
	}
	opts := suggest.Options{MinConfidence: o.minConfidence}
	if opts.SourceSample, err = readSample(o.sampleSource, 1000); err != nil {
		return usageErr(err)
	}
	if opts.TargetSample, err = readSample(o.sampleTarget, 1000); err != nil {
		return usageErr(err)
	}
	// a CSV schema is its own sample: its rows are read as data
	if o.sampleSource == "" && ownRows(o.source) {
		if opts.SourceSample, err = readSample(o.source, 1000); err != nil {
			return usageErr(err)
		}
	}
	if tables != nil {
		return runSuggestTargets(o, s, tables, opts)
	}
	if o.sampleTarget == "" && ownRows(o.target) {
		if opts.TargetSample, err = readSample(o.target, 1000); err != nil {
			return usageErr(err)
		}
	}
	props := suggest.Suggest(s, t, opts)
	if o.explain {
		var b strings.Builder
		suggest.Explain(&b, props)
		if _, err := io.WriteString(o.stderr, safeLines(b.String())); err != nil {
			return err
		}
	}
	m, err := suggestInto(o, s, t)
	if err != nil {
		return err
	}
	added := suggest.Merge(m, props)
	fmt.Fprintf(o.stderr, "suggest: %d proposals (%d new) for %d target fields\n", len(props), added, len(t.Leaves()))
	return writeMapping(o.env, m, o.out)
}

// suggestInto is the mapping suggestions are merged into: o.out when it
// exists, else a new one naming the schemas relative to o.out's folder.
func suggestInto(o *suggestOptions, s, t *schema.Schema) (*mapping.Mapping, error) {
	if m, ok, err := existingOut(o); ok {
		return m, err
	}
	return &mapping.Mapping{
		Seam:   mapping.FormatVersion,
		Name:   s.Name + "-to-" + t.Name,
		Source: mapping.SchemaRef{Schema: mapping.RefFrom(o.out, o.source), Fingerprint: s.Fingerprint()},
		Target: mapping.SchemaRef{Schema: mapping.RefFrom(o.out, o.target), Fingerprint: t.Fingerprint()},
	}, nil
}

// existingOut loads o.out when it names an existing mapping (ok false
// when there is none: a new mapping is written).
func existingOut(o *suggestOptions) (m *mapping.Mapping, ok bool, err error) {
	if o.out == "" || o.out == "-" {
		return nil, false, nil
	}
	if _, err = os.Stat(o.out); errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil // a new mapping
	} else if err != nil {
		return nil, true, usageErr(err)
	}
	m, err = mapping.LoadWith(o.out, mapping.LoadOptions{AllowPaths: o.allowPaths})
	return m, true, usageErr(err)
}

// ownRows: the schema reference is a CSV or TSV file (no selector), whose
// rows are data the suggester can read as a sample.
func ownRows(ref string) bool {
	if strings.Contains(ref, "#") || ref == "-" {
		return false
	}
	switch strings.ToLower(filepath.Ext(ref)) {
	case ".csv", ".tsv":
		return true
	}
	return false
}

// readSample reads up to n records of a data file; "" gives nil.
func readSample(path string, n int) ([]*value.Record, error) {
	if path == "" {
		return nil, nil
	}
	f, err := value.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	format := value.FormatFromPath(path)
	if format == "" {
		return nil, fmt.Errorf("%s: cannot tell the data format from the extension (want .csv, .tsv, .jsonl, .json or .xlsx)", path)
	}
	rd, err := value.NewReader(bufio.NewReader(f), path, format)
	if err != nil {
		return nil, err
	}
	var out []*value.Record
	for len(out) < n {
		r, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
