package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/suggest"
)

// targetTables splits --target FILE#t1,t2 into one reference per table;
// nil when it names one target.
func targetTables(ref string) []string {
	file, sel := schema.SplitRef(ref)
	if !strings.Contains(sel, ",") {
		return nil
	}
	var out []string
	for _, n := range strings.Split(sel, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, file+"#"+n)
		}
	}
	return out
}

// runSuggestTargets proposes a mapping with several targets (#12.8): the
// first table one row per source record, the others from the source
// array that explains each best (each:), children of the table their
// foreign key references (parent:), the parent's key carried.
func runSuggestTargets(o *suggestOptions, s *schema.Schema, refs []string, opts suggest.Options) error {
	dsts := make([]*schema.Schema, len(refs))
	for i, ref := range refs {
		t, err := schema.Load(ref, schemaOpts(o.env))
		if err != nil {
			return usageErr(err)
		}
		dsts[i] = t
	}
	plans := suggest.SuggestTargets(s, dsts, opts)
	m, err := suggestPlanInto(o, s)
	if err != nil {
		return err
	}
	if m.Target.Schema != "" && len(m.Extra) == 0 {
		return usagef("%s maps one target; suggest for several targets writes a new mapping or merges into one with targets:", o.out)
	}
	fields, added := 0, 0
	for i, tp := range plans {
		if o.explain {
			if err := explainTarget(o.stderr, tp); err != nil {
				return err
			}
		}
		ref := mapping.SchemaRef{Schema: mapping.RefFrom(o.out, refs[i]), Fingerprint: tp.Schema.Fingerprint()}
		part := &mapping.Mapping{IgnoreSource: m.IgnoreSource, Lookups: m.Lookups}
		if i == 0 {
			if m.Target.Schema == "" {
				m.Target, m.TargetName = ref, tp.Name
			}
			part.Rules = m.Rules
			added += suggest.Merge(part, tp.Props)
			m.Rules = part.Rules
		} else {
			t := extraNamed(m, tp.Name)
			if t == nil {
				t = &mapping.Target{Name: tp.Name, Schema: ref, Each: tp.Each, Parent: tp.Parent}
				m.Extra = append(m.Extra, t)
			}
			part.Rules = t.Rules
			added += suggest.Merge(part, tp.Props)
			t.Rules = part.Rules
		}
		m.Lookups = part.Lookups // a cross-walk's table, to be filled
		fields += len(tp.Schema.Leaves())
	}
	n := 0
	for _, tp := range plans {
		n += len(tp.Props)
	}
	fmt.Fprintf(o.stderr, "suggest: %d proposals (%d new) for %d target fields in %d targets\n", n, added, fields, len(plans))
	return writeMapping(o.env, m, o.out)
}

// suggestPlanInto is the mapping a several-target suggestion goes into:
// o.out when it exists, else a new one.
func suggestPlanInto(o *suggestOptions, s *schema.Schema) (*mapping.Mapping, error) {
	if m, ok, err := existingOut(o); ok {
		return m, err
	}
	return &mapping.Mapping{
		Seam:   mapping.FormatVersion,
		Name:   s.Name + "-to-" + strings.ReplaceAll(schemaSelector(o.target), ",", "-"),
		Source: mapping.SchemaRef{Schema: mapping.RefFrom(o.out, o.source), Fingerprint: s.Fingerprint()},
	}, nil
}

func schemaSelector(ref string) string {
	_, sel := schema.SplitRef(ref)
	return sel
}

// explainTarget prints a target's plan (its each:, parent: and why) and
// the signals of its proposals.
func explainTarget(w io.Writer, tp suggest.TargetPlan) error {
	var b strings.Builder
	fmt.Fprintf(&b, "target %s", tp.Name)
	if tp.Each != "" {
		fmt.Fprintf(&b, " (each: %s", tp.Each)
		if tp.Parent != "" {
			fmt.Fprintf(&b, ", parent: %s", tp.Parent)
		}
		b.WriteString(")")
	}
	b.WriteString("\n")
	for _, why := range tp.Why {
		fmt.Fprintf(&b, "  %s\n", why)
	}
	suggest.Explain(&b, tp.Props)
	_, err := io.WriteString(w, safeLines(b.String()))
	return err
}

func extraNamed(m *mapping.Mapping, name string) *mapping.Target {
	for _, t := range m.Extra {
		if t.Name == name {
			return t
		}
	}
	return nil
}
