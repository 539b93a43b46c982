package suggest

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/transform"
)

// ToRules turns proposals into mapping rules with status "suggested", one
// rule per target (a 1:n split gives one rule per part). A proposal that
// would not compile once accepted becomes no rule: a target inside an
// array (map the array field itself), a source path through an array
// without an expression, a cast between types the engine cannot convert.
func ToRules(props []Proposal) []*mapping.Rule {
	var out []*mapping.Rule
	for _, p := range props {
		if p.noRule {
			continue
		}
		for i, t := range p.Targets {
			if strings.Contains(t, "[]") {
				continue
			}
			if p.ExprFor(i) == "" && len(p.Sources) == 1 && strings.Contains(p.Sources[0], "[]") {
				continue
			}
			out = append(out, &mapping.Rule{
				Target:     t,
				From:       append([]string(nil), p.Sources...),
				Expr:       p.ExprFor(i),
				Status:     mapping.StatusSuggested,
				Confidence: p.Confidence,
				Why:        p.Why(),
			})
		}
	}
	return out
}

// Merge adds proposals to m as suggested rules. Accepted rules, rules
// without a status and rejected rules are never touched; a target that
// already has an accepted rule gets no suggestion, nor does a suggestion
// the user rejected before (same target, same sources). Suggested rules
// from an earlier run are stale: they are replaced (in place when the
// target is proposed again, dropped otherwise). It returns how many rules
// were added.
func Merge(m *mapping.Mapping, props []Proposal) (added int) {
	if m == nil {
		return 0
	}
	active := map[string]bool{}
	rejected := map[string]bool{}
	for _, r := range m.Rules {
		switch {
		case r.Active():
			active[r.Target] = true
		case r.Status == mapping.StatusRejected:
			rejected[r.Target+"\x00"+strings.Join(r.From, "\x00")] = true
		}
	}
	ignored := map[string]bool{}
	for _, s := range m.IgnoreSource {
		ignored[s] = true
	}
	fresh := map[string]*mapping.Rule{}
	var order []string
	for _, r := range ToRules(props) {
		if active[r.Target] || rejected[r.Target+"\x00"+strings.Join(r.From, "\x00")] {
			continue
		}
		skip := false
		for _, s := range r.From {
			if ignored[s] {
				skip = true
			}
		}
		if skip || fresh[r.Target] != nil {
			continue
		}
		fresh[r.Target] = r
		order = append(order, r.Target)
	}
	placed := map[string]bool{}
	kept := m.Rules[:0:0]
	for _, r := range m.Rules {
		if r.Status != mapping.StatusSuggested {
			kept = append(kept, r)
			continue
		}
		if nr := fresh[r.Target]; nr != nil && !placed[r.Target] {
			nr.ID = r.ID
			kept = append(kept, nr)
			placed[r.Target] = true
			added++
		}
	}
	for _, t := range order {
		if !placed[t] {
			kept = append(kept, fresh[t])
			added++
		}
	}
	m.Rules = kept
	addLookupStubs(m)
	return added
}

// addLookupStubs gives every table a suggested lookup(...) names an empty
// entry in m.Lookups, so the rule compiles once accepted; each key then is
// a lookup_miss that check lists, which is the table to fill in.
func addLookupStubs(m *mapping.Mapping) {
	for _, r := range m.Rules {
		rd, err := transform.ReadExpr(r.Expr)
		if err != nil {
			continue
		}
		for _, name := range rd.Lookups {
			if m.LookupNamed(name) == nil {
				m.Lookups = append(m.Lookups, &mapping.Lookup{Name: name})
			}
		}
	}
}

// Explain prints each proposal with its reasons and their contributions,
// aligned:
//
//	MailingPostalCode <- zip                         0.83
//	    +0.55  name         zip ~ MailingPostalCode (zip=postal code synonym)
func Explain(w io.Writer, props []Proposal) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, p := range props {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		flag := ""
		if p.Decoy {
			flag = "  [decoy?]"
		}
		fmt.Fprintf(tw, "%s <- %s  %.2f%s\n", strings.Join(p.Targets, ", "), strings.Join(p.Sources, " + "), p.Confidence, flag)
		if p.Expr != "" {
			fmt.Fprintf(tw, "    expr\t%s\n", p.Expr)
		}
		var sum float64
		for _, r := range p.Reasons {
			fmt.Fprintf(tw, "    %+.2f\t%s\t%s\n", r.Contribution, r.Signal, r.Detail)
			sum += r.Contribution
		}
		if d := sum - p.Confidence; d > 0.015 || d < -0.015 {
			fmt.Fprintf(tw, "    =%.2f\t\tsum of the signals, held to [0, 1] (or capped by a veto)\n", sum)
		}
	}
	tw.Flush()
}
