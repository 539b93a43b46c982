package main

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/spf13/cobra"
)

// acceptOptions are the flags of seam accept.
type acceptOptions struct {
	*env
	mapping, out  string
	minConfidence float64
	rules         []string
}

func newAcceptCmd(e *env) *cobra.Command {
	o := &acceptOptions{env: e}
	cmd := &cobra.Command{
		Use:   "accept --mapping M [--min-confidence X] [--rule TARGET...] [-o OUT]",
		Short: "Accept suggested rules so that run and check use them",
		Long: `Rules written by seam suggest have status: suggested and do nothing until
accepted: run, check and export leave them out. seam accept sets status:
accepted on the suggested rules (all of them, those at or above
--min-confidence, or those writing the --rule targets) and rewrites the
mapping file keeping its comments and key order, like every save: written to a
temporary file and renamed, the previous version kept as FILE~. -o writes to
another file (- for stdout). Rejected rules are left alone.`,
		Example: `  seam suggest -s orders.schema.json -t erp.sql#orders -o m.seam.yaml
  seam accept --mapping m.seam.yaml --min-confidence 0.8
  seam accept --mapping m.seam.yaml --rule email --rule total`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return runAccept(o) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.mapping, "mapping", "m", "", "mapping file (*.seam.yaml)")
	fl.Float64Var(&o.minConfidence, "min-confidence", 0, "accept only suggestions with at least this confidence (0..1)")
	fl.StringArrayVar(&o.rules, "rule", nil, "accept the suggested rule writing this target (repeatable)")
	fl.StringVarP(&o.out, "output", "o", "", "write the mapping here instead of rewriting --mapping (- for stdout)")
	_ = cmd.RegisterFlagCompletionFunc("rule", func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		m, err := mapping.LoadWith(o.mapping, mapping.LoadOptions{AllowPaths: e.allowPaths})
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, r := range suggestedRules(m) {
			out = append(out, r.Target)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	allowPathFlag(cmd, e)
	return cmd
}

// runAccept accepts the suggested rules o selects and writes the mapping.
func runAccept(o *acceptOptions) error {
	if o.mapping == "" || o.mapping == "-" {
		return usagef("accept needs --mapping FILE")
	}
	if o.minConfidence < 0 || o.minConfidence > 1 {
		return usagef("--min-confidence must be between 0 and 1, got %g", o.minConfidence)
	}
	m, err := loadMapping(o.env, o.mapping)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, t := range o.rules {
		want[t] = false
	}
	accepted, left := 0, 0
	for _, r := range suggestedRules(m) {
		if _, named := want[r.Target]; named {
			want[r.Target] = true
		} else if len(o.rules) > 0 {
			left++
			continue
		}
		if r.Confidence < o.minConfidence {
			left++
			continue
		}
		r.Status = mapping.StatusAccepted
		accepted++
	}
	for _, t := range o.rules {
		if !want[t] {
			return usagef("--rule %s: no suggested rule writes %s in %s", textsafe.Terminal(t), textsafe.Terminal(t), o.mapping)
		}
	}
	out := o.out
	if out == "" {
		out = o.mapping
	}
	if err := distinctFiles(mappingFiles(m, nil, nil), []flagPath{{"-o", out}}); err != nil {
		return err
	}
	if err := writeMapping(o.env, m, out); err != nil {
		return err
	}
	fmt.Fprintf(o.stderr, "accept: %d suggested rules accepted, %d left suggested\n", accepted, left)
	return nil
}

// suggestedRules lists the rules that are suggested and not yet accepted:
// the engine leaves them out.
func suggestedRules(m *mapping.Mapping) []*mapping.Rule {
	var out []*mapping.Rule
	for _, t := range m.Targets() { // every target of a targets: mapping
		for _, r := range t.Rules {
			if r.Status == mapping.StatusSuggested {
				out = append(out, r)
			}
		}
	}
	return out
}

// warnInactive says on stderr how many rules are suggested and therefore
// not run (a mapping fresh from seam suggest otherwise runs as if empty).
func warnInactive(e *env, m *mapping.Mapping) {
	rs := suggestedRules(m)
	if len(rs) == 0 {
		return
	}
	names := make([]string, 0, len(rs))
	for i, r := range rs {
		if i == 5 {
			names = append(names, fmt.Sprintf("+%d more", len(rs)-5))
			break
		}
		names = append(names, textsafe.Terminal(r.Target))
	}
	file := m.Path
	if file == "" {
		file = "M"
	}
	fmt.Fprintf(e.stderr, "seam: %s not active: suggested and not yet accepted (%s); seam accept --mapping %s accepts them\n",
		plural(len(rs), "rule is", "rules are"), strings.Join(names, ", "), textsafe.Terminal(file))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
