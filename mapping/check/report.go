package check

import (
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// Report is the result of `seam check`: SPEC.md's findings document.
type Report struct {
	// Seam is the format version (1).
	Seam int
	// Mapping is the mapping file as the user named it.
	Mapping string
	// Rows counts the rows of the run. In the report of a plan (several
	// targets, each:, joins) they are the sums over its targets: every
	// row offered to a target is written or rejected there.
	Rows Rows
	// Records is how many source records a plan read (JSON "records",
	// only in a plan's report); Targets its counts per target (JSON
	// "targets").
	Records  int64
	Targets  []TargetRows
	Coverage Coverage
	// RunCoverage is what the rows exercised (RunOptions.Coverage); nil
	// when coverage was not asked for.
	RunCoverage *RunCoverage
	Findings    []Finding
	// Rules names every active rule (JUnit writes one test case per rule);
	// not part of the JSON document.
	Rules []string
	// Inactive names the targets of the rules that are suggested and not
	// yet accepted: the engine leaves them out, and every report says so
	// (JSON "inactive_rules": N and "inactive": [targets]).
	Inactive []string
}

// Rows counts the data run: Read = Written + Rejected.
type Rows struct {
	Read, Written, Rejected int64
}

// TargetRows is one target's counts in the report of a plan.
type TargetRows struct {
	Name string
	Rows Rows
}

// Coverage says how much of the target the mapping writes.
type Coverage struct {
	TargetFields, Mapped int
	RequiredUnmapped     []string
	// Ignored are the target value fields no rule writes on purpose
	// (ignore_target); they count as covered.
	Ignored []string
	// Required are the target fields a rule must write (required,
	// writable, not left out on purpose), mapped or not: what the TUI's
	// required bar counts.
	Required []string
}

type reportJSON struct {
	Seam     int              `json:"seam"`
	Mapping  string           `json:"mapping"`
	Rows     rowsJSON         `json:"rows"`
	Records  int64            `json:"records,omitempty"`
	Targets  []targetRowsJSON `json:"targets,omitempty"`
	Coverage coverageJSON     `json:"coverage"`
	// InactiveRules counts the suggested rules not yet accepted; Inactive
	// names their targets.
	InactiveRules int       `json:"inactive_rules"`
	Inactive      []string  `json:"inactive,omitempty"`
	Findings      []Finding `json:"findings"`
}

type rowsJSON struct {
	Read     int64 `json:"read"`
	Written  int64 `json:"written"`
	Rejected int64 `json:"rejected"`
}

type targetRowsJSON struct {
	Name string   `json:"name"`
	Rows rowsJSON `json:"rows"`
}

type coverageJSON struct {
	TargetFields     int      `json:"target_fields"`
	Mapped           int      `json:"mapped"`
	RequiredUnmapped []string `json:"required_unmapped"`
	// Ignored lists the target fields left unmapped on purpose.
	Ignored []string `json:"ignored,omitempty"`
	// The run coverage (report_cover.go), only with --coverage.
	Summary       string        `json:"summary,omitempty"`
	Rules         *rulesJSON    `json:"rules,omitempty"`
	LookupEntries *lookupsJSON  `json:"lookup_entries,omitempty"`
	Branches      *branchesJSON `json:"branches,omitempty"`
	EdgeClasses   *edgesJSON    `json:"edge_classes,omitempty"`
}

// MarshalJSON renders the report exactly in SPEC.md's shape.
func (r *Report) MarshalJSON() ([]byte, error) {
	j := reportJSON{Seam: r.Seam, Mapping: r.Mapping,
		Rows:          rowsJSON{r.Rows.Read, r.Rows.Written, r.Rows.Rejected},
		Coverage:      coverageJSON{TargetFields: r.Coverage.TargetFields, Mapped: r.Coverage.Mapped, RequiredUnmapped: r.Coverage.RequiredUnmapped, Ignored: r.Coverage.Ignored},
		InactiveRules: len(r.Inactive), Inactive: r.Inactive,
		Findings: r.Findings}
	if j.Seam == 0 {
		j.Seam = 1
	}
	j.Records = r.Records
	for _, t := range r.Targets {
		j.Targets = append(j.Targets, targetRowsJSON{t.Name, rowsJSON{t.Rows.Read, t.Rows.Written, t.Rows.Rejected}})
	}
	j.Coverage.addRun(r.RunCoverage)
	if j.Coverage.RequiredUnmapped == nil {
		j.Coverage.RequiredUnmapped = []string{}
	}
	if j.Findings == nil {
		j.Findings = []Finding{}
	}
	return marshal(j)
}

// NewReport builds a report from a mapping, its schemas (either may be
// nil) and findings: coverage is computed here, rows are left for the
// caller (Stats of the run).
func NewReport(mappingName string, m *mapping.Mapping, src, dst *schema.Schema, findings []Finding) *Report {
	r := &Report{Seam: 1, Mapping: mappingName, Findings: findings}
	r.Coverage = CoverageOf(m, src, dst)
	if m != nil {
		for _, rl := range m.Rules {
			if rl.Active() {
				r.Rules = append(r.Rules, rl.Name())
			}
			if rl.Status == mapping.StatusSuggested {
				r.Inactive = append(r.Inactive, rl.Target)
			}
		}
	}
	SortFindings(r.Findings)
	return r
}

// CoverageOf counts the target's value fields (leaves and scalars), how
// many of them a rule writes, and the required ones none writes.
func CoverageOf(m *mapping.Mapping, src, dst *schema.Schema) Coverage {
	var cv Coverage
	if dst == nil || m == nil {
		return cv
	}
	c := newCtx(m, src, dst)
	for _, f := range valueFields(dst) {
		cv.TargetFields++
		if c.written(f.Path) {
			cv.Mapped++
		} else if c.targetIgnored(f.Path) {
			cv.Ignored = append(cv.Ignored, f.Path)
		}
	}
	for _, f := range requiredUnmapped(c) {
		cv.RequiredUnmapped = append(cv.RequiredUnmapped, f.Path)
	}
	for _, f := range dst.Flatten() {
		if req, _ := c.requiredTarget(f); req && c.systemReason(f) == "" && !c.targetIgnored(f.Path) && c.parentsWritten(f.Path) {
			cv.Required = append(cv.Required, f.Path)
		}
	}
	return cv
}

// ApplyAcks marks every finding that an acknowledged entry matches (same
// kind, and same target; an ack without a target matches every target of
// its kind). Marked findings stay in the report but no longer count for
// ExitCode.
func ApplyAcks(r *Report, acks []*mapping.Ack) {
	for i := range r.Findings {
		f := &r.Findings[i]
		for _, a := range acks {
			if a == nil || kind.Kind(a.Kind) != f.Kind {
				continue
			}
			if a.Target == "" || a.Target == f.Target || a.Target == f.Rule {
				f.Acknowledged = a
				break
			}
		}
	}
}

// ParseSeverity reads "error", "warn"/"warning" or "info".
func ParseSeverity(s string) (diag.Severity, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error", "":
		return diag.Error, true
	case "warn", "warning":
		return diag.Warn, true
	case "info":
		return diag.Info, true
	}
	return diag.Error, false
}

