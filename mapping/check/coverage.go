package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/xrash/smetrics"
)

// coverage: D01 unmapped_required, D02 dropped_source, D03 unknown_field,
// D06 collision, D07 split.
func coverage(c *ctx) []Finding {
	var out []Finding
	out = append(out, unknownFields(c)...)
	out = append(out, unmappedRequired(c)...)
	out = append(out, droppedSource(c)...)
	out = append(out, collisions(c)...)
	out = append(out, splits(c)...)
	return out
}

// didYouMean finds the schema path closest to p: equal after folding case
// and separators first, else the best Jaro-Winkler match of at least 0.88.
func didYouMean(s *schema.Schema, p string) (string, string) {
	if s == nil {
		return "", ""
	}
	fp := fold(p)
	best, bestScore := "", 0.0
	for _, f := range s.Flatten() {
		if fold(f.Path) == fp {
			return f.Path, "equal to " + f.Path + " after folding case and separators"
		}
		if sc := smetrics.JaroWinkler(strings.ToLower(f.Path), strings.ToLower(p), 0.7, 4); sc > bestScore {
			best, bestScore = f.Path, sc
		}
	}
	if bestScore >= 0.88 {
		return best, "similar name (Jaro-Winkler " + strconv.FormatFloat(bestScore, 'f', 2, 64) + ")"
	}
	return "", ""
}

func unknownFields(c *ctx) []Finding {
	var out []Finding
	for _, ri := range c.rules {
		if c.dst != nil && ri.tf == nil {
			f := ri.finding(kind.UnknownField, diag.Error, "D03",
				fmt.Sprintf("target %s is not a field of %s", ri.r.Target, schemaName(c.dst)))
			if alt, why := didYouMean(c.dst, ri.r.Target); alt != "" {
				f.Message += "; did you mean " + alt + "?"
				f.Why = append(f.Why, why)
			}
			out = append(out, f)
		}
		if c.src == nil {
			continue
		}
		for i, p := range ri.r.From {
			if ri.srcs[i] != nil {
				continue
			}
			f := ri.finding(kind.UnknownField, diag.Error, "D03",
				fmt.Sprintf("source %s is not a field of %s: the rule would always read absent", p, schemaName(c.src)))
			if alt, why := didYouMean(c.src, p); alt != "" {
				f.Message += "; did you mean " + alt + "?"
				f.Why = append(f.Why, why)
			}
			out = append(out, f)
		}
	}
	return out
}

func schemaName(s *schema.Schema) string {
	if s.Name != "" {
		return s.Name
	}
	if r := s.Ref(); r != "" {
		return r
	}
	return "the schema"
}

func unmappedRequired(c *ctx) []Finding {
	if c.dst == nil {
		return nil
	}
	suggested := map[string]bool{}
	if c.m != nil {
		for _, r := range c.m.Rules {
			if r.Status == mapping.StatusSuggested {
				suggested[r.Target] = true
			}
		}
	}
	var out []Finding
	for _, f := range requiredUnmapped(c) {
		_, why := c.requiredTarget(f)
		msg := fmt.Sprintf("required target %s (%s) has no rule", f.Path, f.TypeString())
		if suggested[f.Path] {
			// The rule is there but inactive: say so, or the user looks
			// at the file, sees a rule, and doubts the report.
			msg = fmt.Sprintf("required target %s (%s) has a suggested rule not yet accepted (seam accept)", f.Path, f.TypeString())
		}
		out = append(out, Finding{Kind: kind.UnmappedRequired, Severity: diag.Error, Detector: "D01",
			Target: f.Path, Source: []string{}, Message: msg, Why: []string{why}})
	}
	// A sampled target column that had a value in every row is not
	// declared required (the engine writes null into it), but leaving it
	// empty is worth a look.
	for _, f := range c.dst.Flatten() {
		if !f.Sampled || !f.Required || f.Nullable || c.systemReason(f) != "" || c.written(f.Path) || !c.parentsWritten(f.Path) || c.targetIgnored(f.Path) {
			continue
		}
		out = append(out, Finding{Kind: kind.UnmappedRequired, Severity: diag.Warn, Detector: "D01",
			Target: f.Path, Source: []string{},
			Message: fmt.Sprintf("target %s (%s) has no rule, though the target sample has a value in every row: it is written empty", f.Path, f.TypeString()),
			Why:     []string{"target sample: no empty value"}})
	}
	return out
}

