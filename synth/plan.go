package synth

import (
	"errors"
	"fmt"
	"math"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/synth/edge"
)

// Profile selects which edge-case classes a plan draws: realistic (rare
// but realistic values only), edge (rare plus boundary and representation
// cases) or hostile (everything, injection payloads and naughty strings
// included).
type Profile = edge.Profile

// The profiles.
const (
	Realistic = edge.Realistic
	Edge      = edge.EdgeProfile
	Hostile   = edge.HostileProfile
)

// Plan says what to generate.
type Plan struct {
	// Rows is the number of rows; 0 generates none.
	Rows int64
	// EdgeRate is the share (0..1) of each field's values that are edge
	// cases. Edge slots are scheduled, not drawn: field f carries an edge
	// case in exactly floor(n*EdgeRate + phase_f) of its first n values,
	// and its applicable classes come round-robin in a per-field
	// permutation, so every class appears within ceil(K/EdgeRate) values
	// of a field with K classes. Objects and arrays use half the rate, so
	// that their children are generated too.
	EdgeRate float64
	// Profile picks the classes (default realistic).
	Profile Profile
	// Drift makes the feed drift at a row in the middle third, as real
	// feeds do: from then on one top-level field is renamed, one missing,
	// one retyped and one extra field added, all chosen deterministically
	// from the seed, and every drifted row carries the "drift.*" labels.
	// Records hold the union of the old and new keys (Absent where a key
	// is not in the feed), so CSV has one header for the whole file.
	Drift bool
	// Targets maps a source field path to the target field it feeds (the
	// CLI computes it from a mapping). Edge cases are then also derived from
	// the target's constraints: a field feeding VARCHAR(15) gets 15- and
	// 16-character values.
	Targets map[string]*schema.Field
	// ValidOnly keeps only the edge cases whose every value satisfies the
	// field's own schema (edge.Case.Valid): rare but loadable values. The
	// realistic profile of a dataset sets it, so that the tables load
	// into a database with every constraint.
	ValidOnly bool
	// Keys maps a source field path to the keys of the lookup table a
	// rule reads it through (check.LookupKeys computes it from a
	// mapping): the field's values are drawn from those keys, and a miss
	// is the edge class lookup.miss (contract.go).
	Keys map[string][]string
	// RawCSV makes Write put CSV and TSV cells out exactly as generated; by
	// default text a spreadsheet would run as a formula (the injection
	// payloads of the hostile profile) gets a leading apostrophe.
	RawCSV bool
}

// ErrPlan is wrapped by every plan validation error (the CLI maps it to
// exit code 2).
var ErrPlan = errors.New("invalid synth plan")

// Formats are the output formats Write supports.
var Formats = []string{"csv", "tsv", "jsonl", "xlsx"}

// Validate reports the plan's problems: negative rows, an edge rate
// outside 0..1, an unknown profile.
func (p Plan) Validate() error {
	var errs []error
	if p.Rows < 0 {
		errs = append(errs, fmt.Errorf("%w: rows must be 0 or more, got %d", ErrPlan, p.Rows))
	}
	if math.IsNaN(p.EdgeRate) || p.EdgeRate < 0 || p.EdgeRate > 1 {
		errs = append(errs, fmt.Errorf("%w: edge rate must be between 0 and 1, got %v", ErrPlan, p.EdgeRate))
	}
	if p.Profile != "" && !p.Profile.Valid() {
		errs = append(errs, fmt.Errorf("%w: unknown profile %q (want realistic, edge or hostile)", ErrPlan, p.Profile))
	}
	return errors.Join(errs...)
}

// ValidateFormat reports an output format Write does not support.
func ValidateFormat(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("%w: unknown output format %q (want csv, tsv, jsonl or xlsx)", ErrPlan, format)
}

func (p Plan) profile() Profile {
	if p.Profile == "" {
		return Realistic
	}
	return p.Profile
}