// ExitCode is 1 when an unacknowledged finding is at or above failOn
// (a diag.Severity, or its name as a string; "" means error), else 0.
// An unknown severity name is treated as "error".
func (r *Report) ExitCode(failOn any) int {
	var sev diag.Severity
	switch v := failOn.(type) {
	case diag.Severity:
		sev = v
	case string:
		sev, _ = ParseSeverity(v)
	default:
		sev = diag.Error
	}
	for _, f := range r.Findings {
		if f.Acknowledged == nil && f.Severity <= sev {
			return 1
		}
	}
	return 0
}

// Counts returns the number of findings per severity, acknowledged ones
// apart.
func (r *Report) Counts() (errors, warns, infos, acked int) {
	for _, f := range r.Findings {
		if f.Acknowledged != nil {
			acked++
			continue
		}
		switch f.Severity {
		case diag.Error:
			errors++
		case diag.Warn:
			warns++
		default:
			infos++
		}
	}
	return
}

// UnusedAcks returns the acknowledged entries that match no finding of
// the report, and whether each names a kind this package knows: stale or
// misspelt acks are worth a warning, since they silence nothing.
func UnusedAcks(r *Report, acks []*mapping.Ack) (unused []*mapping.Ack, unknownKind []bool) {
	for _, a := range acks {
		if a == nil {
			continue
		}
		used := false
		for _, f := range r.Findings {
			if f.Acknowledged == a {
				used = true
				break
			}
		}
		if !used {
			unused = append(unused, a)
			unknownKind = append(unknownKind, !kind.Kind(a.Kind).Known())
		}
	}
	return unused, unknownKind
}