// requiredUnmapped lists required, writable target fields that no active
// rule writes (directly, or through a parent or child path).
func requiredUnmapped(c *ctx) []*schema.Field {
	var out []*schema.Field
	for _, f := range c.dst.Flatten() {
		if req, _ := c.requiredTarget(f); !req || c.systemReason(f) != "" || c.targetIgnored(f.Path) {
			continue
		}
		if c.written(f.Path) || !c.parentsWritten(f.Path) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// written reports whether a rule writes path, an ancestor or a descendant.
func (c *ctx) written(path string) bool {
	if c.writtenSet == nil {
		c.writtenSet = newPathSet(len(c.byTarget))
		for t := range c.byTarget {
			c.writtenSet.add(t)
		}
	}
	return c.writtenSet.covers(path)
}

// parentsWritten: a required child of an optional object that is not
// written at all is not required.
func (c *ctx) parentsWritten(path string) bool {
	p := path
	for {
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return true
		}
		p = strings.TrimSuffix(p[:i], "[]")
		pf := c.dst.Lookup(p)
		if pf == nil {
			return true
		}
		if !pf.Required && !c.written(p) {
			return false
		}
	}
}

// isUnder reports whether path lies below parent ("a.b" under "a",
// "items[].sku" under "items").
func isUnder(path, parent string) bool {
	return strings.HasPrefix(path, parent+".") || strings.HasPrefix(path, parent+"[]")
}

// readPaths: every source path a rule reads, through From or its expression.
func (c *ctx) readPaths() map[string]bool {
	read := map[string]bool{}
	for _, ri := range c.rules {
		for _, p := range ri.r.From {
			read[p] = true
		}
		if c.src != nil && ri.x.read != nil {
			for _, p := range ri.x.read.Paths {
				if c.src.Lookup(p) != nil {
					read[p] = true
				}
			}
		}
	}
	return read
}

// targetIgnored reports a target field left unmapped on purpose: in
// ignore_target, or under an object that is.
func (c *ctx) targetIgnored(path string) bool {
	if c.m == nil || len(c.m.IgnoreTarget)+len(c.m.OwnIgnoreTarget) == 0 {
		return false
	}
	if c.ignoredTargetSet == nil {
		ig := c.m.IgnoredTargets()
		c.ignoredTargetSet = newPathSet(len(ig))
		for _, ig := range ig {
			c.ignoredTargetSet.add(ig)
		}
	}
	return c.ignoredTargetSet.within(path)
}

func (c *ctx) ignored(path string) bool {
	if c.ignoredSet == nil {
		c.ignoredSet = newPathSet(len(c.m.IgnoreSource))
		for _, ig := range c.m.IgnoreSource {
			c.ignoredSet.add(ig)
		}
	}
	return c.ignoredSet.within(path)
}

func droppedSource(c *ctx) []Finding {
	if c.src == nil || c.m == nil {
		return nil
	}
	read := c.readPaths()
	readSet := newPathSet(len(read))
	for p := range read {
		readSet.add(p)
	}
	touched := func(f *schema.Field) bool { return readSet.covers(f.Path) }
	// Unmapped target names, folded, for "did you mean" escalation.
	free := map[string]string{}
	if c.dst != nil {
		for _, f := range valueFields(c.dst) {
			if !c.written(f.Path) && c.systemReason(f) == "" {
				free[fold(f.Name)] = f.Path
			}
		}
	}
	// a joined dataset is reference data brought in by key: the columns
	// no rule reads are not source data dropped
	joined := map[string]bool{}
	for _, j := range c.m.Joins {
		joined[j.Name] = true
	}
	var out []Finding
	var walk func(fs []*schema.Field)
	walk = func(fs []*schema.Field) {
		for _, f := range fs {
			if c.ignored(f.Path) || joined[f.Path] {
				continue
			}
			if touched(f) {
				if !read[f.Path] {
					walk(f.Children)
				}
				continue
			}
			fd := Finding{Kind: kind.DroppedSource, Severity: diag.Warn, Detector: "D02",
				Source: []string{f.Path}, Message: fmt.Sprintf("source %s feeds no rule and is not in ignore_source", f.Path),
				Why: []string{"no rule's from or expression reads it"}}
			if n := countLeaves(f); n > 1 {
				fd.Message = fmt.Sprintf("source %s (%d fields) feeds no rule and is not in ignore_source", f.Path, n)
			}
			if t, ok := free[fold(f.Name)]; ok {
				fd.Severity = diag.Error
				fd.Target = t
				fd.Message += "; unmapped target " + t + " has the same name"
				fd.Why = append(fd.Why, "folded names equal: "+f.Name+" ~ "+t)
			}
			out = append(out, fd)
		}
	}
	walk(c.src.Fields)
	return groupDropped(out)
}

// groupedDropped: above this many plain (warn) dropped_source findings
// they are reported as one finding listing every field.
const groupedDropped = 12

func groupDropped(fs []Finding) []Finding {
	var keep, plain []Finding
	for _, f := range fs {
		if f.Severity == diag.Warn {
			plain = append(plain, f)
		} else {
			keep = append(keep, f)
		}
	}
	if len(plain) <= groupedDropped {
		return fs
	}
	g := Finding{Kind: kind.DroppedSource, Severity: diag.Warn, Detector: "D02",
		Why: []string{"no rule's from or expression reads them", "list them in ignore_source to drop them on purpose"}}
	for _, f := range plain {
		g.Source = append(g.Source, f.Source...)
	}
	show := g.Source[:8]
	g.Message = fmt.Sprintf("%d source fields feed no rule and are not in ignore_source: %s and %d more",
		len(g.Source), strings.Join(show, ", "), len(g.Source)-len(show))
	return append(keep, g)
}

func countLeaves(f *schema.Field) int {
	if f.IsLeaf() {
		return 1
	}
	n := 0
	for _, ch := range f.Children {
		n += countLeaves(ch)
	}
	return n
}

func collisions(c *ctx) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for _, ri := range c.rules {
		rs := c.byTarget[ri.r.Target]
		if len(rs) > 1 && !seen[ri.r.Target] {
			seen[ri.r.Target] = true
			var srcs, names []string
			for _, r := range rs {
				srcs = append(srcs, r.r.From...)
				names = append(names, r.r.Name())
			}
			out = append(out, Finding{Kind: kind.Collision, Severity: diag.Error, Detector: "D06", Rule: strings.Join(names, ","),
				Target: ri.r.Target, Source: srcs,
				Message: fmt.Sprintf("%d rules write %s; the last one wins row by row", len(rs), ri.r.Target),
				Why:     []string{"rules " + strings.Join(names, ", ")}})
		}
		vf := ri.valueFrom()
		switch {
		case len(vf) < 2 || ri.x.split:
		case !ri.x.combine:
			out = append(out, ri.finding(kind.Collision, diag.Warn, "D06",
				fmt.Sprintf("%d sources feed %s with no explicit combine (coalesce, concat, max ...)", len(vf), ri.r.Target),
				"from: "+strings.Join(ri.r.From, ", ")))
		case ri.x.coalesce && !ri.x.concat:
			out = append(out, ri.finding(kind.Collision, diag.Info, "D06",
				fmt.Sprintf("%s keeps the first non-null of %s: when several are set, the others are lost", ri.r.Target, strings.Join(vf, ", ")),
				"coalesce in: "+ri.r.Expr, "the data check counts rows where inputs differ"))
		}
	}
	return out
}

// splits: one source value split across several targets (D07).
func splits(c *ctx) []Finding {
	bySrc := map[string][]*ruleInfo{}
	var order []string
	for _, ri := range c.rules {
		if !ri.x.split || len(ri.r.From) != 1 {
			continue
		}
		p := ri.r.From[0]
		if bySrc[p] == nil {
			order = append(order, p)
		}
		bySrc[p] = append(bySrc[p], ri)
	}
	var out []Finding
	for _, p := range order {
		for _, ri := range bySrc[p] {
			f := ri.finding(kind.Split, diag.Warn, "D07",
				fmt.Sprintf("%s is split to fill %s: single-token values, more than two tokens and family-name-first orders split wrongly", p, ri.r.Target),
				"split functions: "+strings.Join(ri.x.funcs, ", "))
			if req, why := c.requiredTarget(orNil(ri.tf)); req {
				f.Why = append(f.Why, "target "+why+": a one-word value leaves it empty")
			}
			out = append(out, f)
		}
	}
	return out
}

func orNil(f *schema.Field) *schema.Field {
	if f == nil {
		return &schema.Field{}
	}
	return f
}
